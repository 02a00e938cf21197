"""Two people taking the last place at the same moment: one gets it."""

import threading

import pytest
from django.db import connection, connections

from sessies import services
from sessies.models import Antwoord, Uitnodiging
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_for_the_last_place_leave_one_on_the_waiting_list(personas):
    sessie = make_sessie(personas.griffier, personas.griffie, capacity=1)
    first = invite(sessie, email="een@example.org")
    second = invite(sessie, email="twee@example.org")
    barrier = threading.Barrier(2)
    errors = []

    def sign_up(uitnodiging):
        try:
            barrier.wait(timeout=5)
            services.rsvp(uitnodiging=uitnodiging, antwoord=Antwoord.AANMELDEN)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(u,)) for u in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert not errors
    rows = Uitnodiging.objects.filter(sessie=sessie, antwoord=Antwoord.AANMELDEN)
    assert rows.count() == 2
    assert rows.filter(wachtlijst_sinds__isnull=True).count() == 1
    assert rows.filter(wachtlijst_sinds__isnull=False).count() == 1
