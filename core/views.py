"""What every app's views share: permission by named predicate, form errors.

Login itself is required by Django's LoginRequiredMiddleware for every view;
the few public ones (invitation, guest reply, calendar feeds, health) carry
`login_not_required`. On top of that each view states who may open it with
one named predicate: `RequiresMixin` for class views, `requires` for
function views.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.sizes import format_size

Predicate = Callable[[Any], bool]


class RequiresMixin:
    """A class view that opens when `permission(user)` holds, else 403.

    Views whose rule depends on the object they show override
    `has_permission(user)` and call their app's predicate with that object.
    """

    permission: ClassVar[Predicate | None] = None

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.has_permission(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        predicate = type(self).permission
        if predicate is None:
            raise NotImplementedError(f"{type(self).__name__} names no permission")
        return predicate(user)

    def handle_no_permission(self) -> HttpResponse:
        raise PermissionDenied


def requires(predicate: Predicate) -> Callable:
    """A function view that opens when `predicate(user)` holds, else 403."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.permission = predicate
        return wrapped

    return decorate


def add_form_errors(form, exc: ValidationError, *, field: str | None = None) -> None:
    """Put a service's ValidationError on the form.

    Errors for a field the form has go on that field; the rest go on `field`
    when given (the one field the message is about), else on the form.
    """
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field if field in form.fields else None, exc)


def request_too_large(
    request: HttpRequest, *, limit: int | None = None, file_limit: int | None = None
) -> HttpResponse:
    """Too large a form or upload: a Dutch 413 page, nothing read or saved.

    For an upload the page names the file limit (`file_limit`), written as the
    form writes it; for a form without a file, the limit on its text.
    """
    context = {
        "limit": format_size(limit) if limit is not None else "",
        "file_limit": format_size(file_limit) if file_limit is not None else "",
    }
    return render(request, "errors/413.html", context, status=413)
