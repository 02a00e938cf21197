from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.ratelimits import client_ip, login_backoff


def _login_name(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or ""


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts exist only by invitation; the public sign-up form is closed.

    Failed logins slow down the source that makes them, per account: a
    stranger guessing a raadslid's password waits longer and longer, while
    the raadslid logs in from their own address as usual.
    """

    def is_open_for_signup(self, request) -> bool:
        return False

    def pre_authenticate(self, request, **credentials) -> None:
        wait = login_backoff().wait(_login_name(credentials), client_ip(request))
        if wait:
            raise ValidationError(
                _(
                    "Too many failed attempts for this account from your address. "
                    "Wait %(seconds)s seconds and try again."
                )
                % {"seconds": wait},
                code="too_many_login_attempts",
            )
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_backoff().succeeded(_login_name(credentials), client_ip(request))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        login_backoff().failed(_login_name(credentials), client_ip(request))
        super().authentication_failed(request, **credentials)
