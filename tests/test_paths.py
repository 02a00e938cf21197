"""record_path() is reverse() for every page with one argument, only cheaper."""

import uuid

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix

from core.paths import _parts, record_path

UID = "d42e7daa-222d-4488-8e6e-fc7ef2513742"
VALUES = [0, 7, 123456, "42", "0123", "BU04820002", "SC-0001", "a.b", "-5"]
VALUES += [UID, uuid.UUID(UID)]
ODD_VALUES = ["met spatie", "ü", "a/b", "", True, None, UID.upper(), f"{UID}0"]


def _one_argument_names() -> list[str]:
    """Every URL name whose pattern takes exactly one argument."""
    names = []

    def walk(resolver, namespace):
        for name, entries in resolver.reverse_dict.lists():
            if not isinstance(name, str):
                continue
            for _bits, _pattern, defaults, converters in entries:
                if len(converters) == 1 and not defaults:
                    names.append(f"{namespace}{name}")
        for ns, (_prefix, sub) in resolver.namespace_dict.items():
            walk(sub, f"{namespace}{ns}:")

    walk(get_resolver(), "")
    return sorted(set(names))


def _outcome(call, name, value):
    try:
        return call(name, value)
    except NoReverseMatch:
        return NoReverseMatch


def _reverse(name, value):
    return reverse(name, args=[value])


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_every_one_argument_page_gets_the_path_reverse_gives(prefix):
    names = _one_argument_names()
    assert "scans:gebied_detail" in names and "scans:signaal_detail" in names
    assert "rapportage:rapport_detail" in names
    # The record pages take the short way; the comparison below is not empty.
    assert _parts("scans:gebied_detail") and _parts("scans:signaal_detail")
    assert _parts("rapportage:rapport_detail")  # a uuid
    set_script_prefix(prefix)
    try:
        for name in names:
            for value in VALUES + ODD_VALUES:
                for _ in range(2):  # the second time from what was kept
                    assert _outcome(record_path, name, value) == _outcome(
                        _reverse, name, value
                    ), (name, value)
    finally:
        set_script_prefix("/")


def test_record_pages_link_as_before(db):
    from tests.scans import factories as f

    buurt = f.buurt(2)
    assert buurt.get_absolute_url() == "/gebieden/BU04820002/"
    assert buurt.get_absolute_url() == reverse(
        "scans:gebied_detail", kwargs={"code": buurt.code}
    )


def test_a_report_links_as_before():
    from portal.rapportage.models import Rapport

    rapport = Rapport()
    assert rapport.get_absolute_url() == f"/rapporten/{rapport.uid}/"
    assert rapport.get_absolute_url() == reverse(
        "rapportage:rapport_detail", kwargs={"uid": rapport.uid}
    )


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_every_page_without_arguments_gets_the_path_reverse_gives(prefix):
    from core.paths import fixed_path

    names = []
    resolver = get_resolver()

    def walk(resolver, namespace):
        for name, entries in resolver.reverse_dict.lists():
            if isinstance(name, str) and any(not c for *_, c in entries):
                names.append(f"{namespace}{name}")
        for ns, (_prefix, sub) in resolver.namespace_dict.items():
            walk(sub, f"{namespace}{ns}:")

    walk(resolver, "")
    assert "start" in names and "scans:gebied_list" in names
    set_script_prefix(prefix)
    try:
        for name in [*names, "scans:gebied_detail", "does-not-exist"]:
            for _ in range(2):
                assert _outcome(lambda n, _v: fixed_path(n), name, None) == _outcome(
                    lambda n, _v: reverse(n), name, None
                ), name
    finally:
        set_script_prefix("/")
