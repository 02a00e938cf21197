"""The 403 page names whom to ask, by the reader's role."""

import pytest

from partners.models import Membership, Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

#: A page only the beheerder may open.
BEHEER_ONLY = "/audittrail/"


def _forbidden(client_for, user, url=BEHEER_ONLY):
    response = client_for(user).get(url)
    assert response.status_code == 403
    return response.content.decode()


def test_a_medewerker_is_sent_to_the_coordinator_of_their_organisation(
    personas, client_for
):
    page = _forbidden(client_for, personas.medewerker)
    assert "coördinator van uw organisatie" in page
    assert personas.coordinator.email in page
    # The coordinator of another partner cannot grant this person anything.
    other = make_user("coord@welzijn.test", personas.welzijn, Role.COORDINATOR)
    assert other.email not in _forbidden(client_for, personas.medewerker)


def test_a_raadslid_is_sent_to_the_griffie(personas, client_for):
    page = _forbidden(client_for, personas.raadslid, "/gebieden/")
    assert "griffie" in page
    assert personas.griffier.email in page
    assert "coördinator" not in page


@pytest.mark.parametrize("name", ["coordinator", "griffier", "procesbegeleider"])
def test_other_roles_are_sent_to_application_management(personas, client_for, name):
    page = _forbidden(client_for, getattr(personas, name))
    assert "functioneel beheer" in page
    assert personas.beheerder.email in page


def test_the_page_names_only_active_people(personas, client_for):
    personas.coordinator.is_active = False
    personas.coordinator.save()
    assert personas.coordinator.email not in _forbidden(client_for, personas.medewerker)
    assert Membership.objects.filter(user=personas.coordinator).exists()
