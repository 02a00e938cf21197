"""Cancelling asks to confirm and for a reason; a cancellation can be undone."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.audit.models import AuditEntry
from sessies import services
from sessies.models import Antwoord, Sessie
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db


def ics_of(message):
    [(_name, content, mimetype)] = message.attachments
    cal = Calendar.from_ical(content.encode())
    [event] = cal.walk("VEVENT")
    return mimetype, cal, event


def test_the_cancel_link_opens_a_confirmation_page_and_cancels_nothing(
    client_for, griffier, raadslid, raadssessie
):
    invite(raadssessie, raadslid)
    response = client_for(griffier).get(
        reverse("sessies:sessie_cancel", args=[raadssessie.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Reden van annuleren" in page
    assert "1 genodigde krijgt meteen een annulering" in page
    raadssessie.refresh_from_db()
    assert raadssessie.status == Sessie.Status.GEPLAND
    assert mail.outbox == []


def test_cancelling_without_a_reason_is_refused_in_dutch(
    client_for, griffier, raadssessie, django_capture_on_commit_callbacks
):
    invite(raadssessie, email="gast@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(griffier).post(
            reverse("sessies:sessie_cancel", args=[raadssessie.pk]), {"reason": "  "}
        )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    raadssessie.refresh_from_db()
    assert raadssessie.status == Sessie.Status.GEPLAND
    assert mail.outbox == []


def test_the_reason_reaches_every_invitee_in_the_mail_and_the_ics(
    client_for, griffier, raadslid, raadssessie, django_capture_on_commit_callbacks
):
    invite(raadssessie, raadslid)
    invite(raadssessie, email="gast@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(griffier).post(
            reverse("sessies:sessie_cancel", args=[raadssessie.pk]),
            {"reason": "De raadzaal is nodig voor de verkiezingen."},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["gast@example.org", raadslid.email]
    for message in mail.outbox:
        assert message.subject.startswith("Geannuleerd:")
        assert "Reden: De raadzaal is nodig voor de verkiezingen." in message.body
        mimetype, cal, event = ics_of(message)
        assert "method=CANCEL" in mimetype
        assert str(cal["method"]) == "CANCEL"
        assert str(event["status"]) == "CANCELLED"
        assert event.decoded("sequence") == 1
        assert str(event["comment"]) == "De raadzaal is nodig voor de verkiezingen."
        assert str(event["description"]).startswith(
            "Geannuleerd: De raadzaal is nodig voor de verkiezingen."
        )
    raadssessie.refresh_from_db()
    assert raadssessie.cancel_reason == "De raadzaal is nodig voor de verkiezingen."
    entry = AuditEntry.objects.get(object_type="sessies.sessie")
    assert entry.details["reden"] == raadssessie.cancel_reason


def test_a_cancelled_session_is_restored_with_a_new_sequence_and_a_request(
    griffier,
    raadslid,
    personas,
    raadssessie,
    client_for,
    django_capture_on_commit_callbacks,
):
    invite(raadssessie, raadslid, antwoord=Antwoord.AANMELDEN)
    invite(raadssessie, personas.medewerker, antwoord=Antwoord.AFMELDEN)
    with django_capture_on_commit_callbacks(execute=True):
        services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Storm")
    mail.outbox.clear()
    client = client_for(griffier)
    confirm = client.get(reverse("sessies:sessie_restore", args=[raadssessie.pk]))
    assert "Sessie herstellen en genodigden informeren" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sessies:sessie_restore", args=[raadssessie.pk]))
    assert response.status_code == 302
    raadssessie.refresh_from_db()
    assert raadssessie.status == Sessie.Status.GEPLAND
    assert raadssessie.sequence == 2
    assert raadssessie.cancel_reason == ""
    # Who had declined is not asked again.
    [message] = mail.outbox
    assert message.to == [raadslid.email]
    assert message.subject.startswith("Gaat toch door:")
    mimetype, cal, event = ics_of(message)
    assert "method=REQUEST" in mimetype and str(cal["method"]) == "REQUEST"
    assert str(event["status"]) == "CONFIRMED"
    assert event.decoded("sequence") == 2
    assert event["attendee"].params["PARTSTAT"] == "ACCEPTED"


def test_a_late_cancellation_mail_is_not_sent_after_a_restore(
    griffier, raadslid, raadssessie
):
    from sessies import tasks

    uitnodiging = invite(raadssessie, raadslid)
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Storm")
    services.sessie_restore(sessie=raadssessie, by=griffier)
    assert tasks.send_sessie_mail(uitnodiging.pk, "cancel", 1) is False
    assert tasks.send_sessie_mail(uitnodiging.pk, "restore", 2) is True
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Gaat toch door"]


def test_a_session_whose_time_has_passed_cannot_be_restored(griffier, personas):
    sessie = make_sessie(
        griffier,
        personas.griffie,
        start=timezone.now() - timedelta(hours=1),
        status=Sessie.Status.GEANNULEERD,
    )
    with pytest.raises(Exception, match="Plan in plaats daarvan een nieuwe sessie"):
        services.sessie_restore(sessie=sessie, by=griffier)


def test_editing_a_cancelled_session_says_to_restore_it_first(
    client_for, griffier, raadssessie
):
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Storm")
    client = client_for(griffier)
    for url in (
        reverse("sessies:sessie_update", args=[raadssessie.pk]),
        reverse("sessies:agendapunt_create", args=[raadssessie.pk]),
        reverse("sessies:uitnodigen", args=[raadssessie.pk]),
    ):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 409, url
        assert "Herstel haar eerst" in page
        assert reverse("sessies:sessie_restore", args=[raadssessie.pk]) in page
        assert "coördinator" not in page


def test_someone_who_may_not_manage_still_gets_a_plain_no_access(
    client_for, raadslid, griffier, raadssessie
):
    invite(raadssessie, raadslid)
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Storm")
    response = client_for(raadslid).get(
        reverse("sessies:sessie_update", args=[raadssessie.pk])
    )
    assert response.status_code == 403


def test_the_session_page_shows_the_reason_and_the_restore_button(
    client_for, griffier, raadslid, raadssessie
):
    invite(raadssessie, raadslid)
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Storm op komst")
    restore = reverse("sessies:sessie_restore", args=[raadssessie.pk])
    page = client_for(griffier).get(raadssessie.get_absolute_url()).content.decode()
    assert "Reden: Storm op komst" in page and restore in page
    page = client_for(raadslid).get(raadssessie.get_absolute_url()).content.decode()
    assert "Reden: Storm op komst" in page and restore not in page
