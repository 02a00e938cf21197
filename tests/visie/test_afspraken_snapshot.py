"""A released version shows its afspraken with the Dutch status label."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tests.visie.factories import make_document
from visie import services
from visie.models import Afspraak

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language", ["nl", None], ids=["released-in-dutch", "released-untranslated"]
)
def test_the_version_page_shows_the_dutch_status_however_it_was_released(
    language, personas, client_for
):
    document, _ = make_document(personas)
    services.afspraak_save(
        document=document,
        user=personas.procesbegeleider,
        title="Buurtoverleg Souburgh",
        rollen={personas.welzijn: "A"},
        deadline=date(2027, 3, 1),
        status=Afspraak.Status.LOPEND,
    )
    with translation.override(language):
        versie = services.versie_release(
            document=document, user=personas.procesbegeleider
        )
    response = client_for(personas.procesbegeleider).get(
        reverse("visie:versie_detail", kwargs={"pk": versie.pk})
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert '<td class="utrecht-table__cell">Lopend</td>' in body
    assert "in progress" not in body
    assert "01-03-2027" in body
