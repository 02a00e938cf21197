"""List, map and dashboard pages: the query count does not grow with the data."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from scans.models import Gebied
from tests.scans import factories as f

pytestmark = pytest.mark.django_db

BOUND = 30


def _data(personas, n_gebieden: int) -> Gebied:
    org = personas.woonkracht10
    inds = [
        f.indicator("overlast-jeugd"),
        f.indicator("onveilig", thema_code="beleving", laag="subjectief"),
        f.indicator("contact", thema_code="binding", domein="sociaal", polariteit=1),
    ]
    rondes = [
        f.ronde(),
        f.ronde("Najaar 2025", basis=False, month=10),
        f.ronde("Winter 2025", basis=False, month=12),
    ]
    buurten = [f.buurt(n + 1) for n in range(n_gebieden)]
    for i, b in enumerate(buurten):
        for r in rondes:
            s = f.scan(b, r, status="vastgesteld")
            for ind in inds:
                f.meting(s, ind, 3 + (i % 7), org)
        f.signaal(b, org, "partners")
        a = f.actie(b, org)
        a.themas.add(inds[0].thema)
        a.partners.add(personas.politie)
    return buurten[0]


PAGES = [
    ("scans:gebied_list", None),
    ("scans:overzicht", None),
    ("scans:overzicht_kaart", None),
    ("scans:gebieden_kaart", None),
    ("scans:compare", None),
    ("scans:signaal_list", None),
    ("scans:actie_list", None),
    ("scans:waarschuwing_list", None),
    ("scans:export_csv", None),
    ("scans:export_geojson", None),
    ("scans:gebied_detail", "code"),
]


@pytest.mark.parametrize("n_gebieden", [1, 50])
@pytest.mark.parametrize(("name", "kwarg"), PAGES)
def test_the_page_stays_within_its_query_bound(
    client_for,
    medewerker,
    personas,
    django_assert_max_num_queries,
    n_gebieden,
    name,
    kwarg,
):
    first = _data(personas, n_gebieden)
    from scans.services.vroegsignalering import evaluate

    evaluate()
    client = client_for(medewerker)
    url = reverse(name, kwargs={kwarg: first.code} if kwarg else None)
    client.get(url)  # warm the session and the cached figures
    with django_assert_max_num_queries(BOUND):
        response = client.get(url)
    assert response.status_code == 200
    cache.clear()  # and computed afresh, as after a change
    with django_assert_max_num_queries(BOUND):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("n_rondes", [2, 12])
def test_the_gebied_page_does_not_query_once_per_round(
    client_for, medewerker, personas, django_assert_max_num_queries, n_rondes
):
    from datetime import date

    from scans.models import ScanRonde

    buurt = _data(personas, 1)
    ind = f.indicator("overlast-jeugd")
    for n in range(n_rondes):
        r = ScanRonde.objects.create(name=f"Extra {n}", peildatum=date(2020, 1, n + 1))
        f.meting(f.scan(buurt, r, status="vastgesteld"), ind, 4, personas.woonkracht10)
    client = client_for(medewerker)
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    client.get(url)
    # Measured with 5 and with 15 rounds: the same number of queries (9 since
    # the area, its scans and index come from one cached part, ADR 0015).
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    assert "Extra 0" in response.content.decode()
