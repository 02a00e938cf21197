"""The start page shows each person their own work."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import User
from portal.rapportage.models import Rapport
from scans.models import Waarschuwing


@pytest.fixture
def demo(db):
    call_command("load_demo", allow_production=True, verbosity=0)


def _page(client, email):
    client.force_login(
        User.objects.get(email=email),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return client.get(reverse("start")).content.decode()


def test_a_raadslid_sees_published_reports_and_no_early_warnings(client, demo):
    published = Rapport.objects.filter(published_at__isnull=False).first()
    assert published is not None
    body = _page(client, "raadslid1@alblasserdam.demo")
    assert published.title in body
    assert "Onlangs gepubliceerde rapportages" in body
    assert "Vroegsignalen" not in body


def test_partner_staff_see_the_early_warnings_of_their_own_organisation_only(
    client, demo
):
    body = _page(client, "medewerker@woonkracht10.demo")
    own = Waarschuwing.objects.filter(
        organisation__slug="woonkracht10",
        resolved_at__isnull=True,
        acknowledged_at__isnull=True,
    ).first()
    assert own is not None
    assert own.get_absolute_url() in body
    others = Waarschuwing.objects.exclude(organisation__slug="woonkracht10")
    for warning in others:
        assert warning.get_absolute_url() not in body


def test_the_start_page_runs_a_bounded_number_of_queries(
    client, demo, django_assert_max_num_queries
):
    client.force_login(
        User.objects.get(email="medewerker@woonkracht10.demo"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    with django_assert_max_num_queries(15):
        assert client.get(reverse("start")).status_code == 200
