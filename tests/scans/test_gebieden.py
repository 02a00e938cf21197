import json

import pytest
from django.urls import reverse

from scans.models import Gebied, Signaal
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def buurten(personas):
    return [f.buurt(1, name="Werf De Noord"), f.buurt(2, name="Redersbuurt")]


def draw(client, geometry, name="Rederskwartier"):
    return client.post(
        reverse("scans:straatcluster_create"),
        {
            "name": name,
            "description": "Straten rond de werf",
            "streets": "Havenstraat\nRederstraat",
            "geometry": geometry if isinstance(geometry, str) else json.dumps(geometry),
        },
    )


def test_a_drawn_straatcluster_knows_the_buurten_it_overlaps(
    client_for, medewerker, buurten
):
    # Straddles buurt 1 (4.644-4.648) and buurt 2 (4.648-4.652).
    response = draw(client_for(medewerker), f.square(4.646, 51.851, 0.003))
    assert response.status_code == 302
    cluster = Gebied.objects.get(level="straatcluster")
    assert cluster.code == "SC-001"
    assert set(cluster.overlapping_buurten.values_list("name", flat=True)) == {
        "Werf De Noord",
        "Redersbuurt",
    }
    assert cluster.streets == "Havenstraat\nRederstraat"
    page = client_for(medewerker).get(response.url).content.decode()
    assert "Werf De Noord" in page and "Redersbuurt" in page


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ("{niet json", "geen geldige GeoJSON"),
        (f.square(5.5, 52.3), "buiten Alblasserdam"),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [
                        [4.645, 51.85],
                        [4.65, 51.853],
                        [4.65, 51.85],
                        [4.645, 51.853],
                        [4.645, 51.85],
                    ]
                ],
            },
            "kruist zichzelf",
        ),
        ({"type": "Point", "coordinates": [4.65, 51.85]}, "vlak"),
        ("", "Teken het gebied op de kaart"),
    ],
    ids=["malformed", "far away", "self-intersecting", "point", "nothing drawn"],
)
def test_a_bad_shape_gets_a_clear_message_and_nothing_is_saved(
    client_for, medewerker, buurten, geometry, message
):
    response = draw(client_for(medewerker), geometry)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Gebied.objects.filter(level="straatcluster").exists()


def test_the_map_page_lists_every_buurt_in_a_table_and_as_geojson(
    client_for, medewerker, buurten
):
    response = client_for(medewerker).get(reverse("scans:gebied_list"))
    body = response.content.decode()
    caption = '<caption id="gebied-list-tabel" class="utrecht-table__caption">'
    assert caption in body and "Redersbuurt" in body
    assert f'data-geojson-url="{reverse("scans:gebieden_kaart")}?v=' in body
    data = json.loads(
        client_for(medewerker).get(reverse("scans:gebieden_kaart")).content
    )
    assert {feat["properties"]["code"] for feat in data["features"]} >= {
        b.code for b in buurten
    }
    assert "/static/leaflet/leaflet." in body and "/static/js/scans-map." in body
    assert "<script>" not in body  # no inline code (CSP)


def test_the_map_credits_kadaster(client_for, medewerker, buurten):
    body = client_for(medewerker).get(reverse("scans:gebied_list")).content.decode()
    assert "CC-BY Kadaster" in body
    assert "service.pdok.nl/brt/achtergrondkaart" in body


def test_an_unknown_gebied_code_is_not_found(client_for, medewerker):
    url = reverse("scans:gebied_detail", kwargs={"code": "BU09999999"})
    assert client_for(medewerker).get(url).status_code == 404


def test_the_gebied_url_uses_its_cbs_code(buurten):
    assert buurten[1].get_absolute_url() == "/gebieden/BU04820002/"


def test_the_table_of_areas_is_paged_while_the_map_shows_them_all(
    client_for, medewerker
):
    for n in range(2, 62):
        f.buurt(n, name=f"Buurt {n:02d}")
    client = client_for(medewerker)
    first = client.get(reverse("scans:gebied_list"))
    second = client.get(reverse("scans:gebied_list"), {"page": 2})
    assert len(first.context["areas"]) == 50
    assert len(second.context["areas"]) == 10
    assert "pagina 1 van 2" in first.content.decode()
    data = json.loads(client.get(reverse("scans:gebieden_kaart")).content)
    assert len(data["features"]) == 60


def test_the_gebied_page_shows_the_newest_signals_and_links_to_all(
    client_for, medewerker, personas
):
    buurt = f.buurt(2, name="Redersbuurt")
    for day in range(1, 26):
        f.signaal(buurt, personas.woonkracht10, "partners", days_ago=day)
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    response = client_for(medewerker).get(url)
    newest = Signaal.objects.filter(gebied=buurt).order_by("-waargenomen_op")[:20]
    assert [s.pk for s in response.context["signalen"]] == [s.pk for s in newest]
    html = response.content.decode()
    positions = [html.index(f'href="{s.get_absolute_url()}"') for s in newest]
    assert positions == sorted(positions)  # shown newest first
    link = f"{reverse('scans:signaal_list')}?gebied={buurt.code}"
    assert link in response.content.decode()
    assert "Alle signalen in Redersbuurt" in response.content.decode()

    everything = client_for(medewerker).get(link)
    assert everything.context["page_obj"].paginator.count == 25


def test_a_gebied_with_few_signals_needs_no_link_to_more(
    client_for, medewerker, personas
):
    buurt = f.buurt(2, name="Redersbuurt")
    f.signaal(buurt, personas.woonkracht10, "partners")
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    body = client_for(medewerker).get(url).content.decode()
    assert "Alle signalen in" not in body
