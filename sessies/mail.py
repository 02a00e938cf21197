"""Mail that goes out exactly once, even when a Celery task runs twice."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from sessies import ical
from sessies.models import Uitnodiging, VerzondenMail

#: A claim older than this whose mail was never marked sent is taken over:
#: the worker that made it died between claiming and sending.
CLAIM_LEASE = timedelta(minutes=15)
RSVP_SALT = "sessies.rsvp"

KINDS = {"invite", "update", "cancel", "reminder", "plaats"}


def rsvp_token(uitnodiging: Uitnodiging) -> str:
    return signing.dumps(
        {"u": uitnodiging.pk, "v": uitnodiging.token_version}, salt=RSVP_SALT
    )


def rsvp_url(uitnodiging: Uitnodiging) -> str:
    if uitnodiging.is_guest:
        path = reverse("sessies:gast_rsvp", kwargs={"token": rsvp_token(uitnodiging)})
    else:
        path = uitnodiging.sessie.get_absolute_url()
    return settings.SITE_URL + path


def claim(key: str, recipient: str) -> bool:
    """Take the key for this mail; False when it was sent or is being sent."""
    now = timezone.now()
    try:
        with transaction.atomic():
            VerzondenMail.objects.create(key=key, recipient=recipient, claimed_at=now)
        return True
    except IntegrityError:
        # Only a stale, unsent claim may be taken over; the conditional update
        # lets just one of two racing workers win it.
        return bool(
            VerzondenMail.objects.filter(
                key=key, sent_at__isnull=True, claimed_at__lt=now - CLAIM_LEASE
            ).update(claimed_at=now)
        )


def release(key: str) -> None:
    VerzondenMail.objects.filter(key=key, sent_at__isnull=True).delete()


def mark_sent(key: str) -> None:
    VerzondenMail.objects.filter(key=key).update(sent_at=timezone.now())


def build_message(uitnodiging: Uitnodiging, kind: str) -> EmailMessage:
    sessie = uitnodiging.sessie
    with translation.override("nl"):
        context = {
            "kind": kind,
            "uitnodiging": uitnodiging,
            "sessie": sessie,
            "start": ical.local(sessie.start),
            "end": ical.local(sessie.end),
            "url": rsvp_url(uitnodiging),
        }
        subject = render_to_string("sessies/email/sessie_subject.txt", context)
        body = render_to_string("sessies/email/sessie_body.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, None, [uitnodiging.email])
    cancel = kind == "cancel"
    method = "CANCEL" if cancel else "REQUEST"
    message.attach(
        "sessie.ics",
        ical.invitation_ics(uitnodiging, cancel=cancel).decode(),
        f"text/calendar; charset=utf-8; method={method}",
    )
    return message


def send_once(uitnodiging: Uitnodiging, kind: str, key: str) -> bool:
    """Send the mail unless its key was claimed before. True if sent now."""
    if not claim(key, uitnodiging.email):
        return False
    try:
        build_message(uitnodiging, kind).send()
    except Exception:
        release(key)
        raise
    mark_sent(key)
    return True
