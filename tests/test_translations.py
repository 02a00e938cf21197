"""The portal speaks Dutch: every string has a translation, compiled and current."""

import subprocess
import sys
from pathlib import Path

import pytest

from buurtaanpak.messages import BASE, CATALOGUES, OVERRIDES_PO

CATALOGUE_FILES = [
    BASE / name / "locale" / "nl" / "LC_MESSAGES" / "django.po" for name in CATALOGUES
] + [OVERRIDES_PO]


def _entries(po: Path):
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = block.splitlines()
        msgid, msgstr, target = [], [], None
        for line in lines:
            if line.startswith("msgid "):
                target = msgid
                line = line[6:]
            elif line.startswith("msgstr"):
                target = msgstr
                line = line.split(" ", 1)[1]
            elif line.startswith("msgid_plural"):
                target = None
                continue
            if target is not None and line.startswith('"'):
                target.append(line.strip('"'))
        yield "".join(msgid), "".join(msgstr), "#, fuzzy" in block


@pytest.mark.parametrize("po", CATALOGUE_FILES, ids=lambda p: str(p.relative_to(BASE)))
def test_every_string_has_a_dutch_translation(po):
    untranslated = [
        mid for mid, mstr, fuzzy in _entries(po) if mid and (not mstr or fuzzy)
    ]
    assert not untranslated, f"untranslated in {po}: {untranslated[:20]}"


@pytest.mark.parametrize("po", CATALOGUE_FILES, ids=lambda p: str(p.relative_to(BASE)))
def test_the_compiled_catalogue_matches_its_source(po):
    fresh = subprocess.run(
        ["msgfmt", "--check-format", "-o", "-", str(po)],
        capture_output=True,
        check=True,
    ).stdout
    assert po.with_suffix(".mo").read_bytes() == fresh, "run `make messages`"


def test_no_string_in_the_code_is_missing_from_the_catalogues():
    result = subprocess.run(
        [sys.executable, "-m", "buurtaanpak.messages", "--check"],
        capture_output=True,
        text=True,
        cwd=BASE,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_configuration_strings_are_translated_too(client, beheerder):
    from django.contrib import admin

    assert str(admin.site.site_header) == "Buurtaanpak — functioneel beheer"


@pytest.mark.parametrize("po", CATALOGUE_FILES, ids=lambda p: str(p.relative_to(BASE)))
def test_every_string_reads_on_the_page_as_its_catalogue_says(po):
    """Django merges the catalogues: a word two apps translate differently
    shows one app's choice on the other's pages. Such words need a context."""
    import gettext as stdlib_gettext

    from django.utils import translation

    with po.with_suffix(".mo").open("rb") as mo:
        catalogue = stdlib_gettext.GNUTranslations(mo)._catalog
    differ = []
    with translation.override("nl"):
        for key, ours in catalogue.items():
            if not isinstance(key, str) or not key:
                continue  # plural forms and the header
            context, _sep, msgid = key.rpartition("\x04")
            shown = (
                translation.pgettext(context, msgid)
                if context
                else translation.gettext(msgid)
            )
            if shown != ours:
                differ.append(f"{msgid!r}: {ours!r} here, {shown!r} on the page")
    assert not differ, "\n".join(differ)
