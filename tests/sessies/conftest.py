import pytest

from tests.sessies.factories import make_sessie


@pytest.fixture
def raadssessie(personas):
    return make_sessie(
        personas.griffier, personas.griffie, openbaar=True, location="Raadzaal"
    )
