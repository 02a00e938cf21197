"""Cached indices and overview maps: a change is visible at once."""

import json
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scans.services import index_cache
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(personas):
    """Three buurten; two measured in the base round, the third not yet."""
    org = personas.woonkracht10
    ronde = f.ronde()
    ind = f.indicator("overlast-jeugd")
    buurten = [f.buurt(n, name=f"Buurt {n}") for n in (2, 3, 4)]
    for buurt, value in zip(buurten[:2], (2, 4), strict=True):
        f.meting(f.scan(buurt, ronde), ind, value, org)
    return {"ronde": ronde, "indicator": ind, "buurten": buurten}


def _overview(client, **params):
    response = client.get(reverse("scans:overzicht"), params)
    assert response.status_code == 200
    return response


def _row(response, name):
    return next(r for r in response.context["rows"] if r["name"] == name)


def _map(response) -> dict:
    """The overview's map, fetched from the address the page gives the map."""
    url = re.search(r'data-geojson-url="([^"]+)"', response.content.decode())
    geojson = response.client.get(url.group(1).replace("&amp;", "&"))
    assert geojson.status_code == 200
    assert geojson["Content-Type"] == "application/geo+json"
    return json.loads(geojson.content)


def _meting_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "scans_meting" in q["sql"]]


def test_a_measurement_posted_through_the_portal_shows_at_once(
    client_for, medewerker, area
):
    client = client_for(medewerker)
    before = _overview(client)
    assert _row(before, "Buurt 4")["values"]["veiligheid"] is None
    feature = next(
        x for x in _map(before)["features"] if x["properties"]["name"] == "Buurt 4"
    )
    assert feature["properties"]["index"] is None

    scan = f.scan(area["buurten"][2], area["ronde"])
    response = client.post(
        reverse("scans:meting_create", kwargs={"pk": scan.pk}),
        {
            "indicator": area["indicator"].pk,
            "value": "3",
            "gemeten_op": "2025-03-31",
        },
    )
    assert response.status_code == 302

    after = _overview(client)
    assert _row(after, "Buurt 4")["values"]["veiligheid"] == 100.0
    feature = next(
        x for x in _map(after)["features"] if x["properties"]["name"] == "Buurt 4"
    )
    assert feature["properties"]["index"] == 100.0
    assert feature["properties"]["band"] == "gemiddeld"


def test_a_second_read_comes_from_the_cache(client_for, medewerker, area):
    client = client_for(medewerker)
    with CaptureQueriesContext(connection) as first:
        _overview(client)
    with CaptureQueriesContext(connection) as second:
        page = _overview(client)
    assert _meting_queries(first.captured_queries)
    assert not _meting_queries(second.captured_queries)
    assert _row(page, "Buurt 2")["values"]["veiligheid"] is not None


def test_the_gebied_page_shows_a_changed_measurement_at_once(
    client_for, medewerker, area
):
    client = client_for(medewerker)
    buurt = area["buurten"][0]
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    first = client.get(url).context["latest"]["index"].domein("veiligheid")
    meting = buurt.scans.get().metingen.get()
    meting.value = 6  # far above the others: overlast is worse, the index lower
    meting.save()
    second = client.get(url).context["latest"]["index"].domein("veiligheid")
    assert second < first


def test_a_changed_indicator_changes_the_cached_indices(client_for, medewerker, area):
    client = client_for(medewerker)
    before = _row(_overview(client), "Buurt 2")["values"]["veiligheid"]
    ind = area["indicator"]
    ind.polariteit = -ind.polariteit
    ind.save()
    after = _row(_overview(client), "Buurt 2")["values"]["veiligheid"]
    assert before is not None and after is not None
    assert round(after - 100, 1) == round(100 - before, 1)


def test_the_generation_is_replaced_again_when_the_change_commits(
    area, django_capture_on_commit_callbacks
):
    meting = area["buurten"][0].scans.get().metingen.get()
    with django_capture_on_commit_callbacks(execute=True):
        meting.value = 5
        meting.save()
        during = index_cache.generation()
        # Another process could cache the state it reads now under `during`.
    assert index_cache.generation() != during


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_without_a_cache_the_figures_come_from_the_database(
    client_for, medewerker, area
):
    client = client_for(medewerker)
    assert _row(_overview(client), "Buurt 4")["values"]["veiligheid"] is None
    scan = f.scan(area["buurten"][2], area["ronde"])
    f.meting(scan, area["indicator"], 3, medewerker.memberships.get().organisation)
    assert _row(_overview(client), "Buurt 4")["values"]["veiligheid"] == 100.0


def test_the_overview_table_is_paged_and_sorted_on_the_server(
    client_for, medewerker, area
):
    for n in range(5, 60):
        f.buurt(n, name=f"Buurt {n}")
    client = client_for(medewerker)
    first = _overview(client)
    assert len(first.context["rows"]) == 50
    assert first.context["page_obj"].paginator.count == 58
    last = _overview(client, page=2)
    assert len(last.context["rows"]) == 8
    # The map shows every area whatever the page of the table.
    assert len(_map(last)["features"]) == 58

    worst_first = _overview(client, sort="veiligheid")
    names = [r["name"] for r in worst_first.context["rows"][:3]]
    assert names[:2] == ["Buurt 3", "Buurt 2"]  # measured areas first, lowest first
    assert worst_first.context["rows"][2]["values"]["veiligheid"] is None
    header = next(c for c in worst_first.context["columns"] if c["key"] == "veiligheid")
    assert header["aria_sort"] == "ascending"
    assert "sort=-veiligheid" in header["url"]
    best_first = _overview(client, sort="-veiligheid")
    assert [r["name"] for r in best_first.context["rows"][:2]] == ["Buurt 2", "Buurt 3"]
    html = best_first.content.decode()
    assert 'aria-sort="descending"' in html


def test_a_kept_page_of_the_overview_follows_a_new_figure_and_a_new_area(
    client_for, medewerker, area
):
    """Pages and their order are kept per version of the index: a figure
    that changes the order, and an area that adds a page, show at once."""
    for n in range(5, 55):
        f.buurt(n, name=f"Buurt {n}")
    client = client_for(medewerker)
    for _ in range(2):
        best_first = _overview(client, sort="-veiligheid")
    assert [r["name"] for r in best_first.context["rows"][:3]] == [
        "Buurt 2",
        "Buurt 3",
        "Buurt 10",  # no figure: by name after the measured areas
    ]
    assert _overview(client, page=999).context["page_obj"].number == 2
    assert len(_overview(client, page=2).context["rows"]) == 3

    scan = f.scan(area["buurten"][2], area["ronde"])
    f.meting(scan, area["indicator"], 1, medewerker.memberships.get().organisation)
    best_first = _overview(client, sort="-veiligheid")
    assert [r["name"] for r in best_first.context["rows"][:3]] == [
        "Buurt 4",
        "Buurt 2",
        "Buurt 3",
    ]
    f.buurt(60, name="Buurt 60")
    assert len(_overview(client, page=2).context["rows"]) == 4
    assert _overview(client, page="x").context["page_obj"].number == 1


def test_a_kept_page_of_the_list_of_areas_follows_a_new_area(
    client_for, medewerker, area
):
    for n in range(5, 52):
        f.buurt(n, name=f"Buurt {n}")
    client = client_for(medewerker)
    url = reverse("scans:gebied_list")
    for _ in range(2):
        last = client.get(url, {"page": 2})
    # 50 areas: one page, which a page past the end shows.
    assert last.context["page_obj"].number == 1
    assert len(last.context["areas"]) == 50
    f.buurt(52, name="Buurt 52")
    last = client.get(url, {"page": 2})
    assert last.context["page_obj"].number == 2
    assert [g.name for g in last.context["areas"]] == ["Buurt 52"]


def test_an_unknown_sort_falls_back_to_the_area_name(client_for, medewerker, area):
    page = _overview(client_for(medewerker), sort="'; DROP TABLE x; --")
    assert [r["name"] for r in page.context["rows"]] == [
        "Buurt 2",
        "Buurt 3",
        "Buurt 4",
    ]


def test_a_new_area_shows_on_the_cached_map_of_areas_at_once(
    client_for, medewerker, area
):
    client = client_for(medewerker)

    def codes():
        data = json.loads(client.get(reverse("scans:gebieden_kaart")).content)
        return {x["properties"]["code"] for x in data["features"]}

    before = codes()
    new = f.buurt(9, name="Buurt 9")
    assert new.code not in before
    assert new.code in codes()


def test_a_new_round_and_a_new_theme_show_at_once(client_for, medewerker, area):
    client = client_for(medewerker)
    assert [r.name for r in _overview(client).context["rondes"]] == ["Voorjaar 2025"]
    buurt = area["buurten"][0]
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    themes = {t["thema"].code for t in client.get(url).context["themas"]}
    f.ronde("Najaar 2025", basis=False, month=10)
    f.indicator("contact", thema_code="binding", domein="sociaal")
    assert [r.name for r in _overview(client).context["rondes"]] == [
        "Voorjaar 2025",
        "Najaar 2025",
    ]
    assert {t["thema"].code for t in client.get(url).context["themas"]} == themes | {
        "binding"
    }


def test_a_migration_replaces_the_generation():
    from django.core.management import call_command

    before = index_cache.generation()
    call_command("migrate", verbosity=0)
    assert index_cache.generation() != before


def test_a_new_area_shows_in_the_filter_lists_at_once(client_for, medewerker, area):
    client = client_for(medewerker)
    url = reverse("scans:signaal_list")
    option = '<option value="{}">Buurt 9</option>'
    before = client.get(url).content.decode()
    new = f.buurt(9, name="Buurt 9")
    assert option.format(new.code) not in before
    assert option.format(new.code) in client.get(url).content.decode()
    # The chosen area stays chosen after filtering.
    chosen = client.get(url, {"gebied": new.code}).content.decode()
    assert f'<option value="{new.code}" selected>Buurt 9</option>' in chosen


def test_an_unchanged_map_is_revalidated_with_a_304_and_a_change_sends_it_again(
    client_for, medewerker, area
):
    client = client_for(medewerker)
    url = reverse("scans:overzicht_kaart")
    first = client.get(url, {"domein": "veiligheid"})
    etag = first["ETag"]
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    again = client.get(url, {"domein": "veiligheid"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not again.content
    other_domain = client.get(url, {"domein": "sociaal"}, HTTP_IF_NONE_MATCH=etag)
    assert other_domain.status_code == 200

    scan = f.scan(area["buurten"][2], area["ronde"])
    f.meting(scan, area["indicator"], 3, medewerker.memberships.get().organisation)
    changed = client.get(url, {"domein": "veiligheid"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    names = {
        x["properties"]["name"]: x["properties"]["index"]
        for x in json.loads(changed.content)["features"]
    }
    assert names["Buurt 4"] == 100.0


def test_the_page_links_a_versioned_map_that_browsers_may_keep(
    client_for, medewerker, area
):
    client = client_for(medewerker)

    def map_link():
        body = _overview(client).content.decode()
        return (
            re.search(r'data-geojson-url="([^"]+)"', body)
            .group(1)
            .replace("&amp;", "&")
        )

    first = map_link()
    kept = client.get(first)
    assert "max-age=31536000" in kept["Cache-Control"]
    assert "immutable" in kept["Cache-Control"]
    assert map_link() == first  # nothing changed: the same link

    scan = f.scan(area["buurten"][2], area["ronde"])
    f.meting(scan, area["indicator"], 3, medewerker.memberships.get().organisation)
    second = map_link()
    assert second != first
    # The old link now answers with the current map, but no longer as "keep".
    stale = client.get(first)
    assert "no-cache" in stale["Cache-Control"]
    assert json.loads(client.get(second).content) == json.loads(stale.content)


@pytest.mark.parametrize(
    "params",
    [
        {"ronde": "999999999999999999999", "domein": "x"},
        {"ronde": "'; DROP TABLE scans_meting; --", "domein": "\x00"},
        {"ronde": ["1", "2"], "domein": ["veiligheid", "sociaal"]},
    ],
)
def test_the_overview_map_takes_no_harm_from_a_hostile_query(
    client_for, medewerker, area, params
):
    response = client_for(medewerker).get(reverse("scans:overzicht_kaart"), params)
    assert response.status_code == 200
    assert json.loads(response.content)["type"] == "FeatureCollection"
