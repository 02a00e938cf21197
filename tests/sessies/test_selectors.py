from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.policy import Rubricering
from sessies import selectors, services
from sessies.models import Antwoord, Sessie
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db
Soort = Sessie.Soort


@pytest.fixture
def world(personas):
    p = personas
    return {
        "open_raad": make_sessie(p.griffier, p.griffie, openbaar=True, title="Open"),
        "besloten_raad": make_sessie(
            p.griffier, p.griffie, openbaar=False, title="Besloten"
        ),
        "participatie": make_sessie(
            p.procesbegeleider,
            p.koersbekenners,
            soort=Soort.PARTICIPATIESESSIE,
            title="Participatie",
        ),
        "woonkracht": make_sessie(
            p.coordinator,
            p.woonkracht10,
            soort=Soort.PARTNEROVERLEG,
            title="Overleg Woonkracht10",
        ),
    }


def titles(user):
    return set(selectors.sessies_visible_to(user).values_list("title", flat=True))


def test_a_raadslid_sees_public_raad_sessions_and_what_they_are_invited_to(
    personas, world
):
    assert titles(personas.raadslid) == {"Open"}
    invite(world["besloten_raad"], personas.raadslid)
    assert titles(personas.raadslid) == {"Open", "Besloten"}


def test_partners_see_their_own_meetings_not_others(personas, world):
    assert "Overleg Woonkracht10" in titles(personas.medewerker)
    assert "Overleg Woonkracht10" not in titles(personas.outsider)
    assert "Participatie" not in titles(personas.outsider)


def test_an_invited_organisation_sees_the_session(personas, world):
    invite(world["participatie"], personas.outsider, organisation=personas.welzijn)
    assert "Participatie" in titles(personas.outsider)


def test_the_griffier_sees_every_raad_session(personas, world):
    assert {"Open", "Besloten"} <= titles(personas.griffier)
    assert "Overleg Woonkracht10" not in titles(personas.griffier)


def test_nobody_anonymous_sees_a_session(world):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.sessies_visible_to(AnonymousUser()).exists()


def test_a_raadslid_invited_to_two_sessions_at_once_is_a_conflict(personas, world):
    at = world["open_raad"].start
    other = make_sessie(
        personas.griffier, personas.griffie, start=at + timedelta(minutes=30)
    )
    invite(world["open_raad"], personas.raadslid)
    invite(other, personas.raadslid)
    [conflict] = selectors.conflicts_for(world["open_raad"])
    assert conflict.kind == "person" and conflict.other == other
    assert conflict.who == personas.raadslid.get_full_name()


def test_a_declined_invitation_is_no_conflict(personas, world):
    other = make_sessie(
        personas.griffier, personas.griffie, start=world["open_raad"].start
    )
    invite(world["open_raad"], personas.raadslid)
    invite(other, personas.raadslid, antwoord=Antwoord.AFMELDEN)
    assert selectors.conflicts_for(world["open_raad"]) == []


def test_the_same_room_at_the_same_time_is_a_conflict(personas, world):
    world["open_raad"].location = "Raadzaal"
    world["open_raad"].save()
    make_sessie(
        personas.procesbegeleider,
        personas.koersbekenners,
        soort=Soort.PARTICIPATIESESSIE,
        start=world["open_raad"].start + timedelta(hours=1),
        location="raadzaal",
    )
    [conflict] = selectors.conflicts_for(world["open_raad"])
    assert conflict.kind == "room"


def test_back_to_back_sessions_are_no_conflict(personas, world):
    world["open_raad"].location = "Raadzaal"
    world["open_raad"].save()
    make_sessie(
        personas.griffier,
        personas.griffie,
        start=world["open_raad"].end,
        location="Raadzaal",
    )
    assert selectors.conflicts_for(world["open_raad"]) == []


def test_the_raad_selector_gives_public_sessions_and_public_outcomes_only(personas):
    p = personas
    past = timezone.now() - timedelta(days=3)
    sessie = make_sessie(p.griffier, p.griffie, openbaar=True, start=past)
    make_sessie(p.griffier, p.griffie, openbaar=False, start=past)
    present = invite(sessie, p.raadslid, antwoord=Antwoord.AANMELDEN)
    invite(sessie, email="gast@example.org")
    services.verslag_save(sessie=sessie, by=p.griffier, text="Verslag")
    services.aanwezigheid_register(
        sessie=sessie, by=p.griffier, present_ids=[present.pk]
    )
    for rubricering in (Rubricering.OPENBAAR, Rubricering.ORGANISATIE):
        services.opbrengst_create(
            sessie=sessie, by=p.griffier, title=rubricering, rubricering=rubricering
        )
    assert list(selectors.sessies_for_raad()) == [sessie]
    assert selectors.verslag_for_raad(sessie) is None  # still a draft
    services.verslag_finalise(sessie=sessie, by=p.griffier)
    raad = selectors.verslag_for_raad(sessie)
    assert (raad.present, raad.invited) == (1, 2)
    assert [o.title for o in raad.opbrengsten] == ["openbaar"]


def test_a_raadslid_reads_only_public_outcomes(personas):
    p = personas
    sessie = make_sessie(
        p.coordinator,
        p.woonkracht10,
        soort="partneroverleg",
        start=timezone.now() - timedelta(days=1),
    )
    for rubricering in Rubricering.values:
        services.opbrengst_create(
            sessie=sessie, by=p.coordinator, title=rubricering, rubricering=rubricering
        )
    raad = selectors.opbrengsten_visible_to(p.raadslid, sessie)
    assert [o.title for o in raad] == ["openbaar"]
    partner = selectors.opbrengsten_visible_to(p.outsider, sessie)
    assert {o.title for o in partner} == {"openbaar", "partners"}
    own = selectors.opbrengsten_visible_to(p.medewerker, sessie)
    assert {o.title for o in own} == set(Rubricering.values)


def test_the_griffier_cannot_give_an_outcome_a_level_it_would_not_read(personas):
    p = personas
    sessie = make_sessie(
        p.griffier, p.griffie, openbaar=True, start=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.opbrengst_create(
            sessie=sessie, by=p.griffier, title="x", rubricering=Rubricering.PARTNERS
        )
    assert not sessie.opbrengsten.exists()


def test_the_timeline_puts_milestones_and_sessions_in_date_order(personas, world):
    from sessies.models import Mijlpaal

    day = timezone.localdate(world["open_raad"].start)
    Mijlpaal.objects.create(title="Visie naar de raad", start_date=day)
    items = selectors.tijdlijn(personas.raadslid)
    assert [i.mijlpaal.title if i.mijlpaal else i.sessie.title for i in items] == [
        "Visie naar de raad",
        "Open",
    ]
