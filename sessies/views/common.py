from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from sessies import selectors
from sessies.models import Sessie


def visible_sessie(request, pk: int) -> Sessie:
    """A session the user may see, or 404 so others learn nothing about it."""
    return get_object_or_404(selectors.sessies_visible_to(request.user), pk=pk)


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
