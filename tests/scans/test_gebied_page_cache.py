"""The gebied page's cached part (index_cache.gebied_page): a change shows at once.

The area, its parts, the buurten a straatcluster overlaps, its scans and its
index are cached under the index generation (ADR 0104, ADR 0015); what a
reader may see of the area (judgements, signalen, acties, warnings) is kept
per reader until a table it was read from changes (core.table_versions).
Every test first opens the page so the cache holds the old state. The tests
commit as requests do: a transaction that has written reads around the cache.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from scans.models import Actie, Gebied, Gebiedsscan, Oordeel, Signaal, Waarschuwing
from tests.scans import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _page(client, gebied) -> str:
    url = reverse("scans:gebied_detail", kwargs={"code": gebied.code})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_area_shows_its_new_name_at_once(client_for, medewerker):
    buurt = f.buurt(2, name="Redersbuurt")
    client = client_for(medewerker)
    assert "Redersbuurt" in _page(client, buurt)

    buurt.name = "Werfkade"
    buurt.save()

    body = _page(client, buurt)
    assert "Werfkade" in body
    assert "Redersbuurt" not in body


def test_a_renamed_wijk_shows_in_its_buurt_page_at_once(client_for, medewerker):
    buurt = f.buurt(2)
    client = client_for(medewerker)
    assert "West" in _page(client, buurt)

    wijk = buurt.parent
    wijk.name = "Noordoost"
    wijk.save()

    assert "Noordoost" in _page(client, buurt)


def test_a_new_buurt_shows_on_its_wijk_page_at_once(client_for, medewerker):
    f.buurt(2, name="Redersbuurt")
    wijk = Gebied.objects.get(code="WK048201")
    client = client_for(medewerker)
    assert '<td class="utrecht-table__cell">BU04820003</td>' not in _page(client, wijk)

    f.buurt(3, name="Kinkelenburg")

    assert '<td class="utrecht-table__cell">BU04820003</td>' in _page(
        client, wijk
    )  # the table of parts


def test_a_scan_made_through_the_portal_shows_at_once(client_for, medewerker, personas):
    buurt = f.buurt(2)
    ronde = f.ronde("Najaar 2025", basis=False, month=10)
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    client = client_for(medewerker)
    assert client.get(url).context["scans"] == []

    response = client.post(
        reverse("scans:scan_create", kwargs={"code": buurt.code}),
        {"ronde": ronde.pk},
    )
    assert response.status_code == 302

    scans = client.get(url).context["scans"]
    assert [s.ronde.name for s in scans] == ["Najaar 2025"]
    assert f'href="{scans[0].get_absolute_url()}"' in _page(client, buurt)


def test_a_scan_adopted_shows_its_new_status_at_once(client_for, medewerker):
    buurt = f.buurt(2)
    scan = f.scan(buurt, f.ronde())
    label = Gebiedsscan.Status.VASTGESTELD.label
    adopted = f'<td class="utrecht-table__cell status">{label}</td>'
    client = client_for(medewerker)
    assert adopted not in _page(client, buurt)

    scan.status = Gebiedsscan.Status.VASTGESTELD
    scan.save()

    assert adopted in _page(client, buurt)


def test_a_measurement_changes_the_index_on_the_page_at_once(
    client_for, medewerker, personas
):
    buurt = f.buurt(2)
    scan = f.scan(buurt, f.ronde())
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    client = client_for(medewerker)
    assert client.get(url).context["latest"] is None
    assert "Ronde Voorjaar 2025." not in _page(client, buurt)

    f.meting(scan, f.indicator("overlast-jeugd"), 4, personas.woonkracht10)

    assert client.get(url).context["latest"]["index"] is not None
    # The index, trend and theme tables are rendered afresh, not from the
    # fragment cached for the page before the measurement.
    assert "Ronde Voorjaar 2025." in _page(client, buurt)


def test_the_buurten_of_a_straatcluster_show_at_once(client_for, medewerker):
    b2, b3 = f.buurt(2, name="Redersbuurt"), f.buurt(3, name="Kinkelenburg")
    cluster = Gebied.objects.create(
        code="SC0001",
        name="Werfkade",
        level=Gebied.Level.STRAATCLUSTER,
        geometry=f.square(4.64, 51.85),
    )
    cluster.overlapping_buurten.set([b2])
    client = client_for(medewerker)
    assert [
        b.name for b in client.get(cluster.get_absolute_url()).context["buurten"]
    ] == ["Redersbuurt"]

    cluster.overlapping_buurten.add(b3)

    shown = client.get(cluster.get_absolute_url()).context["buurten"]
    assert [b.name for b in shown] == ["Redersbuurt", "Kinkelenburg"]
    assert f'<a href="{b3.get_absolute_url()}">Kinkelenburg</a>' in _page(
        client, cluster
    )


def test_judgements_are_read_per_reader_not_from_the_cache(
    client_for, medewerker, personas
):
    buurt = f.buurt(2)
    scan = f.scan(buurt, f.ronde())
    client = client_for(medewerker)
    _page(client, buurt)
    _page(client, buurt)

    Oordeel.objects.create(
        scan=scan,
        thema=f.thema(),
        organisation=personas.woonkracht10,
        score=2,
        toelichting="Veel overlast bij de speeltuin",
        rubricering="partners",
    )

    assert "Veel overlast bij de speeltuin" in _page(client, buurt)


def test_the_list_of_areas_shows_a_new_or_renamed_area_at_once(client_for, medewerker):
    buurt = f.buurt(2, name="Redersbuurt")
    client = client_for(medewerker)
    url = reverse("scans:gebied_list")
    assert "Redersbuurt" in client.get(url).content.decode()

    buurt.name = "Werfkade"
    buurt.save()
    f.buurt(3, name="Kinkelenburg")
    wijk = Gebied.objects.get(code="WK048201")
    wijk.name = "Noordoost"
    wijk.save()

    body = client.get(url).content.decode()
    assert f'<a href="{buurt.get_absolute_url()}">Werfkade</a>' in body
    assert "Redersbuurt" not in body
    assert ">Kinkelenburg</a>" in body
    assert (
        '<td class="utrecht-table__cell">Noordoost</td>' in body
    )  # the district column
    assert f'<a href="{wijk.get_absolute_url()}">Noordoost</a>' in body


def test_the_overview_table_shows_a_new_measurement_at_once(
    client_for, medewerker, personas
):
    import re

    org, ronde = personas.woonkracht10, f.ronde()
    ind = f.indicator("overlast-jeugd")
    buurten = [f.buurt(n, name=f"Buurt {n}") for n in (2, 3, 4)]
    for buurt, value in zip(buurten[:2], (2, 4), strict=True):
        f.meting(f.scan(buurt, ronde), ind, value, org)
    client = client_for(medewerker)

    def row_of_buurt_4() -> str:
        body = client.get(reverse("scans:overzicht")).content.decode()
        return re.search(r">Buurt 4</a>.*?</tr>", body, re.S).group(0)

    assert "band--" not in row_of_buurt_4()

    f.meting(f.scan(buurten[2], ronde), ind, 3, org)

    assert "band--" in row_of_buurt_4()


def _kept(client, gebied) -> str:
    """The page twice: the second answer comes from what the first kept."""
    _page(client, gebied)
    return _page(client, gebied)


def test_a_signal_added_changed_or_removed_shows_at_once(
    client_for, medewerker, personas
):
    buurt = f.buurt(2)
    client = client_for(medewerker)
    assert "Hangplek bij de haven" not in _kept(client, buurt)

    response = client.post(
        reverse("scans:signaal_create", kwargs={"code": buurt.code}),
        {
            "thema": f.thema().pk,
            "soort": "hot_spot",
            "text": "Hangplek bij de haven",
            "waargenomen_op": timezone.localdate().isoformat(),
            "rubricering": "partners",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Hangplek bij de haven" in _page(client, buurt)

    signaal = Signaal.objects.get(text="Hangplek bij de haven")
    Signaal.objects.filter(pk=signaal.pk).update(text="Hangplek bij de werf")
    assert "Hangplek bij de werf" in _page(client, buurt)
    # Classified for Woonkracht10 alone: another partner no longer sees it.
    other = client_for(personas.outsider)
    assert "Hangplek bij de werf" in _kept(other, buurt)
    Signaal.objects.filter(pk=signaal.pk).update(rubricering="organisatie")
    assert "Hangplek bij de werf" not in _page(other, buurt)
    assert "Hangplek bij de werf" in _page(client_for(medewerker), buurt)

    Signaal.objects.filter(pk=signaal.pk).delete()
    assert "Hangplek bij de werf" not in _page(client_for(medewerker), buurt)


def test_each_reader_sees_their_own_signals_of_the_area(client_for, personas):
    buurt = f.buurt(2)
    f.signaal(buurt, personas.woonkracht10, "organisatie", text="Alleen Woonkracht10")
    f.signaal(buurt, personas.welzijn, "organisatie", text="Alleen Welzijn")
    for user, own, other in (
        (personas.medewerker, "Alleen Woonkracht10", "Alleen Welzijn"),
        (personas.outsider, "Alleen Welzijn", "Alleen Woonkracht10"),
        (personas.medewerker, "Alleen Woonkracht10", "Alleen Welzijn"),
    ):
        body = _kept(client_for(user), buurt)
        assert own in body
        assert other not in body


def test_an_action_changed_shows_at_once_and_becomes_overdue_by_date(
    client_for, medewerker, personas
):
    buurt = f.buurt(2)
    actie = f.actie(buurt, personas.woonkracht10, voortgang=10)
    client = client_for(medewerker)
    assert "10%" in _kept(client, buurt)

    Actie.objects.filter(pk=actie.pk).update(voortgang=60)
    assert "60%" in _page(client, buurt)

    Actie.objects.filter(pk=actie.pk).update(
        deadline=timezone.localdate() + timedelta(days=1)
    )
    assert "<strong>verlopen</strong>" not in _kept(client, buurt)
    tomorrow = timezone.localdate() + timedelta(days=2)
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert "<strong>verlopen</strong>" in _page(client, buurt)


def test_an_acknowledged_warning_leaves_the_page_at_once(
    client_for, medewerker, personas
):
    buurt = f.buurt(2)
    warning = f.waarschuwing(buurt, personas.woonkracht10)
    client = client_for(medewerker)
    assert warning.get_absolute_url() in _kept(client, buurt)

    Waarschuwing.objects.filter(pk=warning.pk).update(acknowledged_at=timezone.now())
    assert warning.get_absolute_url() not in _page(client, buurt)
