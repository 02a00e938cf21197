"""Session mail. Tasks take ids; each mail has a key and goes out once."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from sessies import mail
from sessies.models import Antwoord, Sessie, Uitnodiging

TRANSIENT = (OSError, SMTPException)
logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=600, max_retries=8
)
def send_sessie_mail(uitnodiging_id: int, kind: str, sequence: int) -> bool:
    """One mail to one invitee. `sequence` makes each update its own mail."""
    uitnodiging = (
        Uitnodiging.objects.select_related("sessie__organiser", "user")
        .filter(pk=uitnodiging_id)
        .first()
    )
    if uitnodiging is None or kind not in mail.KINDS:
        return False
    sessie = uitnodiging.sessie
    if sessie.is_cancelled and kind != "cancel":
        return False
    if kind == "update" and sessie.sequence != sequence:
        # A later change has its own mail with the newer details.
        return False
    # An invitation is keyed by its link version, so a renewed link is a new
    # mail; updates and cancellations by the session's sequence.
    variant = f"v{uitnodiging.token_version}" if kind == "invite" else sequence
    key = f"sessie:{sessie.pk}:{kind}:{uitnodiging.pk}:{variant}"
    return mail.send_once(uitnodiging, kind, key)


@shared_task
def notify_sessie(sessie_id: int, kind: str, sequence: int) -> int:
    """Fan out an update or cancellation to everyone still concerned."""
    sessie = Sessie.objects.filter(pk=sessie_id).first()
    if sessie is None:
        return 0
    invitees = sessie.uitnodigingen.all()
    if kind == "update":
        invitees = invitees.exclude(antwoord=Antwoord.AFMELDEN)
    ids = list(invitees.values_list("pk", flat=True))
    for pk in ids:
        send_sessie_mail.delay(pk, kind, sequence)
    return len(ids)


@shared_task
def send_reminders() -> int:
    """Run hourly by beat: remind who is coming of sessions in the next day.

    The key holds the start time, so a session moved to another day gets a
    fresh reminder and a session seen by two runs gets one.
    """
    now = timezone.now()
    invitees = Uitnodiging.objects.filter(
        sessie__start__gt=now,
        sessie__start__lte=now + timedelta(hours=24),
        sessie__status__in=[Sessie.Status.GEPLAND, Sessie.Status.VERPLAATST],
        antwoord__in=[Antwoord.AANMELDEN, Antwoord.MISSCHIEN],
        wachtlijst_sinds__isnull=True,
    ).select_related("sessie__organiser", "user")
    sent = 0
    for uitnodiging in invitees:
        key = (
            f"sessie:{uitnodiging.sessie_id}:reminder:{uitnodiging.pk}:"
            f"{uitnodiging.sessie.start.isoformat()}"
        )
        try:
            sent += mail.send_once(uitnodiging, "reminder", key)
        except TRANSIENT:
            # The claim was released; the next hourly run tries again.
            logger.warning("reminder %s not sent, will retry", key, exc_info=True)
    return sent
