"""Browsers and proxies keep no copy of the portal's pages.

Generated from the URLconf: every page of the access matrix is opened in its
world by a persona allowed to see it, signed in or by token, and must answer
``Cache-Control: private, no-store`` (core.middleware.NoStoreMiddleware).
Only responses that set their own caching on purpose differ, and they are
named here with the reason: the map GeoJSON (names, codes and indices, no
classified text) is private and revalidated or versioned, and the calendar
feed lets calendar apps poll it every 15 minutes.
"""

import pytest
from django.urls import reverse

from tests.test_access_matrix import RULES, _build_world, _request

pytestmark = pytest.mark.django_db

OWN_CACHING = {
    "scans:gebieden_kaart": "map GeoJSON: names, codes and indices only",
    "scans:overzicht_kaart": "map GeoJSON: names, codes and indices only",
    "sessies:feed": "calendar feed polled by calendar apps",
}


def _pages():
    for name, rule in sorted(RULES.items()):
        if rule.method != "get":
            continue
        allowed = [p for p, status in rule.expect.items() if status == 200]
        if allowed:
            yield name, rule, allowed[0]


def test_every_page_says_private_no_store(django_db_blocker):
    world = _build_world()
    checked, wrong = [], []
    for name, rule, persona in _pages():
        response = _request(rule, world, world["personas"].by_name()[persona])
        if response.status_code != 200:
            continue
        checked.append(name)
        header = response.get("Cache-Control", "")
        if name in OWN_CACHING:
            if "private" not in header:
                wrong.append(f"{name}: {header!r}")
            continue
        if "no-store" not in header or "private" not in header:
            wrong.append(f"{name} ({persona}): {header!r}")
    assert len(checked) > 50, checked
    assert {"scans:export_csv", "scans:signaal_detail"} <= set(checked)
    assert not wrong, wrong


def test_the_deliberate_exceptions_are_pages_that_exist():
    assert OWN_CACHING.keys() <= RULES.keys()


def test_the_login_page_and_the_admin_are_not_kept_either(client_for, beheerder):
    anonymous = client_for(None).get(reverse("account_login"))
    assert "no-store" in anonymous["Cache-Control"]
    admin = client_for(beheerder).get(reverse("admin:index"))
    assert "no-store" in admin["Cache-Control"]
    assert "private" in admin["Cache-Control"]


def test_a_view_that_sets_its_own_caching_keeps_it(client_for, medewerker):
    from scans.services import index_cache

    client = client_for(medewerker)
    data = index_cache.areas_map()
    versioned = client.get(reverse("scans:gebieden_kaart"), {"v": data.etag})
    assert "immutable" in versioned["Cache-Control"]
    assert "no-store" not in versioned["Cache-Control"]
