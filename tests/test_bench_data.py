"""The benchmark data builder: reproducible, and its sessions really sign in."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from partners.models import User


@pytest.mark.django_db(transaction=True)  # flush cannot run inside a transaction
def test_it_builds_the_same_users_twice_and_writes_working_sessions(tmp_path):
    sessions_file = tmp_path / "sessions.json"
    args = ["--scale", "1", "--yes-wipe-database", "--sessions-file", sessions_file]
    call_command("build_bench_data", *args, verbosity=0)
    first = sorted(User.objects.values_list("email", flat=True))
    call_command("build_bench_data", *args, verbosity=0)
    assert sorted(User.objects.values_list("email", flat=True)) == first
    assert len(first) == 200
    data = json.loads(sessions_file.read_text())
    client = Client()
    client.cookies["sessionid"] = data["sessions"]["medewerker"][0]
    assert client.get("/").status_code == 200


def test_it_refuses_to_run_without_the_wipe_confirmation(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="wipe"):
        call_command("build_bench_data", "--sessions-file", tmp_path / "s.json")


#: The pages each load-test flow visits, by the role that visits them.
PAGES_BY_ROLE = {
    "medewerker": [
        "overview",
        "gebied",
        "gebieden",
        "signalen",
        "acties",
        "visie",
        "sessies",
        "partners",
    ],
    "griffier": ["start", "sessies", "rapporten"],
    "raadslid": ["start", "rapporten", "visie", "sessies"],
}


@pytest.mark.django_db(transaction=True)
def test_scale_one_is_alblasserdam_size_and_every_load_test_page_answers(tmp_path):
    from core.policy import Rubricering
    from portal.rapportage.models import Rapport
    from scans.models import (
        Actie,
        Gebied,
        Gebiedsscan,
        Meting,
        ScanRonde,
        Signaal,
    )
    from sessies.models import Sessie, Uitnodiging
    from visie.models import Revisie, Sectie

    sessions_file = tmp_path / "sessions.json"
    call_command(
        "build_bench_data",
        "--scale",
        "1",
        "--yes-wipe-database",
        "--sessions-file",
        sessions_file,
        verbosity=0,
    )
    assert Gebied.objects.buurten().count() == 20
    assert Gebied.objects.straatclusters().count() == 30
    assert ScanRonde.objects.count() == 10
    assert Gebiedsscan.objects.count() == 500
    assert Meting.objects.count() == 5000
    assert Signaal.objects.count() == 2000
    levels = set(Signaal.objects.values_list("rubricering", flat=True))
    assert levels == set(Rubricering.values)
    assert Actie.objects.count() == 200
    assert Sessie.objects.count() == 50
    assert Uitnodiging.objects.count() >= 50
    assert Rapport.objects.count() == 100
    assert Rapport.objects.filter(status=Rapport.Status.KLAAR).count() >= 80
    assert Sectie.objects.count() > 1
    assert Revisie.objects.count() > Sectie.objects.count()
    assert User.objects.count() == 200

    data = json.loads(sessions_file.read_text())
    for role, pages in PAGES_BY_ROLE.items():
        client = Client()
        client.cookies["sessionid"] = data["sessions"][role][0]
        for page in pages:
            assert data["urls"][page], page
            for path in data["urls"][page]:
                response = client.get(path)
                assert response.status_code == 200, (role, path)


def test_the_drechtsteden_preset_has_a_regions_dimensions():
    from scans.benchdata import PRESETS, Dimensions

    region = PRESETS["drechtsteden"]
    assert (region.buurten, region.straatclusters) == (150, 500)
    assert region.signalen == 100_000
    assert region.rondes * 182 >= 9.5 * 365  # ten years of half-yearly rounds
    assert Dimensions.at_scale(1).buurten == 20


def _row(name, p95, rps=10.0):
    return {
        "Name": name,
        "Request Count": "100",
        "Failure Count": "0",
        "50%": "5",
        "95%": str(p95),
        "99%": str(p95),
        "Requests/s": str(rps),
    }


def test_the_verdict_names_each_page_that_misses_a_target():
    from benchmarks.run import render

    page = {"html": 20_000, "css": 10_000, "js": 0, "map": 0, "without_js": True}
    results = {
        "1": {
            "mixed": [[_row("start", 20), _row("gebied", 120)]],
            "solo": {
                "bare": _row("bare", 5, rps=600),
                "start": _row("start", 5, rps=320),
                "gebied": _row("gebied", 5, rps=150),
            },
            "sizes": {"start": page, "gebied": page | {"js": 200_000}},
        }
    }
    settings = {"users": 100, "seconds": 90, "repeats": 1, "warmup": 20}
    text = render(results, settings=settings | {"solo_seconds": 15}, measured_at="x")
    assert "p95 under 100 ms for every page and map at 100 users, 1×: **missed**" in (
        text
    )
    assert "under: gebied 25%" in text
    assert "start at least 50%: **met** (53%)" in text
    assert "largest: gebied 225 KB; over: gebied" in text
