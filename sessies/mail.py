"""Mail that goes out exactly once, even when a Celery task runs twice."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import User
from sessies import ical
from sessies.models import Amendement, Antwoord, Uitnodiging, Verslag, VerzondenMail

#: A claim older than this whose mail was never marked sent is taken over:
#: the worker that made it died between claiming and sending.
CLAIM_LEASE = timedelta(minutes=15)
RSVP_SALT = "sessies.rsvp"

KINDS = {"invite", "update", "cancel", "restore", "reminder", "plaats", "aanmelding"}
#: The answers a one-click link can give; the word is the link's last part.
REPLIES = (Antwoord.AANMELDEN, Antwoord.MISSCHIEN, Antwoord.AFMELDEN)


def rsvp_token(uitnodiging: Uitnodiging) -> str:
    return signing.dumps(
        {"u": uitnodiging.pk, "v": uitnodiging.token_version}, salt=RSVP_SALT
    )


def reply_url(uitnodiging: Uitnodiging, antwoord: str) -> str:
    """A one-click answer for this invitee: the page asks to confirm (POST),
    so a mail scanner that follows the link changes nothing."""
    return settings.SITE_URL + reverse(
        "sessies:antwoord_link",
        kwargs={"token": rsvp_token(uitnodiging), "antwoord": antwoord},
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
            "replies": {a: reply_url(uitnodiging, a) for a in REPLIES},
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


def deliver_once(key: str, recipient: str, build: Callable[[], EmailMessage]) -> bool:
    """Send what `build` makes unless the key was claimed before. True if
    sent now; a failed send releases the claim and re-raises."""
    if not claim(key, recipient):
        return False
    try:
        build().send()
    except Exception:
        release(key)
        raise
    mark_sent(key)
    return True


def send_once(uitnodiging: Uitnodiging, kind: str, key: str) -> bool:
    """Send the mail unless its key was claimed before. True if sent now."""
    return deliver_once(
        key, uitnodiging.email, lambda: build_message(uitnodiging, kind)
    )


def build_verslag_message(
    verslag: Verslag,
    kind: str,
    recipient: User,
    amendement: Amendement | None = None,
) -> EmailMessage:
    """Mail about the minutes: a proposed amendment (to the organiser), the
    decision on it (to its author), the draft and the final minutes."""
    sessie = verslag.sessie
    with translation.override("nl"):
        context = {
            "kind": kind,
            "verslag": verslag,
            "sessie": sessie,
            "recipient": recipient,
            "amendement": amendement,
            "start": ical.local(sessie.start),
            "url": settings.SITE_URL
            + reverse("sessies:verslag_detail", kwargs={"pk": sessie.pk}),
        }
        subject = render_to_string("sessies/email/verslag_subject.txt", context)
        body = render_to_string("sessies/email/verslag_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [recipient.email])
