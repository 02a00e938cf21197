from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class AllowedMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Login first, then the named predicate in `allowed(user)`."""

    def test_func(self) -> bool:
        return self.allowed(self.request.user)

    def allowed(self, user) -> bool:  # pragma: no cover - each view overrides
        return False


def login_redirect(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    return None


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
