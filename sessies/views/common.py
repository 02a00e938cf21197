from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from core.audit.services import record_shown
from sessies import selectors
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
