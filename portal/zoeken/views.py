from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.zoeken.forms import SearchForm
from portal.zoeken.selectors import MIN_LENGTH, clean_query, search


def zoeken(request: HttpRequest) -> HttpResponse:
    """Everything the reader may see, searched at once."""
    form = SearchForm(request.GET or None)
    query = clean_query(form.data.get("q", "")) if form.is_bound else ""
    hits = search(request.user, query) if form.is_valid() else []
    return render(
        request,
        "portal/zoeken.html",
        {
            "form": form,
            "query": query,
            "hits": hits,
            "too_short": form.is_bound and 0 < len(query) < MIN_LENGTH,
        },
    )
