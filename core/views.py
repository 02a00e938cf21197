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
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core import table_versions
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


class _KeptPaginator(Paginator):
    """A paginator whose count was kept with the page it paged to."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = count  # the cached_property's slot


class KeptPageMixin:
    """A paged list whose page (its rows and the count) is kept until a table
    it was read from changes (core.table_versions).

    `kept_page_parts()` names everything the queryset depends on besides the
    query string (the reader, for a list filtered by what they may see). A
    list that changes with the clock says in `kept_page_expires()` how many
    seconds its rows stay true by time alone.
    """

    def kept_page_parts(self) -> tuple:
        return ()

    def kept_page_expires(self) -> float | None:
        return None

    def kept_page_extra(self, rows: list):
        """Anything made from the page's rows alone (their rendered markup),
        kept with them; what it depends on besides belongs in the parts."""
        return None

    def kept_page_rows(self, rows: list) -> list:
        """What of the rows is kept for the page besides the extra: the rows
        themselves unless the page needs less of them once rendered."""
        return rows

    def paginate_queryset(self, queryset, page_size):
        def compute():
            paginator, page, rows, is_paginated = super(
                KeptPageMixin, self
            ).paginate_queryset(queryset, page_size)
            rows = list(rows)
            kept = paginator.count, page.number, self.kept_page_rows(rows), is_paginated
            return kept, self.kept_page_extra(rows), self.kept_page_expires()

        (count, number, rows, is_paginated), self.kept_extra, _s = (
            table_versions.cached(
                f"page:{type(self).__module__}.{type(self).__qualname__}",
                *self.kept_page_parts(),
                self.request.GET.urlencode(),
                self.kwargs.get(self.page_kwarg, ""),
                compute=compute,
                expires=lambda result: result[2],
            )
        )
        paginator = _KeptPaginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
            count=count,
        )
        return paginator, Page(rows, number, paginator), rows, is_paginated
