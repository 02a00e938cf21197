"""Token and download endpoints answer 429 with the Dutch page once abused."""

import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from sessies import mail as sessie_mail
from sessies.models import Uitnodiging
from tests.sessies.factories import invite, make_sessie


@pytest.fixture(autouse=True)
def _one_window():
    """The limits count per clock window: a test must not straddle two."""
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, 1, tzinfo=UTC), tick=False):
        yield


def _exhaust(client, url, n):
    return [client.get(url(i)).status_code for i in range(n)]


def test_guessing_guest_rsvp_links_is_limited_and_then_saves_nothing(client, personas):
    sessie = make_sessie(personas.griffier, personas.griffie)
    guest = invite(sessie, email="bewoner@example.org")
    real = reverse("sessies:gast_rsvp", args=[sessie_mail.rsvp_token(guest)])
    guessed = lambda i: reverse("sessies:gast_rsvp", args=[f"gok-{i}"])  # noqa: E731

    assert _exhaust(client, guessed, 30) == [404] * 30
    response = client.post(real, {"antwoord": "ja", "note": ""})

    assert response.status_code == 429
    assert "Te veel verzoeken" in response.content.decode()
    assert Uitnodiging.objects.get(pk=guest.pk).antwoord == guest.antwoord


def test_guessing_calendar_feed_tokens_is_limited(client, db):
    guessed = lambda i: reverse("sessies:feed", args=[f"gok{i}"])  # noqa: E731
    statuses = _exhaust(client, guessed, 31)
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429


def test_report_downloads_are_limited_per_user(personas, client_for):
    client = client_for(personas.medewerker)
    guessed = lambda i: reverse(  # noqa: E731
        "rapportage:rapport_download", kwargs={"uid": uuid.uuid4()}
    )
    statuses = _exhaust(client, guessed, 121)
    assert set(statuses[:120]) == {404}
    assert statuses[120] == 429
    assert "Te veel verzoeken" in client.get(guessed(0)).content.decode()


def test_source_downloads_are_limited_per_user(personas, client_for):
    client = client_for(personas.medewerker)
    guessed = lambda i: reverse("visie:bron_download", kwargs={"pk": 10_000 + i})  # noqa: E731
    statuses = _exhaust(client, guessed, 121)
    assert 429 not in statuses[:120]
    assert statuses[120] == 429
