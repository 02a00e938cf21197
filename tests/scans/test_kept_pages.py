"""The lists of signalen and acties keep their page: a change shows at once.

The page's rows and count are kept until a table they were read from changes
(core.views.KeptPageMixin, core.table_versions). The tests commit as requests
do; every test first opens the list so the cache holds the old state.
"""

import pytest
from django.urls import reverse

from scans.models import Actie, Signaal
from tests.scans import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _kept(client, url) -> str:
    client.get(url)
    return _get(client, url)


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_of_signals_shows_a_change_at_once_to_each_reader(
    client_for, personas
):
    buurt = f.buurt(2)
    url = reverse("scans:signaal_list")
    signaal = f.signaal(buurt, personas.woonkracht10, "partners", text="Zwerfvuil")
    own = client_for(personas.medewerker)
    assert "Zwerfvuil" in _kept(own, url)
    other = client_for(personas.outsider)
    assert "Zwerfvuil" in _kept(other, url)

    Signaal.objects.filter(pk=signaal.pk).update(rubricering="organisatie")
    assert "Zwerfvuil" not in _get(other, url)
    own = client_for(personas.medewerker)
    assert "Zwerfvuil" in _get(own, url)

    f.signaal(buurt, personas.woonkracht10, "openbaar", text="Losliggende tegels")
    assert "Losliggende tegels" in _get(own, url)
    Signaal.objects.filter(pk=signaal.pk).delete()
    assert "Zwerfvuil" not in _get(own, url)


def test_the_count_and_pages_of_the_list_of_signals_follow_the_rows(
    client_for, personas
):
    buurt = f.buurt(2)
    for n in range(25):
        f.signaal(buurt, personas.woonkracht10, "openbaar", text=f"Melding {n}")
    client = client_for(personas.medewerker)
    url = reverse("scans:signaal_list")
    assert "?page=2" not in _kept(client, url)
    assert client.get(url + "?page=2").status_code == 404

    f.signaal(buurt, personas.woonkracht10, "openbaar", text="Melding 25")
    assert "?page=2" in _get(client, url)
    assert "Melding 0" in _kept(client, url + "?page=2")
    assert client.get(url + "?page=3").status_code == 404


def test_a_filter_is_its_own_page(client_for, personas):
    buurt, other = f.buurt(2), f.buurt(3)
    f.signaal(buurt, personas.woonkracht10, "openbaar", text="In buurt twee")
    f.signaal(other, personas.woonkracht10, "openbaar", text="In buurt drie")
    client = client_for(personas.medewerker)
    url = reverse("scans:signaal_list")
    body = _kept(client, f"{url}?gebied={buurt.code}")
    assert "In buurt twee" in body
    assert "In buurt drie" not in body
    assert "In buurt drie" in _kept(client, f"{url}?gebied={other.code}")


def test_the_list_of_actions_shows_a_change_at_once(client_for, personas):
    buurt = f.buurt(2)
    actie = f.actie(buurt, personas.woonkracht10, title="Buurtschouw")
    url = reverse("scans:actie_list")
    client = client_for(personas.medewerker)
    assert "Buurtschouw" in _kept(client, url)

    Actie.objects.filter(pk=actie.pk).update(title="Buurtschouw met bewoners")
    assert "Buurtschouw met bewoners" in _get(client, url)
    assert "Buurtschouw met bewoners" in _kept(client, url + "?status=lopend")
    Actie.objects.filter(pk=actie.pk).update(status="afgerond")
    assert "Buurtschouw met bewoners" not in _get(client, url + "?status=lopend")


def test_the_kept_rows_of_actions_become_overdue_the_next_day(client_for, personas):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    buurt = f.buurt(2)
    f.actie(
        buurt,
        personas.woonkracht10,
        title="Speeltuin opknappen",
        deadline=timezone.localdate() + timedelta(days=1),
    )
    url = reverse("scans:actie_list")
    client = client_for(personas.medewerker)
    assert "<strong>verlopen</strong>" not in _kept(client, url)
    later = timezone.localdate() + timedelta(days=2)
    with mock.patch("django.utils.timezone.localdate", return_value=later):
        assert "<strong>verlopen</strong>" in _get(client, url)


def test_the_area_filter_of_the_signals_offers_a_new_or_renamed_area_at_once(
    client_for, personas
):
    buurt = f.buurt(2, name="Kinderdijk-West")
    client = client_for(personas.medewerker)
    url = reverse("scans:signaal_list")
    assert "Kinderdijk-West" in _kept(client, url)

    buurt.name = "Souburgh"
    buurt.save()
    f.buurt(3, name="Oost-Kraaihoek")
    page = _get(client, url)
    assert '<option value="BU04820002">Souburgh</option>' in page
    assert "Oost-Kraaihoek" in page
    assert "Kinderdijk-West" not in page
    # A chosen area is marked, and the kept options stay unmarked.
    assert '<option value="BU04820002" selected>' in _get(
        client, url + "?gebied=BU04820002"
    )
    assert (
        " selected>"
        not in _get(client, url).split('name="gebied"')[1].split("</select>")[0]
    )
