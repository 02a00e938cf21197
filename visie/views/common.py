from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from visie.models import Sectie


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


_FORGET = "visie_forget_local_copies"


def forget_local_copy(request: HttpRequest, sectie: Sectie, base: int | None) -> None:
    """Tell the next page that the browser's unsaved copy of this edit is saved."""
    keys = request.session.get(_FORGET, [])
    request.session[_FORGET] = [*keys, f"{sectie.pk}:{base or 0}"][-10:]


def local_copies_to_forget(request: HttpRequest) -> list[str]:
    return request.session.pop(_FORGET, [])
