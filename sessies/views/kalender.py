from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from core.ratelimits import RATES
from sessies import ical, permissions, selectors, services
from sessies.models import KalenderToken

SESSION_KEY = "sessies_new_feed_url"


def kalender(request):
    """Manage the secret calendar feeds: the URL is shown once, after renewal."""
    scopes = [KalenderToken.Scope.PERSOONLIJK]
    if permissions.can_use_raad_feed(request.user):
        scopes.append(KalenderToken.Scope.RAAD)
    if request.method == "POST":
        scope = request.POST.get("scope")
        if scope not in scopes:
            raise PermissionDenied
        if request.POST.get("actie") == "intrekken":
            services.kalender_token_revoke(user=request.user, scope=scope)
            messages.success(request, _("The feed address has been revoked."))
        else:
            token = services.kalender_token_renew(user=request.user, scope=scope)
            request.session[SESSION_KEY] = settings.SITE_URL + reverse(
                "sessies:feed", kwargs={"token": token}
            )
            messages.success(
                request,
                _(
                    "A new feed address has been made; any earlier address "
                    "no longer works."
                ),
            )
        return redirect("sessies:kalender")
    active = {
        t.scope: t
        for t in KalenderToken.objects.filter(
            user=request.user, revoked_at__isnull=True
        )
    }
    feeds = [
        {"scope": s, "label": KalenderToken.Scope(s).label, "active": active.get(s)}
        for s in scopes
    ]
    return render(
        request,
        "sessies/kalender_detail.html",
        {
            "feeds": feeds,
            "new_url": request.session.pop(SESSION_KEY, None),
            "raad_feed": KalenderToken.Scope.RAAD in scopes,
        },
    )


@login_not_required
@ratelimit(key="ip", rate=RATES["token_page"])
def feed(request, token: str):
    """Public: a calendar subscription; a revoked or unknown token is a 404."""
    owner = selectors.feed_owner(token)
    if owner is None:
        raise Http404
    user, scope = owner
    if scope == KalenderToken.Scope.RAAD:
        sessies = selectors.raad_feed(user)
        name = _("Council sessions Buurtaanpak")
    else:
        sessies = selectors.persoonlijke_feed(user)
        name = _("My sessions Buurtaanpak")
    response = HttpResponse(
        ical.feed_ics(sessies, name=str(name)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=900"
    return response
