"""Participation sessions open to residents: a public sign-up page.

A resident leaves a name and an e-mail address and confirms through the
link in the mail; only then a place is taken (or a place on the waiting
list). Their details are removed a few days after the session by the
retention task (`portal.bewaartermijnen` calls `gegevens_wissen`).
"""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import User
from sessies import permissions
from sessies.models import Antwoord, Sessie, Uitnodiging, VerzondenMail

#: How long after the session a resident's name and e-mail address are kept:
#: time to register who came and to send a last change. Stated on the page.
BEWAARTERMIJN = timedelta(days=7)


def _send(uitnodiging: Uitnodiging) -> None:
    from sessies.tasks import send_sessie_mail

    pk, sequence = uitnodiging.pk, uitnodiging.sessie.sequence
    transaction.on_commit(lambda: send_sessie_mail.delay(pk, "aanmelding", sequence))


@transaction.atomic
def publieke_aanmelding_zetten(*, sessie: Sessie, by: User, open: bool) -> Sessie:
    """Open or close the public sign-up page of a participation session."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not permissions.can_open_public_signup(by, sessie):
        raise PermissionDenied
    if open and sessie.is_over:
        raise ValidationError(_("This session is over; sign-up cannot be opened."))
    sessie.publieke_aanmelding = open
    if open and not sessie.aanmeldcode:
        sessie.aanmeldcode = secrets.token_urlsafe(16)
    sessie.full_clean()
    sessie.save(update_fields=["publieke_aanmelding", "aanmeldcode", "updated_at"])
    return sessie


def sessie_for_code(code: str) -> Sessie | None:
    """The session behind a public sign-up address, if its page is open."""
    return (
        Sessie.objects.select_related("zaal", "organisation")
        .filter(
            aanmeldcode=code,
            publieke_aanmelding=True,
            soort=Sessie.Soort.PARTICIPATIESESSIE,
        )
        .first()
    )


def open_for_signup(sessie: Sessie) -> bool:
    return sessie.publieke_aanmelding and not (sessie.is_cancelled or sessie.is_over)


@transaction.atomic
def publiek_aanmelden(*, sessie: Sessie, name: str, email: str) -> Uitnodiging:
    """Register a resident's sign-up and mail them the link to confirm it.

    An address that signed up before gets the same answer, so the page tells
    nobody who else has signed up; if that sign-up was never confirmed, the
    mail goes again with a new link.
    """
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not open_for_signup(sessie):
        raise ValidationError(_("Signing up for this session is no longer possible."))
    name, email = " ".join(name.split()), email.strip().lower()
    errors = {}
    if not name:
        errors["name"] = _("Fill in your name.")
    elif len(name) > 150:
        errors["name"] = _("Use at most 150 characters for your name.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Fill in a valid e-mail address.")
    if errors:
        raise ValidationError(errors)
    existing = sessie.uitnodigingen.filter(email=email).first()
    if existing is not None:
        if existing.publiek and existing.antwoord == Antwoord.OPEN:
            # Lost the mail: a fresh link, and the old one stops working.
            existing.token_version += 1
            existing.save(update_fields=["token_version"])
            _send(existing)
        return existing
    uitnodiging = Uitnodiging(sessie=sessie, email=email, name=name, publiek=True)
    uitnodiging.full_clean(validate_unique=False, validate_constraints=False)
    uitnodiging.save()
    _send(uitnodiging)
    return uitnodiging


def gegevens_due(now: datetime | None = None):
    before = (now or timezone.now()) - BEWAARTERMIJN
    return Uitnodiging.objects.filter(
        publiek=True, gegevens_gewist_at__isnull=True, sessie__end__lt=before
    )


@transaction.atomic
def gegevens_wissen(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Remove the name, e-mail address and note of residents who signed up
    on a public page, once the session is BEWAARTERMIJN past. The row stays
    (answer and attendance still count); its links stop working. The
    outbox's copy of the address goes too."""
    due = gegevens_due(now)
    if dry_run:
        return due.count()
    rows = list(due.select_for_update().values_list("pk", "sessie_id", "email"))
    for _pk, sessie_id, email in rows:
        VerzondenMail.objects.filter(
            key__startswith=f"sessie:{sessie_id}:", recipient=email
        ).update(recipient="")
    return Uitnodiging.objects.filter(pk__in=[pk for pk, _s, _e in rows]).update(
        name="",
        note="",
        # Unique per session and no one's address.
        email=Concat(
            Value("verwijderd-"),
            Cast("pk", CharField()),
            Value("@bewaartermijn.invalid"),
        ),
        gegevens_gewist_at=now or timezone.now(),
    )
