"""Import buurten from the CBS Wijk- en Buurtkaart (GeoJSON, WGS84).

Both the 2022+ field names (buurtcode, buurtnaam, wijkcode, gemeentecode, water)
and the older ones (BU_CODE, BU_NAAM, WK_CODE, GM_CODE, WATER) are read. The
whole file is checked before anything is written, so a malformed file changes
nothing.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.ops import unary_union

from scans.geometry import parse_geometry, to_geojson
from scans.models import Gebied

FIELDS = {
    "buurtcode": ("buurtcode", "BU_CODE"),
    "buurtnaam": ("buurtnaam", "BU_NAAM"),
    "wijkcode": ("wijkcode", "WK_CODE"),
    "gemeentecode": ("gemeentecode", "GM_CODE"),
    "water": ("water", "WATER"),
}
OPTIONAL = {
    "wijknaam": ("wijknaam", "WK_NAAM"),
    "gemeentenaam": ("gemeentenaam", "GM_NAAM"),
    "inwoners": ("aantalInwoners", "aantal_inwoners", "AANT_INW"),
}


class CbsImportError(Exception):
    """The file cannot be imported; the message says why, in Dutch."""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_water: list[str] = field(default_factory=list)
    other_gemeente: int = 0


def _get(props: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        if name in props:
            return props[name]
    return None


def _is_water(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().upper() in {"JA", "J", "TRUE", "1", "B"}


def _looks_like_rd(geometry: dict) -> bool:
    """RD New (EPSG:28992) coordinates are in metres: far beyond any longitude."""
    coords = geometry.get("coordinates")
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    return bool(
        isinstance(coords, list)
        and coords
        and isinstance(coords[0], int | float)
        and abs(coords[0]) > 180
    )


def read_features(raw: bytes | str) -> list[dict]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CbsImportError(
            _("The file is not valid JSON: %(error)s") % {"error": exc}
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise CbsImportError(_("The file is not a GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise CbsImportError(_("The file contains no areas (features)."))
    return features


def _parse(features: list[dict], gemeente_code: str) -> tuple[list[dict], ImportReport]:
    report = ImportReport()
    rows: list[dict] = []
    for number, feature in enumerate(features, start=1):
        props = (feature or {}).get("properties") or {}
        values = {key: _get(props, names) for key, names in FIELDS.items()}
        missing = [FIELDS[key][0] for key, value in values.items() if value is None]
        if missing:
            raise CbsImportError(
                _("Area %(number)s lacks the field(s) %(fields)s.")
                % {"number": number, "fields": ", ".join(missing)}
            )
        if str(values["gemeentecode"]) != gemeente_code:
            report.other_gemeente += 1
            continue
        code = str(values["buurtcode"]).strip()
        if _is_water(values["water"]):
            report.skipped_water.append(code)
            continue
        geometry = feature.get("geometry") or {}
        if _looks_like_rd(geometry):
            raise CbsImportError(
                _(
                    "Area %(code)s uses RD coordinates (EPSG:28992). Export the "
                    "file in WGS84 (EPSG:4326), e.g. from the PDOK WFS with "
                    "srsName=EPSG:4326."
                )
                % {"code": code}
            )
        try:
            shape = parse_geometry(geometry)
        except ValidationError as exc:
            raise CbsImportError(
                _("Area %(code)s has an invalid shape: %(error)s")
                % {"code": code, "error": " ".join(exc.messages)}
            ) from exc
        inhabitants = _get(props, OPTIONAL["inwoners"])
        try:
            inhabitants = int(inhabitants) if inhabitants is not None else None
        except (TypeError, ValueError):
            inhabitants = None
        if inhabitants is not None and inhabitants < 0:
            # CBS marks secret or unknown figures with negative numbers.
            inhabitants = None
        rows.append(
            {
                "code": code,
                "name": str(values["buurtnaam"]).strip(),
                "wijkcode": str(values["wijkcode"]).strip(),
                "wijknaam": _get(props, OPTIONAL["wijknaam"]),
                "gemeentenaam": _get(props, OPTIONAL["gemeentenaam"]),
                "shape": shape,
                "inhabitants": inhabitants,
            }
        )
    if not rows:
        raise CbsImportError(
            _("The file contains no land areas of municipality %(code)s.")
            % {"code": gemeente_code}
        )
    return rows, report


def _upsert(report: ImportReport, *, code: str, values: dict) -> Gebied:
    gebied = Gebied.objects.filter(code=code).first()
    if gebied is None:
        gebied = Gebied(code=code, **values)
        gebied.full_clean()
        gebied.save()
        report.created.append(code)
        return gebied
    changed = [k for k, v in values.items() if getattr(gebied, k) != v]
    if changed:
        for key in changed:
            setattr(gebied, key, values[key])
        gebied.full_clean()
        gebied.save()
        report.updated.append(code)
    else:
        report.unchanged.append(code)
    return gebied


def import_cbs_buurten(raw: bytes | str, *, gemeente_code: str) -> ImportReport:
    """Create or update the gemeente, its wijken and buurten from a CBS file."""
    rows, report = _parse(read_features(raw), gemeente_code)
    with transaction.atomic():
        existing = Gebied.objects.filter(code=gemeente_code).first()
        gemeente = _upsert(
            report,
            code=gemeente_code,
            values={
                "name": rows[0]["gemeentenaam"]
                or (existing.name if existing else gemeente_code),
                "level": Gebied.Level.GEMEENTE,
                "parent": None,
                "geometry": to_geojson(unary_union([r["shape"] for r in rows])),
                "approximate": False,
            },
        )
        wijken: dict[str, Gebied] = {}
        for wijkcode in sorted({r["wijkcode"] for r in rows}):
            members = [r for r in rows if r["wijkcode"] == wijkcode]
            current = Gebied.objects.filter(code=wijkcode).first()
            name = members[0]["wijknaam"] or (
                current.name if current else _("Wijk %(nr)s") % {"nr": wijkcode[-2:]}
            )
            wijken[wijkcode] = _upsert(
                report,
                code=wijkcode,
                values={
                    "name": name,
                    "level": Gebied.Level.WIJK,
                    "parent": gemeente,
                    "geometry": to_geojson(unary_union([r["shape"] for r in members])),
                    "approximate": False,
                },
            )
        for row in rows:
            _upsert(
                report,
                code=row["code"],
                values={
                    "name": row["name"],
                    "level": Gebied.Level.BUURT,
                    "parent": wijken[row["wijkcode"]],
                    "geometry": to_geojson(row["shape"]),
                    "inhabitants": row["inhabitants"],
                    "approximate": False,
                },
            )
    return report
