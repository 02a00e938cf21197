"""The outbox of publication notices: one row, one mail, one raadslid (ADR 0404).

Publishing a report writes one Publicatiebericht row per raadslid in the same
transaction; after commit one task per row is sent. The task claims its row
with one conditional UPDATE, sends the mail and marks the row sent. A failed
send puts the row back in the queue and the task retries with backoff; after
MAX_ATTEMPTS the row is marked failed with the reason, for the griffie to see.
The row is unique per report and recipient, and only the holder of the claim
sends, so a duplicate message or a second publication run sends nothing.
"""

import logging
from datetime import datetime, timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.rapportage.models import Publicatiebericht, Rapport
from portal.rapportage.services import wachtrij

logger = logging.getLogger(__name__)

Status = Publicatiebericht.Status

#: sends of one notice before it is marked failed
MAX_ATTEMPTS = 5
#: what a failing mail server or network raises; anything else is a bug
SEND_ERRORS = (SMTPException, OSError, TimeoutError)
#: a claim older than this was held by a worker that died mid-send
LEASE = timedelta(minutes=5)


def backoff(attempt: int) -> int:
    """Seconds before try `attempt + 1`: 30 s, 60 s, 120 s … at most an hour."""
    return min(30 * 2 ** max(attempt - 1, 0), 3600)


def berichten_create(*, rapport: Rapport) -> int:
    """Queue one notice per active raadslid; call inside the publication.

    A raadslid who already has a notice of this report keeps that one: the
    unique constraint makes a second run add nothing.
    """
    from partners.selectors import raadsleden

    recipients = list(raadsleden().values_list("pk", flat=True))
    Publicatiebericht.objects.bulk_create(
        [Publicatiebericht(rapport=rapport, recipient_id=pk) for pk in recipients],
        ignore_conflicts=True,
    )
    pks = list(
        Publicatiebericht.objects.filter(
            rapport=rapport, status=Status.WACHTRIJ
        ).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: [enqueue(pk) for pk in pks])
    return len(pks)


def enqueue(pk: int) -> bool:
    """Send the task for one notice; with the broker down the sweep sends it."""
    from portal.rapportage.tasks import send_publicatiebericht

    return wachtrij.send(send_publicatiebericht, Publicatiebericht, pk)


def bericht_claim(*, pk: int, now: datetime | None = None) -> bool:
    """Claim a queued notice, or one whose sender died, in one UPDATE."""
    now = now or timezone.now()
    claimed = (
        Publicatiebericht.objects.filter(pk=pk)
        .filter(Q(status=Status.WACHTRIJ) | Q(status=Status.BEZIG, lease_until__lt=now))
        .update(
            status=Status.BEZIG,
            lease_until=now + LEASE,
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


def build_message(bericht: Publicatiebericht) -> EmailMessage:
    rapport = bericht.rapport
    with translation.override("nl"):
        context = {
            "rapport": rapport,
            "original": rapport.supersedes,
            "url": settings.SITE_URL + rapport.get_absolute_url(),
        }
        body = render_to_string("rapportage/email/rapport_published.txt", context)
        if rapport.supersedes_id:
            subject = _("Correction of a report for the council: %(title)s")
        else:
            subject = _("New report for the council: %(title)s")
        subject = subject % {"title": rapport.title}
    # One message per raadslid: recipients never see each other's addresses.
    return EmailMessage(
        " ".join(subject.split()), body, None, [bericht.recipient.email]
    )


def bericht_send(*, pk: int) -> str:
    """Claim, send and mark one notice. Returns what happened.

    Re-raises a SEND_ERRORS exception after putting the row back in the
    queue, so the task can retry it later.
    """
    if not bericht_claim(pk=pk):
        return "not-claimed"
    bericht = Publicatiebericht.objects.select_related(
        "rapport__supersedes", "recipient"
    ).get(pk=pk)
    recipient = bericht.recipient
    if not recipient.is_active or not recipient.email:
        _finish(bericht, Status.MISLUKT, _("The account is no longer active."))
        return "mislukt"
    try:
        build_message(bericht).send(fail_silently=False)
    except SEND_ERRORS as exc:
        reason = f"{type(exc).__name__}: {exc}"[:500]
        if bericht.attempts >= MAX_ATTEMPTS:
            _finish(bericht, Status.MISLUKT, reason)
            return "mislukt"
        now = timezone.now()
        Publicatiebericht.objects.filter(pk=pk, status=Status.BEZIG).update(
            status=Status.WACHTRIJ,
            lease_until=None,
            error=reason,
            enqueued_at=now,
            retry_after=now + timedelta(seconds=backoff(bericht.attempts)),
        )
        raise
    # A reason of an earlier failed try stays: it says why the mail was late.
    _finish(bericht, Status.VERZONDEN)
    return "verzonden"


def _finish(bericht: Publicatiebericht, status: str, error: str | None = None) -> None:
    changes = {
        "status": status,
        "lease_until": None,
        "sent_at": timezone.now() if status == Status.VERZONDEN else None,
    }
    if error is not None:
        changes["error"] = error
    Publicatiebericht.objects.filter(pk=bericht.pk, status=Status.BEZIG).update(
        **changes
    )


def berichten_requeue_stuck(*, now: datetime | None = None) -> int:
    """Re-send notices never sent, due for another try, or held by a dead worker."""
    now = now or timezone.now()
    stuck = Publicatiebericht.objects.filter(
        Q(status=Status.WACHTRIJ)
        & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - LEASE))
        & (Q(retry_after__isnull=True) | Q(retry_after__lte=now))
        | Q(status=Status.BEZIG, lease_until__lt=now)
    )
    sent = 0
    for pk in stuck.values_list("pk", flat=True):
        try:
            Publicatiebericht.objects.filter(
                pk=pk, status=Status.BEZIG, lease_until__lt=now
            ).update(status=Status.WACHTRIJ, lease_until=None)
            sent += enqueue(pk)
        except DatabaseError:
            logger.exception("Sweep could not re-send notice %s", pk)
    return sent
