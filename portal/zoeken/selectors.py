"""One search over everything the reader may see.

Each source starts from its app's own "visible to" selector, so search shows
exactly what the pages show (the classification policy decides, not this
module). On PostgreSQL the text is matched with the Dutch full-text
configuration and ranked; on SQLite every word must occur in one of the
fields, newest first.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.rapportage.selectors import rapporten_visible_to
from scans import permissions as scan_permissions
from scans.models import Actie, Signaal
from scans.selectors import signalen_visible_to
from sessies.models import Verslag
from sessies.selectors import sessies_visible_to
from visie.models import VersieSectie
from visie.selectors import versies_visible_to

#: Results per kind of record; the page shows the best of each.
PER_SOURCE = 10
MIN_LENGTH = 2
MAX_LENGTH = 200
SNIPPET_WORDS = 30
_START, _STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    snippet: SafeString
    url: str
    when: date | datetime | None
    rank: float


@dataclass(frozen=True)
class Source:
    kind: str
    fields: tuple[str, ...]
    records: Callable  # user -> QuerySet, already limited to what the user may see
    title: Callable
    url: Callable
    when: str


def _sources() -> list[Source]:
    return [
        Source(
            pgettext_lazy("kind of record", "Report"),
            ("title",),
            rapporten_visible_to,
            lambda r: r.title,
            lambda r: r.get_absolute_url(),
            "requested_at",
        ),
        Source(
            pgettext_lazy("kind of record", "Released vision"),
            ("title", "text"),
            lambda user: VersieSectie.objects.filter(
                versie__in=versies_visible_to(user)
            ).select_related("versie__document"),
            lambda s: (
                _("%(document)s, version %(number)s: %(title)s")
                % {
                    "document": s.versie.document,
                    "number": s.versie.number,
                    "title": s.title,
                }
            ),
            lambda s: s.versie.get_absolute_url(),
            "versie__released_at",
        ),
        Source(
            pgettext_lazy("kind of record", "Session"),
            ("title", "description", "location"),
            sessies_visible_to,
            lambda s: s.title,
            lambda s: s.get_absolute_url(),
            "start",
        ),
        Source(
            pgettext_lazy("kind of record", "Minutes"),
            ("text",),
            lambda user: Verslag.objects.filter(
                sessie__in=sessies_visible_to(user)
            ).select_related("sessie"),
            lambda v: v.sessie.title,
            lambda v: reverse("sessies:verslag_detail", kwargs={"pk": v.sessie_id}),
            "sessie__start",
        ),
        Source(
            pgettext_lazy("kind of record", "Signal"),
            ("text",),
            lambda user: (
                signalen_visible_to(user)
                if scan_permissions.can_view_gebieden(user)
                else Signaal.objects.none()
            ),
            lambda s: f"{s.gebied.name}: {s.thema}",
            lambda s: s.get_absolute_url(),
            "waargenomen_op",
        ),
        Source(
            pgettext_lazy("kind of record", "Action"),
            ("title", "description"),
            lambda user: (
                Actie.objects.select_related("gebied")
                if scan_permissions.can_view_gebieden(user)
                else Actie.objects.none()
            ),
            lambda a: a.title,
            lambda a: a.get_absolute_url(),
            "created_at",
        ),
    ]


def clean_query(text: str) -> str:
    return " ".join(text.replace("\x00", "").split())[:MAX_LENGTH]


def _words(query: str) -> list[str]:
    return [w for w in re.split(r"\W+", query) if len(w) >= MIN_LENGTH]


def search(user, query: str) -> list[Hit]:
    query = clean_query(query)
    if len(query) < MIN_LENGTH or not _words(query):
        return []
    hits: list[Hit] = []
    for source in _sources():
        hits.extend(_search_source(source, user, query))
    return sorted(hits, key=lambda h: (-h.rank, -_timestamp(h.when)))


def _timestamp(when) -> float:
    if when is None:
        return 0.0
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day)
    return when.timestamp()


def _search_source(source: Source, user, query: str) -> list[Hit]:
    records: QuerySet = source.records(user)
    if connection.vendor == "postgresql":
        rows = _postgres(records, source, query)
    else:
        rows = _fallback(records, source, query)
    return [
        Hit(
            kind=str(source.kind),
            title=str(source.title(obj)),
            snippet=snippet,
            url=source.url(obj),
            when=_get(obj, source.when),
            rank=rank,
        )
        for obj, snippet, rank in rows
    ]


def _get(obj, path: str):
    return reduce(lambda o, name: getattr(o, name, None), path.split("__"), obj)


def _document(fields: Iterable[str]):
    parts = []
    for name in fields:
        parts += [Coalesce(F(name), Value(""), output_field=TextField()), Value(" ")]
    return Concat(*parts, output_field=TextField())


def _postgres(records: QuerySet, source: Source, query: str):
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    search_query = SearchQuery(query, config="dutch", search_type="websearch")
    vector = SearchVector(*source.fields, config="dutch")
    rows = (
        records.annotate(_vector=vector)
        .filter(_vector=search_query)
        .annotate(
            _rank=SearchRank(F("_vector"), search_query),
            _headline=SearchHeadline(
                _document(source.fields),
                search_query,
                config="dutch",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=10,
            ),
        )
        .order_by("-_rank")[:PER_SOURCE]
    )
    return [(obj, _marked(obj._headline), float(obj._rank)) for obj in rows]


def _fallback(records: QuerySet, source: Source, query: str):
    words = _words(query)
    for word in words:
        records = records.filter(
            reduce(or_, (Q(**{f"{name}__icontains": word}) for name in source.fields))
        )
    rows = records.order_by(f"-{source.when}")[:PER_SOURCE]
    results = []
    for obj in rows:
        text = " ".join(str(getattr(obj, name) or "") for name in source.fields)
        results.append((obj, _snippet(text, words), 0.0))
    return results


def _snippet(text: str, words: list[str]) -> SafeString:
    """Some thirty words around the first match, the words marked."""
    tokens = text.split()
    lowered = [t.lower() for t in tokens]
    first = next(
        (i for i, t in enumerate(lowered) if any(w.lower() in t for w in words)), 0
    )
    start = max(0, first - SNIPPET_WORDS // 3)
    piece = " ".join(tokens[start : start + SNIPPET_WORDS])
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", piece)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return _marked(prefix + marked + suffix)


def _marked(text: str) -> SafeString:
    """Escape the record's text, then turn the match markers into <mark>."""
    html = escape(text or "").replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added
