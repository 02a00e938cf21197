"""Session mail. Tasks take ids; each mail has a key and goes out once."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from partners.models import User
from sessies import mail
from sessies.models import Amendement, Antwoord, Sessie, Uitnodiging, Verslag

TRANSIENT = (OSError, SMTPException)
#: Mails about one state of the session: stale once the SEQUENCE moved on.
SEQUENCED = {"update", "cancel", "restore"}
#: Mails that carry the invitee's links: one per link version.
LINKED = {"invite", "aanmelding"}
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
    if sessie.is_cancelled != (kind == "cancel"):
        # Cancelled since (only the cancellation goes), or restored since
        # (the cancellation is stale).
        return False
    if kind in SEQUENCED and sessie.sequence != sequence:
        # A later change has its own mail with the newer details.
        return False
    # An invitation is keyed by its link version, so a renewed link is a new
    # mail; updates, cancellations and restores by the session's sequence.
    variant = f"v{uitnodiging.token_version}" if kind in LINKED else sequence
    key = f"sessie:{sessie.pk}:{kind}:{uitnodiging.pk}:{variant}"
    return mail.send_once(uitnodiging, kind, key)


@shared_task
def notify_sessie(sessie_id: int, kind: str, sequence: int) -> int:
    """Fan out an update, cancellation or restore to everyone concerned."""
    sessie = Sessie.objects.filter(pk=sessie_id).first()
    if sessie is None:
        return 0
    invitees = sessie.uitnodigingen.filter(gegevens_gewist_at__isnull=True)
    if kind in ("update", "restore"):
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


# Minutes ---------------------------------------------------------------------


@shared_task(
    autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=600, max_retries=8
)
def send_verslag_mail(
    verslag_id: int, kind: str, user_id: int, amendement_id: int | None = None
) -> bool:
    """One mail about the minutes to one person, once per key."""
    verslag = Verslag.objects.select_related("sessie").filter(pk=verslag_id).first()
    recipient = User.objects.filter(pk=user_id, is_active=True).first()
    if verslag is None or recipient is None:
        return False
    amendement = None
    if amendement_id is not None:
        amendement = (
            Amendement.objects.select_related("author")
            .filter(pk=amendement_id, verslag=verslag)
            .first()
        )
        if amendement is None:
            return False
        key = f"verslag:{verslag.pk}:{kind}:{amendement.pk}:{amendement.status}"
    else:
        key = f"verslag:{verslag.pk}:{kind}"
    return mail.deliver_once(
        f"{key}:{recipient.pk}",
        recipient.email,
        lambda: mail.build_verslag_message(verslag, kind, recipient, amendement),
    )


@shared_task
def notify_verslag(verslag_id: int, kind: str) -> int:
    """Fan out the draft (to those present) or the final minutes (to every
    invitee with an account who came or did not decline)."""
    verslag = Verslag.objects.select_related("sessie").filter(pk=verslag_id).first()
    if verslag is None:
        return 0
    invitees = verslag.sessie.uitnodigingen.filter(
        user__isnull=False, user__is_active=True
    )
    if kind == "concept":
        invitees = invitees.filter(aanwezig=True)
    else:
        invitees = invitees.filter(Q(aanwezig=True) | ~Q(antwoord=Antwoord.AFMELDEN))
    user_ids = list(invitees.values_list("user_id", flat=True))
    for user_id in user_ids:
        send_verslag_mail.delay(verslag.pk, kind, user_id)
    return len(user_ids)
