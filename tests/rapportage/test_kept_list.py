"""The reading room keeps its page per reader: a change shows at once.

The page's rows and count are kept until a table they were read from changes
(core.views.KeptPageMixin). The tests commit as requests do.
"""

import pytest
from django.urls import reverse

from portal.rapportage.models import Rapport
from portal.rapportage.services.rapporten import rapport_publish
from tests.rapportage.factories import make_rapport

pytestmark = pytest.mark.django_db(transaction=True)


def _list(client, query="") -> str:
    response = client.get(reverse("rapportage:index") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_report_reaches_the_reading_room_of_the_raad_at_once(
    client_for, personas
):
    rapport = make_rapport(requested_by=personas.griffier, title="Najaarsbericht")
    raad = client_for(personas.raadslid)
    _list(raad)
    assert "Najaarsbericht" not in _list(raad)
    griffie = client_for(personas.griffier)
    _list(griffie)
    assert "Najaarsbericht" in _list(griffie)

    rapport_publish(rapport=rapport, by=personas.griffier, notify=False)
    raad = client_for(personas.raadslid)
    assert "Najaarsbericht" in _list(raad)
    assert "Najaarsbericht" in _list(raad, "?q=Najaars")

    Rapport.objects.filter(pk=rapport.pk).update(title="Najaarsbericht, herzien")
    assert "Najaarsbericht, herzien" in _list(raad)
    assert "Najaarsbericht, herzien" in _list(raad, "?q=Najaars")


def test_the_search_form_offers_a_new_or_renamed_area_at_once(client_for, personas):
    from tests.scans import factories as f

    buurt = f.buurt(2, name="Kinderdijk-West")
    raad = client_for(personas.raadslid)
    assert "Kinderdijk-West" in _list(raad)
    assert "Kinderdijk-West" in _list(raad)

    buurt.name = "Souburgh"
    buurt.save()
    f.buurt(3, name="Oost-Kraaihoek")
    page = _list(raad)
    assert "Souburgh" in page
    assert "Oost-Kraaihoek" in page
    assert "Kinderdijk-West" not in page


def test_a_search_keeps_what_was_asked_in_the_form(client_for, personas):
    from tests.scans import factories as f

    buurt = f.buurt(2, name="Kinderdijk-West")
    griffie = client_for(personas.griffier)
    _list(griffie)
    page = _list(griffie, f"?q=Najaars&gebied={buurt.pk}")
    assert 'value="Najaars"' in page
    assert f'<option value="{buurt.pk}" selected>' in page
    # The form without a search shows nothing asked, whatever came before.
    page = _list(griffie)
    assert 'value="Najaars"' not in page
    assert f'<option value="{buurt.pk}" selected>' not in page
    assert f'<option value="{buurt.pk}">' in page
