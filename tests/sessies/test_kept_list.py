"""The list of sessions keeps its page per reader: a change shows at once,
and a session moves to the past ones the moment it ends.

The page's rows and count are kept until a table they were read from changes
or the next session has ended (core.views.KeptPageMixin). The tests commit
as requests do.
"""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessies.models import Sessie
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db(transaction=True)

PAST = "?periode=verleden"


def _list(client, query="") -> str:
    response = client.get(reverse("sessies:index") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_session_planned_or_changed_shows_at_once(client_for, personas):
    raadslid = client_for(personas.raadslid)
    _list(raadslid)
    sessie = make_sessie(personas.griffier, personas.griffie, title="Werksessie A")
    Sessie.objects.filter(pk=sessie.pk).update(openbaar=False)
    assert "Werksessie A" not in _list(raadslid)
    invite(sessie, personas.raadslid)
    assert "Werksessie A" in _list(raadslid)
    Sessie.objects.filter(pk=sessie.pk).update(title="Werksessie B")
    assert "Werksessie B" in _list(raadslid)
    assert "Werksessie B" not in _list(raadslid, PAST)


def test_a_session_moves_to_the_past_when_it_ends(client_for, personas):
    end = timezone.now() + timedelta(seconds=2)
    sessie = make_sessie(personas.griffier, personas.griffie, title="Bijna klaar")
    Sessie.objects.filter(pk=sessie.pk).update(start=end - timedelta(hours=1), end=end)
    invite(sessie, personas.raadslid)
    raadslid = client_for(personas.raadslid)
    for _ in range(2):
        assert "Bijna klaar" in _list(raadslid)
        assert "Bijna klaar" not in _list(raadslid, PAST)
    time.sleep(max((end - timezone.now()).total_seconds(), 0) + 0.2)
    assert "Bijna klaar" not in _list(raadslid)
    assert "Bijna klaar" in _list(raadslid, PAST)
