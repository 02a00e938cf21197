"""Reading the CBS Wijk- en Buurtkaart as CBS and PDOK publish it.

Two formats, in WGS84 or RD New (EPSG:28992), all reprojected to WGS84 with
pyproj:

- a GeoPackage: an SQLite database (OGC 12-128). It is read with sqlite3; a
  geometry is a small GeoPackage header followed by WKB, which shapely
  decodes. No GDAL. The buurten layer is found through gpkg_contents and
  gpkg_geometry_columns, its coordinate system in gpkg_spatial_ref_sys.
- GeoJSON: WGS84 as RFC 7946 says, or the coordinate system its (older)
  ``crs`` member names, as the PDOK WFS writes it for srsName=EPSG:28992.

Only the features of the gemeente being imported are decoded and
reprojected; the others are counted.
"""

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import shapely
import shapely.wkb
from django.utils.translation import gettext as _
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

SQLITE_MAGIC = b"SQLite format 3\x00"
WGS84 = CRS.from_epsg(4326)
#: Field names in the 2022+ files and in the older ones; the first is shown.
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
#: Bytes of the envelope after the GeoPackage geometry header, by its flag.
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class CbsImportError(Exception):
    """The file cannot be imported; the message says why, in Dutch."""


@dataclass
class Feature:
    number: int
    properties: dict
    #: In WGS84; None when the feature has no geometry.
    geometry: BaseGeometry | None


@dataclass
class Source:
    """The gemeente's features from a file, and what else the file held."""

    description: str
    features: list[Feature] = field(default_factory=list)
    other_gemeente: int = 0


def get(props: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        if name in props:
            return props[name]
    return None


def read_source(source: Path | bytes | str, *, gemeente_code: str) -> Source:
    """The features of one gemeente from a GeoPackage or GeoJSON file."""
    if isinstance(source, Path):
        try:
            with source.open("rb") as handle:
                start = handle.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise CbsImportError(
                _("The file cannot be read: %(error)s") % {"error": exc}
            ) from exc
        if start == SQLITE_MAGIC:
            return _read_geopackage(_open_file(source), gemeente_code)
        try:
            raw: bytes | str = source.read_bytes()
        except OSError as exc:
            raise CbsImportError(
                _("The file cannot be read: %(error)s") % {"error": exc}
            ) from exc
    else:
        raw = source
    if isinstance(raw, bytes) and raw.startswith(SQLITE_MAGIC):
        connection = sqlite3.connect(":memory:")
        connection.deserialize(raw)
        return _read_geopackage(connection, gemeente_code)
    return _read_geojson(raw, gemeente_code)


# --- coordinate systems -----------------------------------------------------


def _to_wgs84(crs: CRS) -> Callable[[BaseGeometry], BaseGeometry]:
    if WGS84.equals(crs, ignore_axis_order=True):
        return shapely.force_2d
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)

    def reproject(geom: BaseGeometry) -> BaseGeometry:
        def apply(xy: np.ndarray) -> np.ndarray:
            lon, lat = transformer.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([lon, lat])

        return shapely.transform(shapely.force_2d(geom), apply)

    return reproject


def _crs_label(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _description(kind: str, crs: CRS) -> str:
    """Where the areas came from, for the report: format, layer, conversion."""
    if WGS84.equals(crs, ignore_axis_order=True):
        return _("%(kind)s, in WGS84") % {"kind": kind}
    return _("%(kind)s, in %(crs)s, converted to WGS84") % {
        "kind": kind,
        "crs": _crs_label(crs),
    }


# --- GeoJSON ----------------------------------------------------------------


def _looks_like_metres(geometry: dict) -> bool:
    """Projected coordinates (RD New: metres) lie far beyond any longitude."""
    coords = geometry.get("coordinates")
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    return bool(
        isinstance(coords, list)
        and coords
        and isinstance(coords[0], int | float)
        and abs(coords[0]) > 180
    )


def _geojson_crs(data: dict) -> CRS:
    member = data.get("crs")
    if member is None:
        return WGS84
    name = None
    if isinstance(member, dict) and isinstance(member.get("properties"), dict):
        name = member["properties"].get("name")
    if not name:
        raise CbsImportError(_("The file names its coordinate system unclearly."))
    try:
        return CRS.from_user_input(name)
    except CRSError as exc:
        raise CbsImportError(
            _("The file uses an unknown coordinate system: %(name)s") % {"name": name}
        ) from exc


def _read_geojson(raw: bytes | str, gemeente_code: str) -> Source:
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
    crs = _geojson_crs(data)
    declared = "crs" in data
    reproject = _to_wgs84(crs)
    source = Source(description=_description("GeoJSON", crs))
    for number, item in enumerate(features, start=1):
        item = item if isinstance(item, dict) else {}
        props = item.get("properties") or {}
        gemeente = get(props, FIELDS["gemeentecode"])
        if gemeente is not None and str(gemeente).strip() != gemeente_code:
            source.other_gemeente += 1
            continue
        geometry = item.get("geometry") or None
        code = get(props, FIELDS["buurtcode"]) or number
        if geometry and not declared and _looks_like_metres(geometry):
            raise CbsImportError(
                _(
                    "Area %(code)s has coordinates in metres (RD New, EPSG:28992?) "
                    "but the file does not name its coordinate system. Import the "
                    "GeoPackage from CBS or PDOK, a GeoJSON file with its crs, or "
                    "one in WGS84 (EPSG:4326)."
                )
                % {"code": code}
            )
        shp = None
        if geometry:
            try:
                shp = reproject(shape(geometry))
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                raise CbsImportError(
                    _("Area %(code)s has an invalid shape: %(error)s")
                    % {"code": code, "error": _("The shape is not valid GeoJSON.")}
                ) from exc
        source.features.append(Feature(number, props, shp))
    return source


# --- GeoPackage -------------------------------------------------------------


def _open_file(path: Path) -> sqlite3.Connection:
    # Read-only and immutable: the import never locks or changes the file.
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        return sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CbsImportError(
            _("The file cannot be read: %(error)s") % {"error": exc}
        ) from exc


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def decode_geometry(blob: bytes) -> BaseGeometry | None:
    """A GeoPackage geometry blob: 'GP', version, flags, srs id, envelope, WKB."""
    if not isinstance(blob, bytes | memoryview) or len(blob) < 8:
        raise ValueError("too short for a GeoPackage geometry")
    blob = bytes(blob)
    if blob[:2] != b"GP":
        raise ValueError("no GeoPackage geometry header")
    flags = blob[3]
    if flags & 0b0010_0000:
        raise ValueError("extended GeoPackage geometry")
    envelope = (flags >> 1) & 0b111
    if envelope not in _ENVELOPE_BYTES:
        raise ValueError("unknown envelope")
    if flags & 0b0001_0000:
        return None  # an empty geometry
    return shapely.wkb.loads(blob[8 + _ENVELOPE_BYTES[envelope] :])


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({_quote(table)})")]


def _buurten_layer(connection: sqlite3.Connection) -> tuple[str, str, int]:
    """(table, geometry column, srs id) of the layer that holds the buurten."""
    try:
        layers = connection.execute(
            "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
            "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
            "WHERE c.data_type = 'features' ORDER BY c.table_name"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise CbsImportError(
            _("The file is an SQLite database but no GeoPackage (%(error)s).")
            % {"error": exc}
        ) from exc
    candidates = [
        layer
        for layer in layers
        if set(FIELDS["buurtcode"]) & set(_columns(connection, layer[0]))
    ]
    named = [layer for layer in candidates if layer[0].lower() == "buurten"]
    if named or len(candidates) == 1:
        return (named or candidates)[0]
    names = ", ".join(layer[0] for layer in layers) or "—"
    if not candidates:
        raise CbsImportError(
            _(
                "The GeoPackage has no layer with buurten (a column buurtcode). "
                "Its layers: %(layers)s."
            )
            % {"layers": names}
        )
    raise CbsImportError(
        _("The GeoPackage has several layers with buurten: %(layers)s.")
        % {"layers": ", ".join(layer[0] for layer in candidates)}
    )


def _layer_crs(connection: sqlite3.Connection, srs_id: int) -> CRS:
    row = connection.execute(
        "SELECT organization, organization_coordsys_id, definition "
        "FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if row is None:
        raise CbsImportError(
            _("The GeoPackage does not describe its coordinate system %(id)s.")
            % {"id": srs_id}
        )
    organization, number, definition = row
    try:
        if str(organization).upper() == "EPSG" and number and number > 0:
            return CRS.from_epsg(number)
        return CRS.from_wkt(definition)
    except CRSError as exc:
        raise CbsImportError(
            _("The GeoPackage uses an unknown coordinate system: %(name)s")
            % {"name": f"{organization}:{number}"}
        ) from exc


def _rows(
    connection: sqlite3.Connection, table: str, gemeente_column: str | None, code: str
) -> sqlite3.Cursor:
    query = f"SELECT * FROM {_quote(table)}"  # noqa: S608 - quoted identifiers
    if gemeente_column:
        column = _quote(gemeente_column)
        query += f" WHERE {column} = ? OR {column} IS NULL"
        return connection.execute(query, (code,))
    return connection.execute(query)


def _read_geopackage(connection: sqlite3.Connection, gemeente_code: str) -> Source:
    try:
        table, geometry_column, srs_id = _buurten_layer(connection)
        crs = _layer_crs(connection, srs_id)
        reproject = _to_wgs84(crs)
        columns = _columns(connection, table)
        gemeente_column = next(
            (name for name in FIELDS["gemeentecode"] if name in columns), None
        )
        kind = _("GeoPackage, layer %(layer)s") % {"layer": table}
        source = Source(description=_description(kind, crs))
        if gemeente_column:
            source.other_gemeente = connection.execute(
                f"SELECT COUNT(*) FROM {_quote(table)} "  # noqa: S608
                f"WHERE {_quote(gemeente_column)} <> ?",
                (gemeente_code,),
            ).fetchone()[0]
        cursor = _rows(connection, table, gemeente_column, gemeente_code)
        names = [column[0] for column in cursor.description]
        for number, row in enumerate(cursor, start=1):
            props = dict(zip(names, row, strict=True))
            blob = props.pop(geometry_column, None)
            code = get(props, FIELDS["buurtcode"]) or number
            try:
                geom = decode_geometry(blob) if blob is not None else None
            except (ValueError, shapely.errors.GEOSException) as exc:
                raise CbsImportError(
                    _("Area %(code)s has a shape that cannot be read: %(error)s")
                    % {"code": code, "error": exc}
                ) from exc
            source.features.append(
                Feature(number, props, reproject(geom) if geom is not None else None)
            )
        return source
    except sqlite3.DatabaseError as exc:
        raise CbsImportError(
            _("The GeoPackage cannot be read: %(error)s") % {"error": exc}
        ) from exc
    finally:
        connection.close()
