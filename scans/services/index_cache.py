"""Computed indices and overview maps, kept in the cache until their data changes.

The index is computed on read (ADR 0100): a round's indices read every current
measurement of that round. The overview, the comparison, the map of areas and
the gebied page ask for the same figures again and again, so the results are
cached (Redis in production) under a *generation* token.

Every save or delete of a record the figures are computed from (metingen,
scans, rounds, indicators, themes, gebieden) replaces the token, so the next
read computes afresh and what was cached before is never read again; it
expires on its own. The token is replaced at once, for the next read in the
same request, and again when the transaction commits, because another
process may have cached the old state in between (ADR 0104).

With the cache unavailable every read computes from the database: slower,
never stale.
"""

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
)
from django.utils.translation import get_language

from core.paths import record_path
from scans import selectors
from scans.geojson import feature, feature_collection, index_properties
from scans.geometry import Extent
from scans.models import (
    Domein,
    Gebied,
    Gebiedsscan,
    Indicator,
    Meting,
    ScanRonde,
    Thema,
)
from scans.services.index import GebiedIndex, IndexCalculator

GENERATION_KEY = "scans:index:generation"
#: A bound on memory, not the invalidation: a change replaces the generation.
TIMEOUT = 6 * 60 * 60
#: Records the cached figures are computed from.
SOURCES = (Meting, Gebiedsscan, ScanRonde, Indicator, Thema, Gebied)
_MISSING = object()


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY) or token
    return token


def invalidate() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _source_changed(**kwargs) -> None:
    invalidate()
    transaction.on_commit(invalidate)


def _migrated(**kwargs) -> None:
    invalidate()  # a release may change what the cached objects look like


def connect_signals() -> None:
    for model in SOURCES:
        post_save.connect(_source_changed, sender=model, dispatch_uid=f"ix-{model}")
        post_delete.connect(_source_changed, sender=model, dispatch_uid=f"ix-d{model}")
    # A straatcluster's buurten are shown on its page (gebied_page).
    m2m_changed.connect(
        _source_changed,
        sender=Gebied.overlapping_buurten.through,
        dispatch_uid="ix-m2m-buurten",
    )
    post_migrate.connect(_migrated, dispatch_uid="ix-migrate")


def _key(name: str, *parts) -> str:
    return ":".join(
        ["scans", name, generation(), get_language() or "", *map(str, parts)]
    )


def _cached(name: str, *parts, compute: Callable[[], Any]) -> Any:
    return _cached_entry(name, *parts, compute=compute)[0]


def _cached_entry(name: str, *parts, compute: Callable[[], Any]) -> tuple[Any, str]:
    """The cached value and the key it is kept under."""
    key = _key(name, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value, key


def kept(name: str, *parts, compute: Callable[[], Any]) -> Any:
    """Anything made only from the sources (areas, themes, rounds, scans and
    their figures) and the language, such as a filter form with every area:
    kept until one of them changes."""
    return _cached(f"kept-{name}", *parts, compute=compute)


def kept_page(
    name: str, *parts, wanted, size: int, rows: Callable[[], Sequence]
) -> tuple[Page, list]:
    """A page of a long list made from the sources, such as every area's row.

    The list's length and each page's rows are kept, so a request reads its
    page of rows, not the whole list. `wanted` is the page asked for, read as
    `Paginator.get_page` reads it.
    """
    count = kept(f"{name}-count", *parts, compute=lambda: len(rows()))
    page = Paginator(range(count), size).get_page(wanted)
    window = page.object_list  # the positions of the page's rows
    return page, kept(
        f"{name}-page",
        *parts,
        page.number,
        compute=lambda: list(rows()[window.start : window.stop]),
    )


def _tag(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def rondes() -> list[ScanRonde]:
    """The scan rounds, oldest first."""
    return _cached("rondes", compute=selectors.rondes)


def themas() -> list[Thema]:
    """The themes in their order (name and domain)."""
    return _cached("themas", compute=selectors.themas)


def thema_choices() -> list[dict]:
    """Code and name of every theme in their order: the filter of signalen."""
    return _cached(
        "thema-choices",
        compute=lambda: list(Thema.objects.values("code", "name")),
    )


def extent() -> Extent:
    """The gemeente's extent: its outline with a margin (selectors).

    It changes only when gebieden do, which replaces the generation.
    """
    return _cached("extent", settings.GEMEENTE_CODE, compute=selectors.gemeente_extent)


def area_choices() -> list[tuple[int, str, str]]:
    """(pk, code, name) of every buurt and straatcluster, by name: filter lists."""
    return _cached(
        "area-choices",
        compute=lambda: list(
            Gebied.objects.scan_areas()
            .order_by("name", "code")
            .values_list("pk", "code", "name")
        ),
    )


class AreaRow(NamedTuple):
    """An area in a table: what the list of areas shows of it."""

    code: str
    name: str
    level: str
    inhabitants: int | None
    parent: "AreaRow | None" = None

    def get_absolute_url(self) -> str:
        return record_path("scans:gebied_detail", self.code)


def areas_table() -> dict[str, list[AreaRow]]:
    """The list of areas' table (buurten and straatclusters) and its wijken."""

    def compute() -> dict[str, list[AreaRow]]:
        areas = (
            Gebied.objects.filter(
                level__in=[Gebied.Level.BUURT, Gebied.Level.STRAATCLUSTER]
            )
            .order_by("level", "code")
            .values_list(
                "code",
                "name",
                "level",
                "inhabitants",
                "parent__code",
                "parent__name",
                "parent__level",
                "parent__inhabitants",
            )
        )
        wijken = (
            Gebied.objects.filter(level=Gebied.Level.WIJK)
            .order_by("code")
            .values_list("code", "name", "level", "inhabitants")
        )
        return {
            "areas": [
                AreaRow(*row[:4], AreaRow(*row[4:]) if row[4] else None)
                for row in areas
            ],
            "wijken": [AreaRow(*row) for row in wijken],
        }

    return _cached("areas-table", compute=compute)


def ronde_rows(ronde: ScanRonde) -> list[dict]:
    """Per scan area: its domain indices and flags in this round, by code."""
    return ronde_table(ronde)[0]


def ronde_table(ronde: ScanRonde) -> tuple[list[dict], str]:
    """`ronde_rows` and a tag of the cache entry they were read from.

    The tag changes with the generation and the language, so markup cached
    under it (the overview's table, ADR 0015) is as new as the rows.
    """

    def compute() -> list[dict]:
        indices = IndexCalculator().for_ronde(ronde)
        rows = []
        for g in Gebied.objects.scan_areas().order_by("code").defer("geometry"):
            idx = indices.get(g.pk)
            rows.append(
                {
                    "pk": g.pk,
                    "code": g.code,
                    "name": g.name,
                    "url": g.get_absolute_url(),
                    "flags": list(idx.flags) if idx else [],
                    "values": {
                        d: (idx.domein(d) if idx else None) for d in Domein.values
                    },
                }
            )
        return rows

    rows, key = _cached_entry("rows", ronde.pk, compute=compute)
    return rows, _tag(key)


def ronde_rows_tag(ronde: ScanRonde) -> str:
    """The tag `ronde_table` gives, without reading the rows."""
    return _tag(_key("rows", ronde.pk))


class MapData(NamedTuple):
    """A map's GeoJSON, ready to send, and a tag that changes when it does."""

    body: bytes
    etag: str


def map_tag(name: str, *parts) -> str:
    """Changes whenever the map's data may have: for ETags and versioned URLs."""
    return _tag(_key(name, *parts))


def _map_data(name: str, *parts, compute: Callable[[], dict]) -> MapData:
    body = _cached(
        name,
        *parts,
        compute=lambda: json.dumps(compute(), ensure_ascii=False).encode(),
    )
    return MapData(body, map_tag(name, *parts))


def overview_map_parts(ronde: ScanRonde | None, domein: str) -> tuple:
    return ("overview-map", ronde.pk if ronde else "-", domein)


def overview_map(ronde: ScanRonde | None, domein: str) -> MapData:
    """Every scan area with its index in one domain: the overview's choropleth."""

    def compute() -> dict:
        values = (
            {row["pk"]: row["values"][domein] for row in ronde_rows(ronde)}
            if ronde
            else {}
        )
        features = [
            feature(g, **index_properties(values.get(g.pk)))
            for g in Gebied.objects.scan_areas().order_by("code")
        ]
        return {"type": "FeatureCollection", "features": [f for f in features if f]}

    return _map_data(*overview_map_parts(ronde, domein), compute=compute)


def areas_map() -> MapData:
    """Every buurt and straatcluster, without indices."""

    def compute() -> dict:
        features = [
            feature(g) for g in Gebied.objects.scan_areas().order_by("level", "code")
        ]
        return {"type": "FeatureCollection", "features": [f for f in features if f]}

    return _map_data("areas-map", compute=compute)


def gebied_trend(gebied: Gebied, rondes: list[ScanRonde]) -> dict[int, GebiedIndex]:
    """The gebied's index per ronde id (rounds change the generation too)."""
    return _cached(
        "trend",
        gebied.pk,
        compute=lambda: IndexCalculator().trend_for_gebied(gebied, rondes),
    )


def gebied_page(code: str) -> dict:
    """What the gebied page shows the same to every reader, by the area's code.

    The area with its parent, its parts, the buurten a straatcluster
    overlaps, its scans, the map's data and the index per round and theme:
    all read from the generation's sources, so one cache read replaces
    seven queries and cache reads. Raises Gebied.DoesNotExist.

    ``page_tag`` is new with every computation: the page caches the parts it
    renders from this data alone under it (ADR 0015), so a new generation,
    language or evicted entry renders them afresh.
    """

    def compute() -> dict:
        gebied = selectors.gebied_by_code(code)
        all_rondes = rondes()
        indices = gebied_trend(gebied, all_rondes) if gebied.is_scan_area else {}
        trend = [{"ronde": r, "index": indices.get(r.pk)} for r in all_rondes]
        latest = next((t for t in reversed(trend) if t["index"]), None)
        children = list(gebied.children.order_by("code"))
        return {
            "page_tag": uuid.uuid4().hex,
            "gebied": gebied,
            "trend": trend,
            "latest": latest,
            "themas": [
                {
                    "thema": t,
                    "score": latest["index"].thema_scores.get(t.pk) if latest else None,
                }
                for t in themas()
            ],
            "scans": list(selectors.scans_of_gebied(gebied)),
            "buurten": selectors.buurten_for_straatcluster(gebied)
            if gebied.level == Gebied.Level.STRAATCLUSTER
            else [],
            "children": children,
            # A wijk or the gemeente shows its parts, each a link to its page.
            "map_data": feature_collection(children or [gebied]),
        }

    return _cached("gebied-page", code, compute=compute)
