import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import Invitation, hash_token
from partners.services import invitation_token

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int, _old_token: str | None = None) -> None:
    """Mail the link. The queue carries the id only; the token is derived here.

    A message queued before this change still carries a token: it is ignored.
    """
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    token = invitation_token(invitation)
    if hash_token(token) != invitation.token_hash:
        # The secret key changed since the invitation was made: this link
        # would not work. Better no mail than a broken one; invite again.
        logger.error("Invitation %s: the link no longer matches.", invitation_id)
        return
    url = settings.SITE_URL + reverse("partners:invitation_accept", args=[token])
    with translation.override("nl"):
        context = {"invitation": invitation, "url": url}
        subject = render_to_string("partners/email/invitation_subject.txt", context)
        body = render_to_string("partners/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


@shared_task
def expire_invitations() -> int:
    """Revoke invitations past their date, so the list of open ones stays true."""
    return Invitation.objects.filter(
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__lte=timezone.now(),
    ).update(revoked_at=timezone.now())
