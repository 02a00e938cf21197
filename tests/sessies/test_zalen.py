"""Rooms come from a managed list, so double bookings are found."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sessies import ical, selectors, services
from sessies.models import Antwoord, Sessie, Zaal
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db


@pytest.fixture
def raadzaal(db):
    return Zaal.objects.create(
        name="Raadzaal", building="Gemeentehuis Alblasserdam", capacity=40
    )


def form_data(**overrides):
    start = timezone.localtime() + timedelta(days=14)
    data = {
        "soort": "raadswerksessie",
        "title": "Werksessie Buurtaanpak",
        "bob_fase": "beeldvorming",
        "start": start.strftime("%Y-%m-%dT19:30"),
        "end": start.strftime("%Y-%m-%dT21:30"),
        "zaal": "",
        "location": "",
        "capacity": "",
        "openbaar": "on",
    }
    data.update(overrides)
    return data


def test_two_sessions_in_the_same_room_at_once_are_a_double_booking(
    client_for, griffier, procesbegeleider, personas, raadzaal
):
    griffie_sessie = make_sessie(griffier, personas.griffie, zaal=raadzaal)
    # Written differently before; now both pick the room from the list.
    client = client_for(procesbegeleider)
    response = client.post(
        reverse("sessies:sessie_create"),
        form_data(
            soort="participatiesessie",
            bob_fase="",
            title="Bewonersavond",
            start=timezone.localtime(
                griffie_sessie.start + timedelta(hours=1)
            ).strftime("%Y-%m-%dT%H:%M"),
            end=timezone.localtime(griffie_sessie.end + timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            zaal=str(raadzaal.pk),
        ),
        follow=True,
    )
    assert "overlapt met 1 andere boeking" in response.content.decode()
    [conflict] = selectors.conflicts_for(griffie_sessie)
    assert conflict.kind == "room"
    assert conflict.who == "Raadzaal, Gemeentehuis Alblasserdam"


def test_a_room_conflict_with_a_session_the_manager_cannot_see_hides_its_title(
    client_for, griffier, procesbegeleider, personas, raadzaal
):
    griffie_sessie = make_sessie(griffier, personas.griffie, zaal=raadzaal)
    make_sessie(
        procesbegeleider,
        personas.koersbekenners,
        soort="participatiesessie",
        title="Besloten bewonersoverleg",
        start=griffie_sessie.start,
        zaal=raadzaal,
    )
    page = client_for(griffier).get(griffie_sessie.get_absolute_url())
    text = page.content.decode()
    assert "Dubbele boekingen" in text
    assert "een andere sessie (voor u niet zichtbaar)" in text
    assert "Besloten bewonersoverleg" not in text


def test_a_cancelled_session_frees_its_room(griffier, personas, raadzaal):
    first = make_sessie(griffier, personas.griffie, zaal=raadzaal)
    make_sessie(
        griffier,
        personas.griffie,
        zaal=raadzaal,
        start=first.start,
        status=Sessie.Status.GEANNULEERD,
    )
    assert selectors.conflicts_for(first) == []


def test_the_same_partner_invited_twice_at_once_is_a_conflict_too(
    griffier, coordinator, personas
):
    raad = make_sessie(griffier, personas.griffie)
    overleg = make_sessie(
        coordinator,
        personas.woonkracht10,
        soort="partneroverleg",
        start=raad.start + timedelta(minutes=30),
        title="Overleg",
    )
    invite(raad, personas.medewerker)
    invite(overleg, personas.medewerker)
    invite(raad, email="inspreker@example.org")
    invite(overleg, email="Inspreker@example.org".lower(), antwoord=Antwoord.MISSCHIEN)
    conflicts = selectors.conflicts_for(raad)
    assert {(c.kind, c.who) for c in conflicts} == {
        ("person", personas.medewerker.get_full_name()),
        ("person", "inspreker@example.org"),
    }


def test_a_room_and_another_location_together_are_refused(griffier, raadzaal):
    start = timezone.now() + timedelta(days=5)
    with pytest.raises(ValidationError) as exc:
        services.sessie_create(
            by=griffier,
            soort="raadswerksessie",
            title="Werksessie",
            bob_fase="beeldvorming",
            start=start,
            end=start + timedelta(hours=2),
            zaal=raadzaal,
            location="Buurthuis",
        )
    assert "location" in exc.value.error_dict
    assert not Sessie.objects.exists()


def test_a_capacity_above_the_seats_of_the_room_is_refused(griffier, raadzaal):
    start = timezone.now() + timedelta(days=5)
    with pytest.raises(ValidationError, match="biedt plaats aan 40 mensen"):
        services.sessie_create(
            by=griffier,
            soort="raadswerksessie",
            title="Werksessie",
            bob_fase="beeldvorming",
            start=start,
            end=start + timedelta(hours=2),
            zaal=raadzaal,
            capacity=60,
        )


def test_the_form_offers_the_rooms_that_can_be_booked(client_for, griffier, raadzaal):
    Zaal.objects.create(name="Oude kantine", building="Gemeentehuis", active=False)
    page = client_for(griffier).get(reverse("sessies:sessie_create")).content.decode()
    assert "Raadzaal, Gemeentehuis Alblasserdam" in page
    assert "Oude kantine" not in page


def test_an_inactive_room_stays_on_the_sessions_that_booked_it(
    client_for, griffier, personas, raadzaal
):
    sessie = make_sessie(griffier, personas.griffie, zaal=raadzaal)
    raadzaal.active = False
    raadzaal.save()
    page = client_for(griffier).get(reverse("sessies:sessie_update", args=[sessie.pk]))
    assert f'<option value="{raadzaal.pk}" selected>' in page.content.decode()


def test_the_room_is_the_location_in_the_calendar(griffier, personas, raadzaal):
    raadzaal.address = "Cortgene 2, Alblasserdam"
    raadzaal.save()
    sessie = make_sessie(griffier, personas.griffie, zaal=raadzaal)
    assert b"LOCATION:Raadzaal\\, Gemeentehuis Alblasserdam" in ical.sessie_ics(sessie)


def test_the_beheerder_manages_the_rooms_in_the_admin(client_for, beheerder, raadzaal):
    client = client_for(beheerder)
    changelist = client.get(reverse("admin:sessies_zaal_changelist"))
    assert changelist.status_code == 200
    assert "Raadzaal" in changelist.content.decode()
    response = client.post(
        reverse("admin:sessies_zaal_add"),
        {"name": "Trouwzaal", "building": "Gemeentehuis Alblasserdam", "active": "on"},
    )
    assert response.status_code == 302
    assert Zaal.objects.filter(name="Trouwzaal").exists()
