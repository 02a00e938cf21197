from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.views import request_too_large
from partners.selectors import memberships_of, who_grants_access
from portal.navigation import entries_for
from portal.start import panels_for


class StartView(TemplateView):
    """The page after login: per role, what this person can do here."""

    template_name = "portal/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = memberships_of(self.request.user)
        context["entries"] = [
            e for e in entries_for(self.request.user) if e["url"] != "/"
        ]
        context["panels"] = panels_for(self.request.user)
        return context


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness, for the load balancer and compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return JsonResponse({"status": "database unavailable"}, status=503)


def bench_bare(request: HttpRequest) -> HttpResponse:
    """The benchmark's ceiling: session, user and one response, nothing else."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


def rate_limited(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/429.html", status=429)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # Found while parsing: the form's fields other than files are too long.
        return request_too_large(request, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    role, people = who_grants_access(request.user)
    context = {"ask_role": role, "ask_people": people}
    return render(request, "errors/403.html", context, status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token (or from another site): 403."""
    return render(request, "errors/403_csrf.html", status=403)
