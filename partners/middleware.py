from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

from partners import permissions

# Pages a user without two-factor authentication may still reach: setting it
# up (which asks for the password again), logging out, and static files.
_ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/static/",
    "/gezondheid/",
)


class RequireMFAMiddleware:
    """Beheerders, griffiers and police staff set up TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and permissions.requires_mfa(user)
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
