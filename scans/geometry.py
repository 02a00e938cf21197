"""GeoJSON geometry for gebieden, validated with shapely (no GDAL needed).

Geometries are stored as GeoJSON in WGS84 (longitude, latitude), as Leaflet
draws them; the CBS import reprojects RD New to WGS84 before it stores them.

Drawn areas and points must lie within the gemeente's *extent*: the bounding
box of its imported outline with a margin (scans.services.index_cache.extent).
This module knows no gemeente; callers pass the extent.
"""

import json
import math
from typing import Any, NamedTuple

import shapely
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import Point, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

MAX_VERTICES = 5000
POLYGON_TYPES = {"Polygon", "MultiPolygon"}
#: Room around the gemeente's outline for drawing at its edges, in metres.
MARGIN_METRES = 3000
_METRES_PER_DEGREE = 111_320


class Extent(NamedTuple):
    """A box in WGS84 degrees: where areas and points may lie, where maps open."""

    west: float
    south: float
    east: float
    north: float

    @property
    def shape(self) -> BaseGeometry:
        return box(self.west, self.south, self.east, self.north)

    @property
    def centre(self) -> tuple[float, float]:
        """(latitude, longitude), as Leaflet takes it."""
        return ((self.south + self.north) / 2, (self.west + self.east) / 2)

    def contains(self, geom: BaseGeometry) -> bool:
        return self.shape.contains(geom)


#: The Netherlands with its coastal waters: the only extent known before the
#: gemeente's areas are imported, and a sanity check on imported coordinates.
NETHERLANDS = Extent(3.2, 50.7, 7.3, 53.6)


def extent_around(geom: BaseGeometry, *, margin: float = MARGIN_METRES) -> Extent:
    """The bounding box of a shape in WGS84, widened by `margin` metres."""
    west, south, east, north = geom.bounds
    dlat = margin / _METRES_PER_DEGREE
    latitude = math.radians((south + north) / 2)
    dlon = margin / (_METRES_PER_DEGREE * max(math.cos(latitude), 0.1))
    return Extent(west - dlon, south - dlat, east + dlon, north + dlat)


def _outside_message(kind: str) -> str:
    naam = settings.GEMEENTE_NAAM
    if kind == "point":
        return _("The point lies outside %(gemeente)s and its surroundings.") % {
            "gemeente": naam
        }
    return _("The area lies (partly) outside %(gemeente)s and its surroundings.") % {
        "gemeente": naam
    }


def parse_geometry(value: Any, *, within: Extent | None) -> BaseGeometry:
    """Turn GeoJSON (text, geometry, Feature) into a valid shapely (multi)polygon.

    With `within`, the shape must lie inside that extent (drawn areas); the
    CBS import passes None, as its areas define the extent.
    Raises ValidationError with a Dutch message naming what is wrong.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValidationError(
                _("The shape is not valid GeoJSON."), code="malformed"
            ) from exc
    if not isinstance(value, dict):
        raise ValidationError(_("The shape is not valid GeoJSON."), code="malformed")
    if value.get("type") == "Feature":
        value = value.get("geometry") or {}
    if value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        if len(features) != 1:
            raise ValidationError(_("Draw exactly one area."), code="count")
        value = features[0].get("geometry") or {}
    if value.get("type") not in POLYGON_TYPES:
        raise ValidationError(
            _("The shape must be an area (polygon), not a point or a line."),
            code="type",
        )
    try:
        geom = shape(value)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise ValidationError(
            _("The shape is not valid GeoJSON."), code="malformed"
        ) from exc
    if geom.is_empty:
        raise ValidationError(_("The shape is empty."), code="empty")
    if shapely.get_num_coordinates(geom) > MAX_VERTICES:
        raise ValidationError(
            _("The shape has too many points (at most %(max)s).")
            % {"max": MAX_VERTICES},
            code="vertices",
        )
    if not geom.is_valid:
        reason = explain_validity(geom)
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            message = _("The outline crosses itself. Draw the area without crossings.")
        else:
            message = _("The shape is not a valid area (%(reason)s).") % {
                "reason": reason
            }
        raise ValidationError(message, code="invalid")
    if within is not None and not within.contains(geom):
        raise ValidationError(_outside_message("area"), code="outside")
    return geom


def to_geojson(geom: BaseGeometry) -> dict:
    """Plain GeoJSON (lists, not tuples), equal to what the JSON field returns."""
    return json.loads(json.dumps(mapping(geom)))


def overlaps(a: BaseGeometry, b: BaseGeometry, *, min_share: float = 0.01) -> bool:
    """True when b covers at least min_share of a's area (ignores touching edges)."""
    if not a.intersects(b):
        return False
    return a.intersection(b).area >= a.area * min_share


def parse_point(value: Any, *, within: Extent) -> Point:
    """Turn a GeoJSON point (or "lat,lon" text) into a shapely Point in WGS84."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = json.loads(text)
        except ValueError:
            parts = text.replace(";", ",").split(",")
            try:
                lat, lon = (float(p) for p in parts)
            except ValueError as exc:
                raise ValidationError(
                    _("The point is not a valid location."), code="malformed"
                ) from exc
            value = {"type": "Point", "coordinates": [lon, lat]}
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry") or {}
    if not isinstance(value, dict) or value.get("type") != "Point":
        raise ValidationError(_("The point is not a valid location."), code="malformed")
    try:
        point = shape(value)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise ValidationError(
            _("The point is not a valid location."), code="malformed"
        ) from exc
    if point.is_empty or not within.contains(point):
        raise ValidationError(_outside_message("point"), code="outside")
    return point
