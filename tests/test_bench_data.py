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
    "medewerker": ["overview", "gebied", "signalen", "visie", "sessies", "partners"],
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
