"""Writes about accounts, organisations and invitations."""

import base64
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from core.audit.services import Action, record
from partners import permissions
from partners.models import Invitation, Membership, Organisation, User, hash_token


def invitation_token(invitation: Invitation) -> str:
    """The token in an invitation's link, derived from the secret key.

    Only its hash is stored, and the task that sends the mail gets the
    invitation's id, not the token: neither a database dump nor the task
    queue (Redis) holds a usable link. The sender derives it again from
    the invitation and the secret key.
    """
    digest = salted_hmac(
        "partners.invitation",
        f"{invitation.pk}:{invitation.email}:{invitation.created_at.isoformat()}",
        algorithm="sha256",
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@transaction.atomic
def invitation_create(
    *, invited_by: User, email: str, organisation: Organisation, role: str
) -> tuple[Invitation, str]:
    """Create an invitation and return it with its plain token (shown once)."""
    if role not in permissions.invitable_roles(invited_by, organisation):
        raise PermissionDenied
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists.")}
        )
    if Invitation.objects.open().filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("There is already an open invitation for this address.")}
        )
    invitation = Invitation(
        email=email,
        organisation=organisation,
        role=role,
        # Replaced below: the real token needs the id and time of the row.
        token_hash=hash_token(Invitation.new_token()),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    token = invitation_token(invitation)
    invitation.token_hash = hash_token(token)
    invitation.save(update_fields=["token_hash"])

    from partners.tasks import send_invitation

    transaction.on_commit(lambda: send_invitation.delay(invitation.pk))
    return invitation, token


def invitation_for_token(token: str) -> Invitation:
    """The open invitation behind a token, or a ValidationError saying why not."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or invitation.revoked_at:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.accepted_at:
        raise ValidationError(
            _("This invitation has already been used. Log in with your account."),
            code="used",
        )
    if invitation.is_expired:
        raise ValidationError(
            _(
                "This invitation has expired. Ask the person who invited you "
                "for a new one."
            ),
            code="expired",
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, full_name: str, password: str) -> User:
    """Create the account for an invitation; the token can be used only once."""
    invitation = invitation_for_token(token)
    # Lock the row so two simultaneous accepts cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(
            _("This invitation has already been used. Log in with your account."),
            code="used",
        )
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("An account with this e-mail address already exists."), code="exists"
        )
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name.strip()
    )
    # The invitation went to this address and its link was used: verified.
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=True
    )
    membership_grant(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    if not permissions.can_invite(by, invitation.organisation):
        raise PermissionDenied
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def membership_grant(
    *, user: User, organisation: Organisation, role: str
) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


def _sync_email_address(user: User) -> None:
    """The account's one address, verified: the login name and nothing else."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=user.email,
        defaults={"email": user.email, "primary": True, "verified": True},
    )


@transaction.atomic
def account_email_set(*, user: User, email: str, by: User, request=None) -> User:
    """Give an account another e-mail address (functioneel beheer only).

    People cannot change their own address: it is their login name and the
    name the portal mails to (docs/adr/0610-security-email-addresses-by-beheer.md).
    The change is recorded in the audit trail with the old and new address.
    """
    if not permissions.is_beheerder(by):
        raise PermissionDenied
    email = User.objects.normalize_email(email.strip()).lower()
    old = User.objects.filter(pk=user.pk).values_list("email", flat=True).first() or ""
    taken = (
        User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
        or EmailAddress.objects.filter(email__iexact=email).exclude(user=user).exists()
    )
    if taken:
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists.")}
        )
    user.email = email
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email"])
    _sync_email_address(user)
    if old.lower() != email:
        record(
            actor=by,
            action=Action.CHANGE,
            obj=user,
            request=request,
            details={"field": "email", "old": old, "new": email},
        )
    return user


def account_email_verified(*, user: User) -> None:
    """For an account made by beheer or the demo loader: its address is known."""
    _sync_email_address(user)
