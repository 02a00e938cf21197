from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


def request_too_large(request: HttpRequest, *, limit: int) -> HttpResponse:
    """Too large a form or upload: a Dutch 413 page, nothing read or saved."""
    return render(
        request, "errors/413.html", {"limit": filesizeformat(limit)}, status=413
    )
