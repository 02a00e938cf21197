import secrets
from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.privacy import check_fields
from partners.models import Organisation, User, hash_token
from partners.selectors import raadsleden
from sessies import permissions
from sessies.mail import RSVP_SALT
from sessies.models import Antwoord, KalenderToken, Sessie, Uitnodiging


def _send(uitnodiging: Uitnodiging, kind: str, sequence: int) -> None:
    from sessies.tasks import send_sessie_mail

    pk = uitnodiging.pk
    transaction.on_commit(lambda: send_sessie_mail.delay(pk, kind, sequence))


def _new_invitation(sessie, by, *, user=None, email="", organisation=None, name=""):
    uitnodiging = Uitnodiging(
        sessie=sessie,
        user=user,
        email=(user.email if user else email).lower(),
        name=user.get_full_name() if user else name,
        organisation=organisation,
        invited_by=by,
    )
    uitnodiging.full_clean(validate_unique=False, validate_constraints=False)
    uitnodiging.save()
    _send(uitnodiging, "invite", sessie.sequence)
    return uitnodiging


@transaction.atomic
def uitnodigingen_create(
    *,
    sessie: Sessie,
    by: User,
    alle_raadsleden: bool = False,
    personen: Iterable[User] = (),
    organisaties: Iterable[Organisation] = (),
    gasten: Iterable[str] = (),
) -> list[Uitnodiging]:
    """Invite people, whole organisations and guests; who is invited already
    is skipped, so inviting twice sends nothing twice."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not permissions.can_edit(by, sessie):
        raise PermissionDenied
    if sessie.end <= timezone.now():
        raise ValidationError(_("This session is over; nobody can be invited."))
    emails = [e.strip().lower() for e in gasten if e.strip()]
    invalid = []
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            invalid.append(email)
    if invalid:
        raise ValidationError(
            {
                "gasten": _("These are not valid e-mail addresses: %(list)s")
                % {"list": ", ".join(invalid)}
            }
        )
    taken_users = set(sessie.uitnodigingen.values_list("user_id", flat=True))
    taken_emails = set(sessie.uitnodigingen.values_list("email", flat=True))
    created = []

    def invite_user(user, organisation=None):
        if user.pk in taken_users or user.email.lower() in taken_emails:
            return
        created.append(
            _new_invitation(sessie, by, user=user, organisation=organisation)
        )
        taken_users.add(user.pk)
        taken_emails.add(user.email.lower())

    people = list(personen)
    if alle_raadsleden:
        people += list(raadsleden())
    for user in people:
        invite_user(user)
    for organisation in organisaties:
        for membership in organisation.memberships.select_related("user").filter(
            user__is_active=True
        ):
            invite_user(membership.user, organisation)
    for email in emails:
        account = User.objects.filter(email__iexact=email, is_active=True).first()
        if account:
            invite_user(account)
        elif email not in taken_emails:
            created.append(_new_invitation(sessie, by, email=email))
            taken_emails.add(email)
    return created


def promote_waiting_list(sessie: Sessie) -> list[Uitnodiging]:
    """Give free places to the longest waiting; call inside a locked session."""
    promoted = []
    waiting = sessie.uitnodigingen.filter(
        antwoord=Antwoord.AANMELDEN, wachtlijst_sinds__isnull=False
    ).order_by("wachtlijst_sinds", "pk")
    confirmed = sessie.uitnodigingen.filter(
        antwoord=Antwoord.AANMELDEN, wachtlijst_sinds__isnull=True
    ).count()
    for uitnodiging in waiting:
        if sessie.capacity is not None and confirmed >= sessie.capacity:
            break
        moved_at = uitnodiging.wachtlijst_sinds
        uitnodiging.wachtlijst_sinds = None
        uitnodiging.save(update_fields=["wachtlijst_sinds"])
        confirmed += 1
        promoted.append(uitnodiging)
        _send(uitnodiging, "plaats", int(moved_at.timestamp()))
    return promoted


@transaction.atomic
def rsvp(
    *,
    uitnodiging: Uitnodiging,
    antwoord: str,
    note: str = "",
    personal_data_confirmed: bool = False,
) -> Uitnodiging:
    """Answer an invitation. The session row is locked so two last sign-ups
    cannot both take the last place."""
    check_fields({"note": note}, confirmed=personal_data_confirmed)
    if antwoord not in (Antwoord.AANMELDEN, Antwoord.AFMELDEN, Antwoord.MISSCHIEN):
        raise ValidationError({"antwoord": _("Choose one of the answers.")})
    sessie = Sessie.objects.select_for_update().get(pk=uitnodiging.sessie_id)
    if sessie.is_cancelled:
        raise ValidationError(
            _("This session has been cancelled; answering is no longer possible.")
        )
    if sessie.end <= timezone.now() or sessie.status == Sessie.Status.AFGEROND:
        raise ValidationError(
            _("This session is over; answering is no longer possible.")
        )
    uitnodiging = Uitnodiging.objects.get(pk=uitnodiging.pk)
    had_place = uitnodiging.has_place
    # The same answer sent again is no new answer: its time stays.
    same = (uitnodiging.antwoord, uitnodiging.note) == (antwoord, note.strip())
    if not same or uitnodiging.answered_at is None:
        uitnodiging.answered_at = timezone.now()
    uitnodiging.antwoord = antwoord
    uitnodiging.note = note.strip()
    if antwoord == Antwoord.AANMELDEN:
        if not had_place and uitnodiging.wachtlijst_sinds is None:
            confirmed = sessie.uitnodigingen.filter(
                antwoord=Antwoord.AANMELDEN, wachtlijst_sinds__isnull=True
            ).count()
            if sessie.capacity is not None and confirmed >= sessie.capacity:
                uitnodiging.wachtlijst_sinds = timezone.now()
    else:
        uitnodiging.wachtlijst_sinds = None
    uitnodiging.full_clean(validate_unique=False, validate_constraints=False)
    uitnodiging.save()
    if had_place and not uitnodiging.has_place:
        promote_waiting_list(sessie)
    return uitnodiging


def uitnodiging_for_token(token: str, *, guest_only: bool = True) -> Uitnodiging:
    """The invitation behind a signed link; Http404 for anything else, so a
    tampered, replaced or stale link reveals nothing. The guest page takes
    guests only; the one-click answer links work for every invitee."""
    try:
        data = signing.loads(token, salt=RSVP_SALT)
        pk, version = int(data["u"]), int(data["v"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404 from None
    uitnodigingen = Uitnodiging.objects.select_related(
        "sessie__organiser", "sessie__zaal", "user"
    ).filter(pk=pk, token_version=version, gegevens_gewist_at__isnull=True)
    if guest_only:
        uitnodigingen = uitnodigingen.filter(user__isnull=True)
    uitnodiging = uitnodigingen.first()
    if uitnodiging is None:
        raise Http404
    return uitnodiging


@transaction.atomic
def gast_link_renew(*, uitnodiging: Uitnodiging, by: User) -> Uitnodiging:
    """Send a guest a new link; every earlier link stops working."""
    if not uitnodiging.is_guest or not permissions.can_edit(by, uitnodiging.sessie):
        raise PermissionDenied
    uitnodiging.token_version += 1
    uitnodiging.save(update_fields=["token_version"])
    _send(uitnodiging, "invite", uitnodiging.sessie.sequence)
    return uitnodiging


@transaction.atomic
def kalender_token_renew(*, user: User, scope: str) -> str:
    """A new secret feed URL; the old one stops working. Returns the token."""
    if scope == KalenderToken.Scope.RAAD and not permissions.can_use_raad_feed(user):
        raise PermissionDenied
    kalender_token_revoke(user=user, scope=scope)
    token = secrets.token_urlsafe(32)
    KalenderToken.objects.create(user=user, scope=scope, token_hash=hash_token(token))
    return token


def kalender_token_revoke(*, user: User, scope: str) -> int:
    return KalenderToken.objects.filter(
        user=user, scope=scope, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
