"""The gemeente's extent: from its imported outline, cached, used by maps and checks."""

import json
import re

import pytest
from django.urls import reverse

from scans.geometry import NETHERLANDS, Extent
from scans.models import Gebied
from scans.selectors import gemeente_extent
from scans.services import index_cache
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


def outline(gemeente_code="GM0482", geometry=None):
    gm, _ = Gebied.objects.update_or_create(
        code=gemeente_code,
        defaults={
            "name": "Gemeente",
            "level": Gebied.Level.GEMEENTE,
            "geometry": geometry or f.square(4.63, 51.84, 0.05),
        },
    )
    return gm


def test_before_any_area_is_imported_the_extent_is_the_netherlands():
    assert gemeente_extent() == NETHERLANDS


def test_the_buurten_give_the_extent_until_the_gemeente_has_an_outline():
    f.buurt(1)  # 4.644-4.648 E, 51.85-51.854 N, no gemeente outline
    box = gemeente_extent()
    assert box.west < 4.644 < 4.648 < box.east
    assert box.south < 51.85 < 51.854 < box.north
    assert box.east - box.west < 0.2


def test_the_extent_is_the_gemeente_outline_with_about_three_kilometres_around():
    outline()
    box = gemeente_extent()
    # 3 km is 0.027° of latitude and, at 52° N, about 0.044° of longitude.
    assert box.south == pytest.approx(51.84 - 0.027, abs=0.001)
    assert box.north == pytest.approx(51.89 + 0.027, abs=0.001)
    assert box.west == pytest.approx(4.63 - 0.044, abs=0.002)
    assert box.east == pytest.approx(4.68 + 0.044, abs=0.002)


def test_the_extent_is_that_of_the_configured_gemeente(settings):
    outline("GM0482")
    outline("GM0505", f.square(4.65, 51.78, 0.05))
    settings.GEMEENTE_CODE = "GM0505"
    assert index_cache.extent().north < 51.87


def test_the_extent_is_read_once_and_again_after_an_import(
    django_assert_num_queries,
):
    outline()
    first = index_cache.extent()
    with django_assert_num_queries(0):
        assert index_cache.extent() == first
    outline(geometry=f.square(4.60, 51.80, 0.1))
    assert index_cache.extent() != first
    assert isinstance(index_cache.extent(), Extent)


def test_the_map_opens_on_the_extent(client_for, medewerker):
    f.buurt(1)
    outline()
    page = client_for(medewerker).get(reverse("scans:gebied_list")).content.decode()
    south, west, north, east = map(
        float, re.search(r'data-bounds="([^"]+)"', page).group(1).split(",")
    )
    box = index_cache.extent()
    assert (south, west, north, east) == pytest.approx(
        (box.south, box.west, box.north, box.east), abs=1e-6
    )


def test_a_straatcluster_outside_the_extent_is_refused_with_the_gemeente_name(
    client_for, medewerker, settings
):
    settings.GEMEENTE_NAAM = "Dordrecht"
    f.buurt(1)
    outline()
    response = client_for(medewerker).post(
        reverse("scans:straatcluster_create"),
        {
            "name": "Ver weg",
            "description": "",
            "streets": "",
            "geometry": json.dumps(f.square(4.80, 51.84, 0.01)),
        },
    )
    assert response.status_code == 200
    assert "buiten Dordrecht en omgeving" in response.content.decode()
