"""Publication notices go through an outbox: one mail per raadslid, retried with
backoff when the mail server fails, and never sent twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from partners.models import Role
from portal.rapportage import services
from portal.rapportage.models import Publicatiebericht
from portal.rapportage.services import berichten
from portal.rapportage.tasks import send_publicatiebericht
from tests.conftest import make_user
from tests.rapportage.conftest import broker_unreachable
from tests.rapportage.factories import make_rapport

Status = Publicatiebericht.Status


@pytest.fixture
def raad(personas):
    """Three raadsleden, one of them no longer active."""
    tweede = make_user("ahmed@raad.test", personas.raad, Role.RAADSLID)
    vertrokken = make_user("oud@raad.test", personas.raad, Role.RAADSLID)
    vertrokken.is_active = False
    vertrokken.save()
    return [personas.raadslid, tweede]


@pytest.fixture
def concept(personas):
    return make_rapport(requested_by=personas.griffier, title="Voortgang december")


def _publish(rapport, griffier, capture):
    with capture(execute=True):
        services.rapport_publish(rapport=rapport, by=griffier)


def test_each_active_raadslid_gets_one_mail_of_their_own(
    raad, concept, personas, django_capture_on_commit_callbacks
):
    _publish(concept, personas.griffier, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in raad)
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    assert "Nieuw rapport voor de raad: Voortgang december" in mail.outbox[0].subject
    assert concept.get_absolute_url() in mail.outbox[0].body
    rows = Publicatiebericht.objects.filter(rapport=concept)
    assert {r.status for r in rows} == {Status.VERZONDEN}
    assert all(r.sent_at and r.attempts == 1 for r in rows)


def test_a_failed_send_is_retried_and_then_delivered_once(
    raad, concept, personas, mail_fails_once, django_capture_on_commit_callbacks
):
    _publish(concept, personas.griffier, django_capture_on_commit_callbacks)
    # The server refused the first message; the retry delivered it.
    assert mail_fails_once.failures_left == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in raad)
    rows = list(Publicatiebericht.objects.filter(rapport=concept))
    assert {r.status for r in rows} == {Status.VERZONDEN}
    assert sorted(r.attempts for r in rows) == [1, 2]
    retried = next(r for r in rows if r.attempts == 2)
    assert "SMTPServerDisconnected" in retried.error  # the reason is kept


def test_a_notice_that_keeps_failing_is_marked_failed_with_its_reason(
    raad, concept, personas, mail_always_fails, django_capture_on_commit_callbacks
):
    _publish(concept, personas.griffier, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    rows = Publicatiebericht.objects.filter(rapport=concept)
    assert {r.status for r in rows} == {Status.MISLUKT}
    assert {r.attempts for r in rows} == {berichten.MAX_ATTEMPTS}
    assert all("SMTPServerDisconnected" in r.error for r in rows)
    page = _client(personas.griffier).get(concept.get_absolute_url()).content.decode()
    assert (
        "0 van 2 e-mails verzonden; 0 wachten of worden opnieuw geprobeerd; 2 mislukt."
        in page
    )


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_notice_is_never_sent_twice(
    raad, concept, personas, django_capture_on_commit_callbacks
):
    _publish(concept, personas.griffier, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    row = Publicatiebericht.objects.filter(rapport=concept).first()
    # A duplicate task message, the sweep and a second fan-out change nothing.
    assert send_publicatiebericht.apply(args=[row.pk]).get() == "not-claimed"
    later = timezone.now() + berichten.LEASE + timedelta(hours=2)
    assert berichten.berichten_requeue_stuck(now=later) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert berichten.berichten_create(rapport=concept) == 0
    assert len(mail.outbox) == sent
    assert Publicatiebericht.objects.filter(rapport=concept).count() == len(raad)


def test_the_database_holds_one_notice_per_report_and_recipient(concept, personas):
    Publicatiebericht.objects.create(rapport=concept, recipient=personas.raadslid)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publicatiebericht.objects.create(rapport=concept, recipient=personas.raadslid)


def test_two_workers_claiming_one_notice_send_it_once(concept, personas):
    row = Publicatiebericht.objects.create(rapport=concept, recipient=personas.raadslid)
    assert berichten.bericht_claim(pk=row.pk) is True
    assert berichten.bericht_claim(pk=row.pk) is False
    # A claim whose worker died is taken over once its lease ran out.
    later = timezone.now() + berichten.LEASE + timedelta(seconds=1)
    assert berichten.bericht_claim(pk=row.pk, now=later) is True


def test_notices_wait_while_the_broker_is_down_and_the_sweep_sends_them(
    raad, concept, personas, django_capture_on_commit_callbacks, caplog
):
    with broker_unreachable():
        _publish(concept, personas.griffier, django_capture_on_commit_callbacks)
    assert "could not be queued" in caplog.text
    rows = Publicatiebericht.objects.filter(rapport=concept)
    assert {r.status for r in rows} == {Status.WACHTRIJ}
    assert {r.enqueued_at for r in rows} == {None}
    assert mail.outbox == []
    # The broker is back: the beat sweep sends what waited.
    assert berichten.berichten_requeue_stuck() == len(raad)
    assert len(mail.outbox) == len(raad)
    assert {r.status for r in rows.all()} == {Status.VERZONDEN}


def test_the_beat_sweep_also_sends_waiting_notices(concept, personas):
    from portal.rapportage.tasks import requeue_stuck_rapporten

    Publicatiebericht.objects.create(rapport=concept, recipient=personas.raadslid)
    assert requeue_stuck_rapporten.apply().get() == 1
    assert [m.to for m in mail.outbox] == [[personas.raadslid.email]]


def test_a_notice_waiting_for_its_backoff_is_left_to_its_retry(concept, personas):
    now = timezone.now()
    Publicatiebericht.objects.create(
        rapport=concept,
        recipient=personas.raadslid,
        attempts=1,
        enqueued_at=now - berichten.LEASE * 2,
        retry_after=now + timedelta(minutes=1),
    )
    assert berichten.berichten_requeue_stuck(now=now) == 0
    assert berichten.berichten_requeue_stuck(now=now + timedelta(minutes=2)) == 1


def test_the_backoff_doubles_and_is_capped():
    assert [berichten.backoff(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert berichten.backoff(20) == 3600


def test_the_notice_of_a_correction_says_what_changed(
    personas, django_capture_on_commit_callbacks
):
    original = make_rapport(
        requested_by=personas.griffier,
        title="Voortgang november",
        published_by=personas.griffier,
    )
    with django_capture_on_commit_callbacks(execute=True):
        correction = services.rapport_correct(
            rapport=original,
            by=personas.griffier,
            title="Voortgang november (gecorrigeerd)",
            change_note="Bijlage 3: de betaling aan Welzijn telt nu als betaald.",
        )
    correction.refresh_from_db()
    mail.outbox.clear()  # the requester's "your report is ready"
    _publish(correction, personas.griffier, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == (
        "Correctie van een rapport voor de raad: Voortgang november (gecorrigeerd)"
    )
    assert 'Die vervangt "Voortgang november".' in message.body
    assert "Bijlage 3: de betaling aan Welzijn telt nu als betaald." in message.body


def test_the_publish_button_queues_the_notices_in_the_same_transaction(
    raad,
    concept,
    personas,
    client_for,
    mail_always_fails,
    django_capture_on_commit_callbacks,
):
    url = reverse("rapportage:rapport_publish", kwargs={"uid": concept.uid})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(personas.griffier).post(url)
    assert response.status_code == 302
    # Before anything is sent, the rows are there: nothing can be lost.
    assert Publicatiebericht.objects.filter(rapport=concept).count() == len(raad)
    assert callbacks
