"""Each TOTP code works once, the code that activated the authenticator too.

allauth marks a used code in the cache, but not the code typed to activate
TOTP, and the cache forgets (Redis restarted, or a tolerant cache that lets
a write fail). Here the time step of the last accepted code is stored with
the authenticator itself, and a code whose step is not newer is refused.
The forms are allauth's, named in settings.MFA_FORMS.
"""

from allauth.core import context
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm as BaseAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as BaseReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

_LAST_STEP = "last_step"
#: Set on the request by the activation form, read when the row is saved.
_ACTIVATION_STEP = "_partners_totp_activation_step"


def time_step(secret: str, code: str) -> int | None:
    """The time step (30-second window) a code belongs to, if it is valid now."""
    code = "".join((code or "").split())
    for counter in yield_hotp_counters_from_time():
        if format_hotp_value(hotp_value(secret, counter)) == code:
            return counter
    return None


@transaction.atomic
def claim_step(authenticator: Authenticator, step: int) -> bool:
    """Record the step as used; False when it, or a later one, was used before."""
    locked = Authenticator.objects.select_for_update().get(pk=authenticator.pk)
    last = locked.data.get(_LAST_STEP)
    if last is not None and step <= last:
        return False
    locked.data = {**locked.data, _LAST_STEP: step}
    locked.save(update_fields=["data"])
    authenticator.data = locked.data
    return True


def _refuse():
    return get_adapter().validation_error("incorrect_code")


class _OnceMixin:
    def clean_code(self) -> str:
        code = super().clean_code()
        authenticator = self.authenticator
        if authenticator.type == Authenticator.Type.TOTP:
            secret = decrypt(authenticator.data["secret"])
            step = time_step(secret, code)
            if step is None or not claim_step(authenticator, step):
                raise _refuse()
        return code


class AuthenticateForm(_OnceMixin, BaseAuthenticateForm):
    """The TOTP step of the login."""


class ReauthenticateForm(_OnceMixin, BaseReauthenticateForm):
    """Confirming a sensitive action with a code."""


class ActivateTOTPForm(BaseActivateTOTPForm):
    """Setting up TOTP: the code typed here is used up for the next login."""

    def clean_code(self) -> str:
        code = super().clean_code()
        request = context.request
        if request is not None:
            setattr(request, _ACTIVATION_STEP, time_step(self.secret, code))
        return code


@receiver(post_save, sender=Authenticator)
def _remember_activation_step(sender, instance, created, **kwargs) -> None:
    if not created or instance.type != Authenticator.Type.TOTP:
        return
    step = getattr(context.request, _ACTIVATION_STEP, None)
    if step is None:
        return
    instance.data = {**instance.data, _LAST_STEP: step}
    Authenticator.objects.filter(pk=instance.pk).update(data=instance.data)
