"""Writes about accounts, organisations and invitations."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import permissions
from partners.models import Invitation, Membership, Organisation, User, hash_token


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
    token = Invitation.new_token()
    invitation = Invitation(
        email=email,
        organisation=organisation,
        role=role,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()

    from partners.tasks import send_invitation

    transaction.on_commit(lambda: send_invitation.delay(invitation.pk, token))
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
