"""Import the buurten of one gemeente from the CBS Wijk- en Buurtkaart.

An import adds and updates; it never takes area away without being told:

- The buurten in the file are created or updated by code. Buurten of the
  gemeente that are stored but not in the file stay as they are, and the
  report names them: a file may cover part of the gemeente.
- The outlines of the gemeente and of every wijk the file touches are the
  union of *all* their buurten in the database after the import, never of
  the file alone.
- An import that would make a buurt markedly smaller, or take area from a
  wijk or the gemeente, is refused unless the caller allows removals. An
  outline marked approximate (a sketch) may be replaced without that.

The whole file is read and checked, and the whole plan made, before anything
is written: a refused or malformed import changes nothing. Run twice, the
second import changes nothing and says so.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from core.privacy import contains_bsn
from scans.cbs.sources import (
    FIELDS,
    OPTIONAL,
    CbsImportError,
    Feature,
    get,
    read_source,
)
from scans.geometry import NETHERLANDS, parse_geometry, to_geojson
from scans.models import Gebied

#: A buurt whose new outline is this much smaller than the stored one shrinks.
BUURT_SHRINK = 0.05
#: A wijk or gemeente that no longer covers this share of its stored outline
#: loses area (the rest is rounding and the slack of reprojection).
OUTLINE_LOSS = 0.001


@dataclass
class Shrink:
    """An area the import would make smaller or take away."""

    code: str
    name: str
    level: str
    #: The share of the stored area that would be gone, 0 to 1.
    lost: float


@dataclass
class ImportReport:
    source: str = ""
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_water: list[str] = field(default_factory=list)
    #: Buurten of the gemeente in the database that the file does not contain.
    not_in_file: list[str] = field(default_factory=list)
    shrinks: list[Shrink] = field(default_factory=list)
    other_gemeente: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class CbsImportRefused(CbsImportError):
    """The import would remove or shrink areas; nothing was written."""

    def __init__(self, report: ImportReport):
        self.report = report
        codes = ", ".join(s.code for s in report.shrinks)
        super().__init__(
            _("The import would make areas smaller or remove them: %(codes)s.")
            % {"codes": codes}
        )


@dataclass
class _Row:
    code: str
    name: str
    wijkcode: str
    wijknaam: str | None
    gemeentenaam: str | None
    shape: BaseGeometry
    inhabitants: int | None


def _is_water(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().upper() in {"JA", "J", "TRUE", "1", "B"}


def _inhabitants(value) -> int | None:
    try:
        number = int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
    # CBS marks secret or unknown figures with negative numbers.
    return number if number is None or number >= 0 else None


def _row(feature: Feature, report: ImportReport) -> _Row | None:
    props = feature.properties
    values = {key: get(props, names) for key, names in FIELDS.items()}
    missing = [FIELDS[key][0] for key, value in values.items() if value is None]
    if missing:
        raise CbsImportError(
            _("Area %(number)s lacks the field(s) %(fields)s.")
            % {"number": feature.number, "fields": ", ".join(missing)}
        )
    code = str(values["buurtcode"]).strip()
    if _is_water(values["water"]):
        report.skipped_water.append(code)
        return None
    if feature.geometry is None:
        raise CbsImportError(_("Area %(code)s has no shape.") % {"code": code})
    try:
        shp = parse_geometry(to_geojson(feature.geometry), within=None)
    except ValidationError as exc:
        raise CbsImportError(
            _("Area %(code)s has an invalid shape: %(error)s")
            % {"code": code, "error": " ".join(exc.messages)}
        ) from exc
    if not NETHERLANDS.contains(shp):
        raise CbsImportError(
            _(
                "Area %(code)s lies outside the Netherlands. Are the coordinates "
                "in the coordinate system the file names?"
            )
            % {"code": code}
        )
    names = [
        values["buurtnaam"],
        get(props, OPTIONAL["wijknaam"]),
        get(props, OPTIONAL["gemeentenaam"]),
    ]
    if any(contains_bsn(str(name or "")) for name in names):
        raise CbsImportError(
            _(
                "The name of area %(code)s contains what looks like a citizen "
                "service number (BSN). Check the file."
            )
            % {"code": code}
        )
    return _Row(
        code=code,
        name=str(values["buurtnaam"]).strip(),
        wijkcode=str(values["wijkcode"]).strip(),
        wijknaam=get(props, OPTIONAL["wijknaam"]),
        gemeentenaam=get(props, OPTIONAL["gemeentenaam"]),
        shape=shp,
        inhabitants=_inhabitants(get(props, OPTIONAL["inwoners"])),
    )


def _parse(features: list[Feature], report: ImportReport, gemeente_code: str):
    rows: dict[str, _Row] = {}
    for feature in features:
        row = _row(feature, report)
        if row is None:
            continue
        if row.code in rows:
            raise CbsImportError(
                _("Buurt %(code)s appears twice in the file.") % {"code": row.code}
            )
        rows[row.code] = row
    if not rows:
        raise CbsImportError(
            _("The file contains no land areas of municipality %(code)s.")
            % {"code": gemeente_code}
        )
    return rows


def _union(shapes: list[BaseGeometry]) -> BaseGeometry | None:
    return unary_union(shapes) if shapes else None


def _same_shape(stored: dict | None, new: BaseGeometry | None) -> bool:
    if stored is None or new is None:
        return stored is None and new is None
    if stored == to_geojson(new):
        return True
    old = shape(stored)
    return old.equals(new)


def _lost_share(gebied: Gebied, new: BaseGeometry | None) -> float:
    """How much of the stored outline the new one would no longer hold."""
    old = gebied.shape
    if old is None or old.is_empty or old.area == 0 or gebied.approximate:
        return 0.0
    if new is None or new.is_empty:
        return 1.0
    if gebied.level == Gebied.Level.BUURT:
        return max(0.0, 1 - new.area / old.area)
    return old.difference(new).area / old.area


@dataclass
class _Plan:
    """Every area the import writes: code → field values, in write order."""

    values: dict[str, dict] = field(default_factory=dict)
    shapes: dict[str, BaseGeometry | None] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)


def _plan(
    rows: dict[str, _Row], stored: dict[str, Gebied], gemeente_code: str
) -> tuple[_Plan, list[str]]:
    """The gemeente, the wijken the file touches and the file's buurten."""
    digits = gemeente_code[2:]
    stored_buurten = {
        code: g
        for code, g in stored.items()
        if g.level == Gebied.Level.BUURT and code.startswith(f"BU{digits}")
    }
    kept = sorted(set(stored_buurten) - set(rows))
    # Every buurt of the gemeente after the import: its shape, wijk, sketchiness.
    after: dict[str, tuple[BaseGeometry | None, str | None, bool]] = {}
    for code in kept:
        g = stored_buurten[code]
        parent = g.parent if g.parent_id else None
        wijk = parent.code if parent and parent.level == Gebied.Level.WIJK else None
        after[code] = (g.shape, wijk, g.approximate)
    for code, row in rows.items():
        after[code] = (row.shape, row.wijkcode, False)

    touched = {row.wijkcode for row in rows.values()}
    for code in rows:
        old = stored.get(code)
        if old is not None and old.parent_id and old.parent.level == Gebied.Level.WIJK:
            touched.add(old.parent.code)

    plan = _Plan()
    existing = stored.get(gemeente_code)
    first = next(iter(rows.values()))
    default_name = (
        settings.GEMEENTE_NAAM if gemeente_code == settings.GEMEENTE_CODE else ""
    )
    gemeente_shape = _union(
        [after[c][0] for c in sorted(after) if after[c][0] is not None]
    )
    plan.values[gemeente_code] = {
        "name": first.gemeentenaam
        or (existing.name if existing else default_name or gemeente_code),
        "level": Gebied.Level.GEMEENTE,
        "geometry": to_geojson(gemeente_shape) if gemeente_shape else None,
        "approximate": any(a[2] for a in after.values()),
    }
    plan.shapes[gemeente_code] = gemeente_shape
    plan.parents[gemeente_code] = None

    for wijkcode in sorted(touched):
        members = sorted(c for c, a in after.items() if a[1] == wijkcode)
        named = next((rows[c].wijknaam for c in members if c in rows), None)
        current = stored.get(wijkcode)
        wijk_shape = _union([after[c][0] for c in members if after[c][0] is not None])
        plan.values[wijkcode] = {
            "name": named
            or (current.name if current else _("Wijk %(nr)s") % {"nr": wijkcode[-2:]}),
            "level": Gebied.Level.WIJK,
            "geometry": to_geojson(wijk_shape) if wijk_shape else None,
            "approximate": any(after[c][2] for c in members),
        }
        plan.shapes[wijkcode] = wijk_shape
        plan.parents[wijkcode] = gemeente_code

    for code in sorted(rows):
        row = rows[code]
        plan.values[code] = {
            "name": row.name,
            "level": Gebied.Level.BUURT,
            "geometry": to_geojson(row.shape),
            "inhabitants": row.inhabitants,
            "approximate": False,
        }
        plan.shapes[code] = row.shape
        plan.parents[code] = row.wijkcode
    return plan, kept


def _stored(rows: dict[str, _Row], gemeente_code: str) -> dict[str, Gebied]:
    codes = {gemeente_code, *rows, *(r.wijkcode for r in rows.values())}
    queryset = Gebied.objects.filter(code__in=codes) | Gebied.objects.cbs_areas_of(
        gemeente_code
    )
    return {g.code: g for g in queryset.select_related("parent")}


def _shrinks(plan: _Plan, stored: dict[str, Gebied]) -> list[Shrink]:
    found = []
    for code, values in plan.values.items():
        g = stored.get(code)
        if g is None or _same_shape(g.geometry, plan.shapes[code]):
            continue
        lost = _lost_share(g, plan.shapes[code])
        limit = BUURT_SHRINK if g.level == Gebied.Level.BUURT else OUTLINE_LOSS
        if lost > limit:
            found.append(Shrink(code, g.name, values["level"], lost))
    return found


def _write(plan: _Plan, stored: dict[str, Gebied], report: ImportReport) -> None:
    written: dict[str, Gebied] = {}
    for code, values in plan.values.items():
        parent_code = plan.parents[code]
        parent = written.get(parent_code) if parent_code else None
        values = {**values, "parent": parent}
        g = stored.get(code)
        if g is None:
            g = Gebied(code=code, **values)
            g.full_clean()
            g.save()
            report.created.append(code)
        else:
            if _same_shape(g.geometry, plan.shapes[code]):
                values["geometry"] = g.geometry  # no churn from vertex order
            changed = [
                key
                for key, value in values.items()
                if key != "parent" and getattr(g, key) != value
            ]
            if g.parent_id != (parent.pk if parent else None):
                changed.append("parent")
            if changed:
                for key in changed:
                    setattr(g, key, values[key])
                g.full_clean()
                g.save()
                report.updated.append(code)
            else:
                report.unchanged.append(code)
        written[code] = g


def import_cbs_buurten(
    source: Path | bytes | str,
    *,
    gemeente_code: str,
    allow_removals: bool = False,
) -> ImportReport:
    """Create or update the gemeente, its wijken and buurten from a CBS file.

    Raises CbsImportError when the file cannot be imported, CbsImportRefused
    when it would shrink or remove areas and allow_removals is not set.
    """
    read = read_source(source, gemeente_code=gemeente_code)
    report = ImportReport(source=read.description, other_gemeente=read.other_gemeente)
    if not read.features:
        raise CbsImportError(
            _("The file contains no land areas of municipality %(code)s.")
            % {"code": gemeente_code}
        )
    rows = _parse(read.features, report, gemeente_code)
    with transaction.atomic():
        stored = _stored(rows, gemeente_code)
        plan, report.not_in_file = _plan(rows, stored, gemeente_code)
        report.shrinks = _shrinks(plan, stored)
        if report.shrinks and not allow_removals:
            raise CbsImportRefused(report)
        _write(plan, stored, report)
    return report
