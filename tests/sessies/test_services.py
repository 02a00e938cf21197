from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sessies import services
from sessies.models import Antwoord, Sessie, Uitnodiging
from tests.conftest import make_user
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db


def plan(by, **fields):
    start = timezone.now() + timedelta(days=10)
    values = {
        "soort": Sessie.Soort.RAADSWERKSESSIE,
        "title": "Werksessie Buurtaanpak Kinderdijk-West",
        "bob_fase": "beeldvorming",
        "start": start,
        "end": start + timedelta(hours=2),
    }
    values.update(fields)
    return services.sessie_create(by=by, **values)


def test_the_griffier_plans_a_raad_session_for_the_griffie(griffier, personas):
    sessie = plan(griffier)
    assert sessie.organisation == personas.griffie
    assert sessie.status == Sessie.Status.GEPLAND
    assert sessie.openbaar


def test_a_raadslid_cannot_plan_a_session(raadslid):
    with pytest.raises(PermissionDenied):
        plan(raadslid)


def test_the_procesbegeleider_plans_participation_but_not_raad_sessions(
    procesbegeleider,
):
    sessie = plan(procesbegeleider, soort=Sessie.Soort.PARTICIPATIESESSIE, bob_fase="")
    assert sessie.soort == Sessie.Soort.PARTICIPATIESESSIE
    with pytest.raises(PermissionDenied):
        plan(procesbegeleider)


def test_a_session_that_ends_before_it_starts_is_refused(griffier):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        plan(griffier, start=start, end=start - timedelta(hours=1))
    assert "end" in exc.value.error_dict
    assert not Sessie.objects.exists()


def test_a_session_in_the_past_is_refused(griffier):
    start = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        plan(griffier, start=start, end=start + timedelta(hours=1))
    assert "start" in exc.value.error_dict


def test_a_raad_session_needs_a_bob_phase(griffier):
    with pytest.raises(ValidationError) as exc:
        plan(griffier, bob_fase="")
    assert "bob_fase" in exc.value.error_dict


def test_moving_a_session_marks_it_moved_raises_the_sequence_and_mails_invitees(
    griffier, raadslid, raadssessie, django_capture_on_commit_callbacks
):
    invite(raadssessie, raadslid)
    with django_capture_on_commit_callbacks(execute=True):
        services.sessie_update(
            sessie=raadssessie,
            by=griffier,
            start=raadssessie.start + timedelta(days=1),
            end=raadssessie.end + timedelta(days=1),
        )
    raadssessie.refresh_from_db()
    assert raadssessie.status == Sessie.Status.VERPLAATST
    assert raadssessie.sequence == 1
    [message] = mail.outbox
    assert message.subject.startswith("Gewijzigd:")
    assert message.to == [raadslid.email]


def test_a_change_invitees_need_not_see_sends_nothing(
    griffier, raadslid, raadssessie, django_capture_on_commit_callbacks
):
    invite(raadssessie, raadslid)
    with django_capture_on_commit_callbacks(execute=True):
        services.sessie_update(sessie=raadssessie, by=griffier, capacity=30)
    raadssessie.refresh_from_db()
    assert raadssessie.sequence == 0
    assert mail.outbox == []


def test_capacity_below_the_current_sign_ups_is_refused(
    griffier, raadssessie, personas
):
    invite(raadssessie, personas.raadslid, antwoord=Antwoord.AANMELDEN)
    invite(raadssessie, email="gast@example.org", antwoord=Antwoord.AANMELDEN)
    with pytest.raises(ValidationError) as exc:
        services.sessie_update(sessie=raadssessie, by=griffier, capacity=1)
    assert "capacity" in exc.value.error_dict
    raadssessie.refresh_from_db()
    assert raadssessie.capacity is None


def test_a_full_session_puts_new_sign_ups_on_the_waiting_list(personas, raadssessie):
    raadssessie.capacity = 1
    raadssessie.save()
    first = invite(raadssessie, personas.raadslid)
    second = invite(raadssessie, email="gast@example.org")
    services.rsvp(uitnodiging=first, antwoord=Antwoord.AANMELDEN)
    second = services.rsvp(uitnodiging=second, antwoord=Antwoord.AANMELDEN)
    assert second.on_waiting_list


def test_the_waiting_list_moves_up_when_someone_cancels(
    personas, raadssessie, django_capture_on_commit_callbacks
):
    raadssessie.capacity = 1
    raadssessie.save()
    first = invite(raadssessie, personas.raadslid)
    second = invite(raadssessie, email="gast@example.org")
    third = invite(raadssessie, email="derde@example.org")
    services.rsvp(uitnodiging=first, antwoord=Antwoord.AANMELDEN)
    services.rsvp(uitnodiging=second, antwoord=Antwoord.AANMELDEN)
    services.rsvp(uitnodiging=third, antwoord=Antwoord.AANMELDEN)
    with django_capture_on_commit_callbacks(execute=True):
        services.rsvp(uitnodiging=first, antwoord=Antwoord.AFMELDEN, note="ziek")
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.has_place
    assert third.on_waiting_list
    [message] = mail.outbox
    assert message.to == ["gast@example.org"]
    assert message.subject.startswith("U heeft een plaats:")


def test_raising_the_capacity_gives_places_to_the_waiting_list(
    griffier, personas, raadssessie
):
    raadssessie.capacity = 1
    raadssessie.save()
    services.rsvp(
        uitnodiging=invite(raadssessie, personas.raadslid), antwoord="aanmelden"
    )
    waiting = services.rsvp(
        uitnodiging=invite(raadssessie, email="gast@example.org"), antwoord="aanmelden"
    )
    services.sessie_update(sessie=raadssessie, by=griffier, capacity=2)
    waiting.refresh_from_db()
    assert waiting.has_place


def test_an_answer_on_a_cancelled_session_is_refused_and_nothing_changes(
    griffier, raadslid, raadssessie
):
    uitnodiging = invite(raadssessie, raadslid)
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Ziek")
    with pytest.raises(ValidationError, match="geannuleerd"):
        services.rsvp(uitnodiging=uitnodiging, antwoord=Antwoord.AANMELDEN)
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == Antwoord.OPEN


def test_cancelling_twice_is_refused(griffier, raadssessie):
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Ziek")
    with pytest.raises(ValidationError):
        services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Ziek")


def test_inviting_all_raadsleden_skips_who_is_invited_already(
    griffier, personas, raadssessie, django_capture_on_commit_callbacks
):
    second = make_user("ahmed@raad.test", personas.raad, "raadslid")
    invite(raadssessie, personas.raadslid)
    with django_capture_on_commit_callbacks(execute=True):
        created = services.uitnodigingen_create(
            sessie=raadssessie, by=griffier, alle_raadsleden=True
        )
    assert [u.user for u in created] == [second]
    assert [m.to for m in mail.outbox] == [[second.email]]


def test_inviting_an_organisation_invites_its_members(griffier, personas, raadssessie):
    created = services.uitnodigingen_create(
        sessie=raadssessie, by=griffier, organisaties=[personas.woonkracht10]
    )
    assert {u.user for u in created} == {personas.medewerker, personas.coordinator}
    assert {u.organisation for u in created} == {personas.woonkracht10}


def test_an_invalid_guest_address_is_refused_and_nobody_is_invited(
    griffier, raadssessie
):
    with pytest.raises(ValidationError) as exc:
        services.uitnodigingen_create(
            sessie=raadssessie, by=griffier, gasten=["goed@example.org", "geen-adres"]
        )
    assert "geen-adres" in str(exc.value)
    assert not Uitnodiging.objects.exists()


def test_the_agenda_cannot_take_longer_than_the_session(griffier, raadssessie):
    services.agendapunt_create(
        sessie=raadssessie, by=griffier, title="Opening", duration_minutes=100
    )
    with pytest.raises(ValidationError) as exc:
        services.agendapunt_create(
            sessie=raadssessie, by=griffier, title="Rondvraag", duration_minutes=30
        )
    assert "130" in str(exc.value) and "120" in str(exc.value)
    assert raadssessie.agendapunten.count() == 1


def test_agenda_items_move_up_and_down(griffier, raadssessie):
    a = services.agendapunt_create(
        sessie=raadssessie, by=griffier, title="A", duration_minutes=10
    )
    services.agendapunt_create(
        sessie=raadssessie, by=griffier, title="B", duration_minutes=10
    )
    services.agendapunt_move(item=a, by=griffier, up=False)
    titles = list(
        raadssessie.agendapunten.order_by("order").values_list("title", flat=True)
    )
    assert titles == ["B", "A"]


def test_the_organiser_finalises_the_verslag_after_amendments_are_handled(
    personas,
):
    griffier, raadslid = personas.griffier, personas.raadslid
    sessie = make_sessie(
        griffier, personas.griffie, start=timezone.now() - timedelta(days=2)
    )
    uitnodiging = invite(sessie, raadslid, antwoord=Antwoord.AANMELDEN)
    services.verslag_save(sessie=sessie, by=griffier, text="Besproken: de visie.")
    services.aanwezigheid_register(
        sessie=sessie, by=griffier, present_ids=[uitnodiging.pk]
    )
    amendement = services.amendement_create(
        sessie=sessie, by=raadslid, text="Ik was ook aanwezig bij punt 2."
    )
    with pytest.raises(ValidationError):
        services.verslag_finalise(sessie=sessie, by=griffier)
    services.amendement_decide(amendement=amendement, by=griffier, status="verwerkt")
    verslag = services.verslag_finalise(sessie=sessie, by=griffier)
    sessie.refresh_from_db()
    assert verslag.is_final and sessie.status == Sessie.Status.AFGEROND
    with pytest.raises(ValidationError):
        services.verslag_save(sessie=sessie, by=griffier, text="anders")


def test_who_was_not_present_cannot_propose_amendments(personas):
    sessie = make_sessie(
        personas.griffier, personas.griffie, start=timezone.now() - timedelta(days=2)
    )
    invite(sessie, personas.raadslid, aanwezig=False)
    services.verslag_save(sessie=sessie, by=personas.griffier, text="Kort verslag.")
    with pytest.raises(PermissionDenied):
        services.amendement_create(sessie=sessie, by=personas.raadslid, text="Nee")


def test_minutes_cannot_be_written_before_the_session(griffier, raadssessie):
    with pytest.raises(ValidationError):
        services.verslag_save(sessie=raadssessie, by=griffier, text="Te vroeg")
