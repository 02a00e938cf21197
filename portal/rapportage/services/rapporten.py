"""Writes: request, render, publish and correct reports.

The pipeline (docs/rapportage.md): a request creates the Rapport row in the
caller's transaction and sends the task after commit; a worker claims the row
with one conditional UPDATE, so two workers never render one report; a
periodic task re-sends rows that are stuck.
"""

import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.privacy import check_fields, check_personal_data, contains_bsn
from portal.rapportage import kinds, permissions
from portal.rapportage.models import Raadsinformatiebrief, Rapport
from portal.rapportage.pdf import html_to_pdf, visible_text, without_digests
from portal.rapportage.services import berichten, wachtrij
from portal.rapportage.services.begroting import begroting_ensure_years
from scans.models import Gebied

logger = logging.getLogger(__name__)

#: Retries of transient faults (database or storage briefly away).
MAX_ATTEMPTS = 5
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
Status = Rapport.Status


def lease() -> timedelta:
    """How long a claim holds: longer than the hard task time limit, so a live
    render is never claimed twice, and a dead worker's claim expires."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def rapport_request(
    *,
    user,
    kind: str,
    audience: str,
    gebied: Gebied | None = None,
    subject_pk: int | None = None,
    title: str = "",
    supersedes: Rapport | None = None,
    change_note: str = "",
    personal_data_confirmed: bool = False,
) -> Rapport:
    """Save the request and send it to the queue once the transaction commits."""
    check_fields({"title": title}, confirmed=personal_data_confirmed)
    spec = kinds.get(kind)
    if spec is None:
        raise ValidationError({"kind": _("Choose a kind of report.")})
    if audience not in spec.audiences:
        raise ValidationError(
            {"audience": _("This kind of report cannot be made for this audience.")}
        )
    if not permissions.can_request(user, kind, audience):
        raise PermissionDenied
    if spec.needs_gebied and gebied is None:
        raise ValidationError({"gebied": _("Choose the area this report is about.")})
    if not spec.needs_gebied:
        gebied = None
    if spec.subject and subject_pk is None:
        raise ValidationError({spec.subject: _("Choose what this report is about.")})
    if not spec.subject:
        subject_pk = None
    title = " ".join((title or "").split()) or spec.default_title(gebied, subject_pk)
    with transaction.atomic():
        rapport = Rapport(
            kind=kind,
            audience=audience,
            gebied=gebied,
            subject_pk=subject_pk,
            title=title[:200],
            requested_by=user,
            supersedes=supersedes,
            change_note=(change_note or "").strip(),
        )
        rapport.full_clean()
        rapport.save()
        transaction.on_commit(lambda: enqueue(rapport.pk))
    return rapport


def enqueue(pk: int) -> bool:
    """Send the render task; with the broker down the row waits for the sweep."""
    from portal.rapportage.tasks import render_rapport

    return wachtrij.send(render_rapport, Rapport, pk)


def rapport_claim(*, pk: int, now: datetime | None = None) -> bool:
    """Claim a queued row, or a row whose claim expired, in one UPDATE."""
    now = now or timezone.now()
    claimed = (
        Rapport.objects.filter(pk=pk)
        .filter(Q(status=Status.WACHTRIJ) | Q(status=Status.BEZIG, lease_until__lt=now))
        .update(
            status=Status.BEZIG,
            claimed_at=now,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


def render_html(rapport: Rapport) -> str:
    spec = kinds.get(rapport.kind)
    if spec is None:
        raise kinds.SubjectGone(_("This kind of report no longer exists."))
    if spec.shows_budget:
        begroting_ensure_years()
    context = spec.build(rapport)
    context.update(
        {
            "rapport": rapport,
            "kind": spec,
            "generated_at": timezone.localtime(),
            "gemeente": f"Gemeente {settings.GEMEENTE_NAAM}",
            "gemeente_naam": settings.GEMEENTE_NAAM,
        }
    )
    with translation.override("nl"):
        return render_to_string(spec.template, context)


def rapport_process(*, pk: int) -> str:
    """Claim, render, store and finish one report. Returns what happened.

    Raises a TRANSIENT_ERRORS exception when the task should retry later.
    """
    if not rapport_claim(pk=pk):
        return "not-claimed"
    rapport = Rapport.objects.get(pk=pk)
    try:
        html = render_html(rapport)
        text = visible_text(html)
        if contains_bsn(without_digests(text)):
            # The last gate: text saved before the guard, or through a path
            # it missed, does not leave the portal in a report.
            _fail(
                rapport,
                _(
                    "The report was not made: its text contains what looks like a "
                    "citizen service number (BSN). Remove the number from the "
                    "source text, then request the report again."
                ),
            )
            return "mislukt"
        pdf = html_to_pdf(html)
    except kinds.SubjectGone as exc:
        _fail(rapport, str(exc))
        return "mislukt"
    except TRANSIENT_ERRORS:
        if rapport.attempts >= MAX_ATTEMPTS:
            _fail(rapport, _("The report could not be made: the system was busy."))
            return "mislukt"
        _release(rapport)
        raise
    except Exception:
        logger.exception("Rendering report %s failed", pk)
        _fail(
            rapport,
            _(
                "The report could not be made because of an error in the layout. "
                "Try again; if it fails again, contact functioneel beheer."
            ),
        )
        return "mislukt"
    _store(rapport, pdf.content, pdf.page_count, text)
    transaction.on_commit(lambda: notify_ready(rapport))
    return "klaar"


def _claimed(rapport: Rapport):
    """The row while this worker's claim holds (not one taken over or re-queued)."""
    return Rapport.objects.filter(
        pk=rapport.pk, status=Status.BEZIG, claimed_at=rapport.claimed_at
    )


def _release(rapport: Rapport) -> None:
    _claimed(rapport).update(status=Status.WACHTRIJ, lease_until=None)


def _fail(rapport: Rapport, reason: str) -> None:
    _claimed(rapport).update(
        status=Status.MISLUKT,
        error=reason,
        finished_at=timezone.now(),
        lease_until=None,
    )


@transaction.atomic
def _store(rapport: Rapport, content: bytes, page_count: int, text: str) -> None:
    # Re-read under lock: only the holder of the claim writes the file.
    locked = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if locked.status != Status.BEZIG or locked.claimed_at != rapport.claimed_at:
        return
    name = f"{locked.uid}.pdf"
    # A letter changed before publication renders again: the earlier file goes.
    earlier = locked.file.name if locked.file else ""
    locked.file.save(name, ContentFile(content), save=False)
    locked.sha256 = hashlib.sha256(content).hexdigest()
    locked.page_count = page_count
    locked.size_bytes = len(content)
    locked.text = text
    locked.status = Status.KLAAR
    locked.error = ""
    locked.finished_at = timezone.now()
    locked.lease_until = None
    locked.save()
    if earlier and earlier != locked.file.name:
        transaction.on_commit(lambda: locked.file.storage.delete(earlier))
    rapport.refresh_from_db()


def notify_ready(rapport: Rapport) -> None:
    user = rapport.requested_by
    if user is None or not user.email:
        return
    with translation.override("nl"):
        body = render_to_string(
            "rapportage/email/rapport_ready.txt",
            {"rapport": rapport, "url": settings.SITE_URL + rapport.get_absolute_url()},
        )
        subject = _("Your report is ready: %(title)s") % {"title": rapport.title}
    send_mail(subject, body, None, [user.email], fail_silently=True)


def rapport_retry(*, rapport: Rapport, by) -> Rapport:
    if not permissions.can_retry(by, rapport):
        raise PermissionDenied
    with transaction.atomic():
        updated = Rapport.objects.filter(pk=rapport.pk, status=Status.MISLUKT).update(
            status=Status.WACHTRIJ,
            attempts=0,
            error="",
            finished_at=None,
            enqueued_at=None,
        )
        if updated:
            transaction.on_commit(lambda: enqueue(rapport.pk))
    rapport.refresh_from_db()
    return rapport


def rapport_publish(*, rapport: Rapport, by, notify: bool = True) -> Rapport:
    """Publish to the raad; from then on the report and its file are immutable.

    The notices to the raadsleden are queued in the same transaction (one
    outbox row each), so a publication never goes out without them.
    """
    with transaction.atomic():
        locked = Rapport.objects.select_for_update().get(pk=rapport.pk)
        if locked.is_published:
            raise ValidationError(_("This report has already been published."))
        if not permissions.can_publish(by, locked):
            raise PermissionDenied
        if (
            locked.kind == permissions.BRIEF_KIND
            and not Raadsinformatiebrief.objects.filter(rapport=locked).exists()
        ):
            raise ValidationError(
                _(
                    "The college's letter has not been written yet: write its "
                    "text, reference, date and signatories before publishing."
                )
            )
        locked.published_at = timezone.now()
        locked.published_by = by
        locked.save(update_fields=["published_at", "published_by"])
        if notify:
            berichten.berichten_create(rapport=locked)
    return locked


def rapport_correct(
    *,
    rapport: Rapport,
    by,
    title: str = "",
    change_note: str = "",
    personal_data_confirmed: bool = False,
) -> Rapport:
    """Request a corrected version; the published one stays, linked to it.

    The correction says what changed. A letter of the college travels with
    it, to be revised before the correction is published.
    """
    if not permissions.can_correct(by, rapport):
        raise ValidationError(
            _(
                "Only a published report that has not been corrected yet "
                "can be corrected."
            )
        )
    change_note = (change_note or "").strip()
    if not change_note:
        raise ValidationError({"change_note": _("Say what the correction changes.")})
    try:
        check_personal_data(change_note, confirmed=personal_data_confirmed)
    except ValidationError as exc:
        raise ValidationError({"change_note": exc.messages}, code=exc.code) from exc
    with transaction.atomic():
        correction = rapport_request(
            user=by,
            kind=rapport.kind,
            audience=rapport.audience,
            gebied=rapport.gebied,
            subject_pk=rapport.subject_pk,
            title=title or _("%(title)s (correction)") % {"title": rapport.title},
            supersedes=rapport,
            change_note=change_note,
            personal_data_confirmed=personal_data_confirmed,
        )
        letter = Raadsinformatiebrief.objects.filter(rapport=rapport).first()
        if letter is not None:
            letter.pk = None
            letter.rapport = correction
            letter.written_by = by
            letter.save()
    return correction


def rapport_rerender(*, rapport: Rapport) -> bool:
    """Queue an unpublished report again (its letter changed); True if queued.

    A render in progress loses its claim: it stores nothing, and the new
    render shows the latest text.
    """
    queued = Rapport.objects.filter(pk=rapport.pk, published_at__isnull=True).update(
        status=Status.WACHTRIJ,
        attempts=0,
        error="",
        claimed_at=None,
        finished_at=None,
        enqueued_at=None,
        lease_until=None,
    )
    if queued:
        transaction.on_commit(lambda: enqueue(rapport.pk))
    return bool(queued)


def rapport_requeue_stuck(*, now: datetime | None = None) -> int:
    """Re-send rows stuck in wachtrij or bezig past their lease."""
    from portal.rapportage.selectors import stuck_rapporten

    now = now or timezone.now()
    sent = 0
    for pk in stuck_rapporten(now=now, lease=lease()).values_list("pk", flat=True):
        try:
            if enqueue_for_sweep(pk, now=now):
                sent += 1
        except DatabaseError:
            logger.exception("Sweep could not re-send report %s", pk)
    return sent


def enqueue_for_sweep(pk: int, *, now: datetime) -> bool:
    """Rows whose claim expired go back to wachtrij so any worker may claim them."""
    Rapport.objects.filter(pk=pk, status=Status.BEZIG, lease_until__lt=now).update(
        status=Status.WACHTRIJ, lease_until=None
    )
    return enqueue(pk)
