"""Each mail goes out once, also when a task runs again."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.utils import timezone

from sessies import tasks
from sessies.models import Antwoord, VerzondenMail
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db


def test_running_the_invitation_task_twice_sends_one_mail(personas, raadssessie):
    uitnodiging = invite(raadssessie, personas.raadslid)
    assert tasks.send_sessie_mail(uitnodiging.pk, "invite", 0) is True
    assert tasks.send_sessie_mail(uitnodiging.pk, "invite", 0) is False
    assert len(mail.outbox) == 1
    assert VerzondenMail.objects.get().sent_at is not None


def test_a_failed_send_is_released_so_the_retry_sends_it(
    personas, raadssessie, monkeypatch
):
    uitnodiging = invite(raadssessie, personas.raadslid)
    calls = {"n": 0}
    real_send = mail.EmailMessage.send

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise SMTPServerDisconnected("mail server went away")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", flaky)
    with pytest.raises(SMTPServerDisconnected):
        tasks.send_sessie_mail.run(uitnodiging.pk, "invite", 0)
    assert not VerzondenMail.objects.exists()
    assert tasks.send_sessie_mail.run(uitnodiging.pk, "invite", 0) is True
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_crashed_worker_is_taken_over_after_the_lease(
    personas, raadssessie
):
    uitnodiging = invite(raadssessie, personas.raadslid)
    key = f"sessie:{raadssessie.pk}:invite:{uitnodiging.pk}:v1"
    VerzondenMail.objects.create(
        key=key,
        recipient="x@example.org",
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    assert tasks.send_sessie_mail(uitnodiging.pk, "invite", 0) is True
    assert len(mail.outbox) == 1


def test_a_recent_claim_blocks_a_second_worker(personas, raadssessie):
    uitnodiging = invite(raadssessie, personas.raadslid)
    key = f"sessie:{raadssessie.pk}:invite:{uitnodiging.pk}:v1"
    VerzondenMail.objects.create(
        key=key, recipient="x@example.org", claimed_at=timezone.now()
    )
    assert tasks.send_sessie_mail(uitnodiging.pk, "invite", 0) is False
    assert mail.outbox == []


def test_an_outdated_update_is_not_sent(personas, raadssessie):
    uitnodiging = invite(raadssessie, personas.raadslid)
    raadssessie.sequence = 3
    raadssessie.save()
    assert tasks.send_sessie_mail(uitnodiging.pk, "update", 2) is False
    assert tasks.send_sessie_mail(uitnodiging.pk, "update", 3) is True


def test_the_reminder_goes_out_once_to_who_is_coming_tomorrow(personas):
    tomorrow = make_sessie(
        personas.griffier,
        personas.griffie,
        start=timezone.now() + timedelta(hours=20),
    )
    later = make_sessie(
        personas.griffier, personas.griffie, start=timezone.now() + timedelta(days=3)
    )
    invite(tomorrow, personas.raadslid, antwoord=Antwoord.AANMELDEN)
    invite(tomorrow, personas.medewerker, antwoord=Antwoord.AFMELDEN)
    invite(later, personas.raadslid, antwoord=Antwoord.AANMELDEN)
    assert tasks.send_reminders() == 1
    assert tasks.send_reminders() == 0
    [message] = mail.outbox
    assert message.to == [personas.raadslid.email]
    assert message.subject.startswith("Morgen:")


def test_the_reminder_beat_entry_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sessies-send-reminders"]
    assert entry["task"] == "sessies.tasks.send_reminders"
