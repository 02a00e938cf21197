from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.audit.services import record_shown
from core.views import RequiresMixin
from sessies import permissions, selectors
from sessies.models import Sessie


def visible_sessie(request, pk: int) -> Sessie:
    """A session the user may see, or 404 so others learn nothing about it."""
    return get_object_or_404(selectors.sessies_visible_to(request.user), pk=pk)


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def shown_opbrengsten(request, sessie) -> list:
    """The outcomes this person may see; classified ones go on the audit trail."""
    opbrengsten = list(selectors.opbrengsten_visible_to(request.user, sessie))
    record_shown(
        actor=request.user,
        objects=opbrengsten,
        request=request,
        what=f"opbrengsten van {sessie.title}"[:255],
    )
    return opbrengsten


def cancelled_page(request, sessie: Sessie) -> HttpResponse:
    """What a manager sees who tries to change a cancelled session: restore it
    first. 409: the request is fine, the session's state is in the way."""
    return render(
        request,
        "sessies/sessie_geannuleerd.html",
        {"sessie": sessie, "can_restore": sessie.start > timezone.now()},
        status=409,
    )


def refuse_change(request, sessie: Sessie) -> HttpResponse:
    """The answer to a change that can_edit refuses."""
    if sessie.is_cancelled and permissions.can_manage(request.user, sessie):
        return cancelled_page(request, sessie)
    raise PermissionDenied


class SessieEditMixin(RequiresMixin):
    """Pages that change a session (`self.sessie`): its managers may, unless
    it is cancelled, in which case the page says to restore it first."""

    sessie: Sessie

    def has_permission(self, user) -> bool:
        return permissions.can_edit(user, self.sessie)

    def handle_no_permission(self) -> HttpResponse:
        return refuse_change(self.request, self.sessie)
