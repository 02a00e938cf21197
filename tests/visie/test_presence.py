"""Who else has a section open: the edit page and its heartbeat."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.visie.factories import make_document
from visie import services

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _labels(client, sectie, **data) -> list[str]:
    response = client.post(reverse("visie:sectie_presence", args=[sectie.pk]), data)
    assert response.status_code == 200
    return [o["label"] for o in response.json()["others"]]


def _edit_page(client, sectie) -> str:
    return client.get(reverse("visie:sectie_edit", args=[sectie.pk])).content.decode()


def test_two_editors_each_see_the_other_named_with_the_time_they_came(personas):
    _doc, (sectie,) = make_document(personas)
    sanne, peter = _client(personas.medewerker), _client(personas.coordinator)
    with time_machine.travel("2026-03-12 13:03 +0000", tick=False):
        first = _edit_page(sanne, sectie)
    assert "peter" not in first
    # Sanne's page beats while she types.
    for moment in ("13:03:40", "13:04:20"):
        with time_machine.travel(f"2026-03-12 {moment} +0000", tick=False):
            assert _labels(sanne, sectie) == []
    with time_machine.travel("2026-03-12 13:05 +0000", tick=False):
        page = _edit_page(peter, sectie)
        assert "Werken nu ook aan deze sectie:" in page
        assert "<li>sanne (Woonkracht10), sinds 14:03</li>" in page
        assert _labels(sanne, sectie) == ["peter (Woonkracht10), sinds 14:05"]
        assert "<li>peter (Woonkracht10), sinds 14:05</li>" in _edit_page(sanne, sectie)


def test_alone_on_the_page_the_notice_is_there_but_hidden(personas):
    _doc, (sectie,) = make_document(personas)
    page = _edit_page(_client(personas.medewerker), sectie)
    assert "data-presence-notice hidden" in page
    assert reverse("visie:sectie_presence", args=[sectie.pk]) in page


def test_an_editor_who_stops_beating_disappears_after_a_minute(personas):
    _doc, (sectie,) = make_document(personas)
    sanne, peter = _client(personas.medewerker), _client(personas.coordinator)
    now = datetime(2026, 3, 12, 13, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        _labels(sanne, sectie)
    with time_machine.travel(now + timedelta(seconds=40), tick=False):
        assert _labels(peter, sectie) == ["sanne (Woonkracht10), sinds 14:00"]
    with time_machine.travel(now + timedelta(seconds=61), tick=False):
        assert _labels(peter, sectie) == []


def test_an_editor_who_keeps_beating_stays_with_the_time_they_came(personas):
    _doc, (sectie,) = make_document(personas)
    sanne, peter = _client(personas.medewerker), _client(personas.coordinator)
    now = datetime(2026, 3, 12, 13, 0, tzinfo=UTC)
    for seconds in range(0, 181, 20):
        with time_machine.travel(now + timedelta(seconds=seconds), tick=False):
            _labels(sanne, sectie)
    with time_machine.travel(now + timedelta(seconds=190), tick=False):
        assert _labels(peter, sectie) == ["sanne (Woonkracht10), sinds 14:00"]


def test_closing_the_page_or_saving_removes_the_editor(personas):
    _doc, (sectie,) = make_document(personas)
    sanne, peter = _client(personas.medewerker), _client(personas.coordinator)
    _labels(sanne, sectie)
    _labels(sanne, sectie, leaving="1")
    assert _labels(peter, sectie) == []
    _edit_page(sanne, sectie)
    assert _labels(peter, sectie) == ["sanne (Woonkracht10), sinds " + _now()]
    sanne.post(
        reverse("visie:sectie_edit", args=[sectie.pk]),
        {"text": "Nieuw.", "message": "", "base": sectie.current_revisie_id},
    )
    assert _labels(peter, sectie) == []


def _now() -> str:
    from django.utils.timezone import localtime

    return localtime().strftime("%H:%M")


def test_the_heartbeat_only_answers_posts(personas):
    _doc, (sectie,) = make_document(personas)
    url = reverse("visie:sectie_presence", args=[sectie.pk])
    assert _client(personas.medewerker).get(url).status_code == 405


def test_nobody_beats_on_an_adopted_visie(personas):
    document, (sectie,) = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    services.versie_vaststellen(versie=versie, user=personas.procesbegeleider)
    url = reverse("visie:sectie_presence", args=[sectie.pk])
    assert _client(personas.medewerker).post(url).status_code == 403


def test_presence_is_per_section(personas):
    _doc, (one, two) = make_document(personas, secties=2)
    _labels(_client(personas.medewerker), one)
    assert _labels(_client(personas.coordinator), two) == []
