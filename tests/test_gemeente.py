"""The portal serves any gemeente: two settings and an import of its CBS buurten."""

import json
import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from buurtaanpak.messages import BASE
from scans.models import Gebied
from sessies import ical, services
from tests.scans import factories as f
from tests.scans import gpkg
from tests.sessies.factories import make_sessie
from tests.test_settings import PRODUCTION, manage

# --- nothing outside the demo names Alblasserdam -----------------------------

#: Files that may name Alblasserdam, and why. Tests are left out: their
#: fixtures are the default gemeente.
ALLOWED = {
    "buurtaanpak/settings.py": "the default of GEMEENTE_NAAM",
    "partners/demo.py": "demo data",
    "scans/demo.py": "demo data",
    "scans/demo_data.py": "demo data",
    "visie/demo.py": "demo data",
    "sessies/demo.py": "demo data",
    "portal/management/commands/load_demo.py": "loads the demo",
    "portal/rapportage/demo.py": "demo data",
    "scans/benchdata.py": "benchmark data, built on the demo",
    "visie/benchdata.py": "benchmark data, built on the demo",
    "sessies/benchdata.py": "benchmark data, built on the demo",
    "portal/management/commands/build_bench_data.py": "builds the benchmark data",
    "sessies/migrations/0001_initial.py": "history: an old help text",
}
SUFFIXES = {".py", ".html", ".txt", ".js", ".xml", ".css"}


#: Folders that hold no project source: tools, data, caches.
SKIPPED = {"tests", "var", "node_modules", "__pycache__", "htmlcov"}


def project_files() -> list[str]:
    found = []
    for folder, subfolders, files in os.walk(BASE):
        subfolders[:] = [
            d for d in subfolders if not d.startswith(".") and d not in SKIPPED
        ]
        for name in files:
            path = Path(folder, name)
            if path.suffix in SUFFIXES:
                found.append(path.relative_to(BASE).as_posix())
    return sorted(found)


def test_no_code_or_template_outside_the_demo_names_alblasserdam():
    hits = [
        f"{name}:{number}: {line.strip()}"
        for name in project_files()
        if name not in ALLOWED
        for number, line in enumerate(
            (BASE / name).read_text(encoding="utf-8").splitlines(), start=1
        )
        if "alblasserdam" in line.lower()
    ]
    assert hits == []


def test_the_settings_name_alblasserdam_only_as_the_default_gemeente():
    lines = [
        line.strip()
        for line in (BASE / "buurtaanpak/settings.py").read_text().splitlines()
        if "alblasserdam" in line.lower()
    ]
    assert lines == ['GEMEENTE_NAAM = env_text("GEMEENTE_NAAM", "Alblasserdam")']


def test_every_allowed_file_exists_and_still_needs_its_place():
    for name in ALLOWED:
        assert "alblasserdam" in (BASE / name).read_text().lower(), name


# --- the settings -------------------------------------------------------------


def test_the_gemeente_settings_come_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print('RESULT', s.GEMEENTE_CODE, '|', s.GEMEENTE_NAAM, '|',"
        " s.MFA_TOTP_ISSUER, '|', s.DEFAULT_FROM_EMAIL)"
    )
    result = manage(
        "shell",
        "-c",
        code,
        env={**PRODUCTION, "GEMEENTE_CODE": "GM0505", "GEMEENTE_NAAM": "Dordrecht"},
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT"))
    assert line.removeprefix("RESULT ").split(" | ") == [
        "GM0505",
        "Dordrecht",
        "Buurtaanpak Dordrecht",
        "Buurtaanpak Dordrecht <buurtaanpak@dordrecht.nl>",
    ]


@pytest.mark.parametrize("code", ["XX12", "GM482", "gm0482", "GM04821"])
def test_a_malformed_gemeente_code_is_refused_at_start_up(code):
    result = manage("check", env={**PRODUCTION, "GEMEENTE_CODE": code})
    assert result.returncode != 0
    assert "GEMEENTE_CODE must look like 'GM0482'" in result.stderr


def test_an_empty_gemeente_name_is_refused_at_start_up():
    result = manage("check", env={**PRODUCTION, "GEMEENTE_NAAM": "  "})
    assert result.returncode != 0
    assert "GEMEENTE_NAAM may not be empty" in result.stderr


def test_an_empty_sender_falls_back_to_the_gemeente_sender():
    code = (
        "from django.conf import settings; print('RESULT', settings.DEFAULT_FROM_EMAIL)"
    )
    result = manage("shell", "-c", code, env={**PRODUCTION, "DEFAULT_FROM_EMAIL": ""})
    assert result.returncode == 0, result.stderr
    assert "RESULT Buurtaanpak Alblasserdam <buurtaanpak@alblasserdam.nl>" in (
        result.stdout
    )


# --- a second gemeente ------------------------------------------------------------


@pytest.fixture
def dordrecht(settings, tmp_path):
    """Dordrecht (GM0505) configured and its made-up buurten imported."""
    settings.GEMEENTE_CODE = "GM0505"
    settings.GEMEENTE_NAAM = "Dordrecht"
    path = gpkg.write_geopackage(
        tmp_path / "wijkenbuurten.gpkg",
        [
            gpkg.buurt(
                "BU05050101",
                "Binnenstad",
                gpkg.rd_square(104000, 423000, 600),
                gemeente="GM0505",
                naam="Dordrecht",
            ),
            gpkg.buurt(
                "BU05050102",
                "Bomenwijk",
                gpkg.rd_square(104600, 423000, 600),
                gemeente="GM0505",
                naam="Dordrecht",
            ),
        ],
    )
    out = StringIO()
    call_command("import_cbs_buurten", str(path), stdout=out)
    assert "Nieuw: 4" in out.getvalue()


@pytest.mark.django_db
def test_a_second_gemeente_shows_its_own_name_on_its_pages(
    dordrecht, client_for, medewerker
):
    page = client_for(medewerker).get(reverse("scans:gebied_list")).content.decode()
    assert "Gebieden van Dordrecht" in page
    assert "Gemeente Dordrecht" in page
    assert "Binnenstad" in page
    assert "Alblasserdam" not in page


@pytest.mark.django_db
def test_a_second_gemeente_names_itself_in_calendars_and_mail(
    dordrecht, personas, django_capture_on_commit_callbacks
):
    sessie = make_sessie(personas.griffier, personas.griffie)
    cal = Calendar.from_ical(ical.sessie_ics(sessie))
    assert str(cal["prodid"]) == "-//Gemeente Dordrecht//Buurtaanpak//NL"
    [event] = cal.walk("VEVENT")
    assert str(event["uid"]).endswith("@buurtaanpak.dordrecht.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.uitnodigingen_create(
            sessie=sessie, by=personas.griffier, personen=[personas.raadslid]
        )
    [message] = mail.outbox
    assert message.body.rstrip().endswith("Buurtaanpak Dordrecht")
    _name, content, _mimetype = message.attachments[0]
    assert "PRODID:-//Gemeente Dordrecht//Buurtaanpak//NL" in content


@pytest.mark.django_db
def test_the_default_gemeente_keeps_the_calendar_uids_calendars_hold(personas):
    sessie = make_sessie(personas.griffier, personas.griffie)
    assert ical.uid_of(sessie) == f"sessie-{sessie.uid}@buurtaanpak.alblasserdam.nl"


@pytest.mark.django_db
def test_a_second_gemeente_draws_within_its_own_extent(
    dordrecht, client_for, medewerker
):
    def draw(geometry):
        return client_for(medewerker).post(
            reverse("scans:straatcluster_create"),
            {
                "name": "Rond de Grote Kerk",
                "description": "",
                "streets": "",
                "geometry": json.dumps(geometry),
            },
        )

    binnenstad = Gebied.objects.get(code="BU05050101").shape
    lon, lat = binnenstad.centroid.coords[0]
    inside = draw(f.square(lon - 0.001, lat - 0.001, 0.002))
    assert inside.status_code == 302
    alblasserdam = draw(f.square(4.66, 51.87))
    assert "buiten Dordrecht en omgeving" in alblasserdam.content.decode()


@pytest.mark.django_db
def test_any_gemeente_code_is_imported_wherever_it_lies(settings, tmp_path):
    settings.GEMEENTE_CODE = "GM0363"
    settings.GEMEENTE_NAAM = "Amsterdam"
    path = gpkg.write_geopackage(
        tmp_path / "amsterdam.gpkg",
        [
            gpkg.buurt(
                "BU03630001",
                "Kop Zeedijk",
                gpkg.rd_square(121800, 487600),
                gemeente="GM0363",
                naam="Amsterdam",
            )
        ],
    )
    out = StringIO()
    call_command("import_cbs_buurten", str(path), "--gemeente", "GM0363", stdout=out)
    gemeente = Gebied.objects.get(code="GM0363")
    lon, lat = gemeente.shape.centroid.coords[0]
    assert 4.88 < lon < 4.92 and 52.36 < lat < 52.39
    assert "Let op" not in out.getvalue()


@pytest.mark.django_db
def test_the_import_warns_when_its_gemeente_is_not_the_configured_one(tmp_path):
    path = gpkg.write_geopackage(
        tmp_path / "dordrecht.gpkg",
        [
            gpkg.buurt(
                "BU05050101",
                "Binnenstad",
                gpkg.rd_square(104000, 423000),
                gemeente="GM0505",
                naam="Dordrecht",
            )
        ],
    )
    out = StringIO()
    call_command("import_cbs_buurten", str(path), "--gemeente", "GM0505", stdout=out)
    assert re.search(r"Let op: het portaal is ingesteld op GM0482", out.getvalue())
