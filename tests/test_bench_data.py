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
