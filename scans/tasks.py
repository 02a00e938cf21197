"""Background work of the scans app: early-warning rules and the daily digest."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from partners.models import Membership, Role


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def evaluate_warnings() -> dict:
    from scans.services import vroegsignalering

    return vroegsignalering.evaluate()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_warning_digest() -> int:
    """Daily e-mail per person: the open warnings of their organisation, per buurt.

    A warning is mailed once (gemaild_at), so a retry does not send it twice.
    """
    from scans.models import Waarschuwing
    from scans.services import vroegsignalering

    vroegsignalering.evaluate()
    sent = 0
    org_ids = (
        Waarschuwing.objects.filter(
            gemaild_at__isnull=True,
            resolved_at__isnull=True,
            acknowledged_at__isnull=True,
        )
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    for org_id in list(org_ids):
        grouped = vroegsignalering.digest_for(org_id)
        new = [w for ws in grouped.values() for w in ws if w.gemaild_at is None]
        if not new:
            continue
        recipients = list(
            Membership.objects.filter(
                organisation_id=org_id,
                role__in=[Role.MEDEWERKER, Role.COORDINATOR],
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
        if recipients:
            with translation.override(settings.LANGUAGE_CODE):
                items = [
                    (g, [(w, vroegsignalering.warning_text(w)) for w in ws])
                    for g, ws in grouped.items()
                ]
                body = render_to_string(
                    "scans/email/warning_digest.txt",
                    {"groups": items, "site_url": settings.SITE_URL},
                )
                subject = render_to_string(
                    "scans/email/warning_digest_subject.txt", {"count": len(new)}
                ).strip()
            send_mail(subject, body, None, recipients)
            sent += len(recipients)
        Waarschuwing.objects.filter(pk__in=[w.pk for w in new]).update(
            gemaild_at=timezone.now()
        )
    return sent
