"""The demo data that `make run` loads: complete, and idempotent."""

import pytest
from django.apps import apps
from django.core.management import call_command

from partners.models import Membership, Organisation, Role


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin", "contenttypes", "auth"}
    }


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", allow_production=True, verbosity=0)
    first = _counts()
    call_command("load_demo", allow_production=True, verbosity=0)
    assert _counts() == first


@pytest.mark.django_db
def test_the_demo_has_every_partner_and_one_account_per_role():
    call_command("load_demo", allow_production=True, verbosity=0)
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {
        "Woonkracht10",
        "Stichting Welzijn Alblasserdam",
        "Politie",
        "Team Buitenruimte",
        "Team Ruimtelijke Ontwikkeling",
        "Team Veiligheid",
        "Koersbekenners",
        "Griffie",
        "Gemeenteraad",
        "Functioneel beheer",
    } <= names
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert Organisation.objects.get(slug="politie").requires_mfa


def test_demo_data_is_refused_for_a_production_database(settings):
    from django.core.management import CommandError

    settings.EMBEDDED = False
    with pytest.raises(CommandError, match="embedded"):
        call_command("load_demo")
