"""GeoJSON geometry for gebieden, validated with shapely (no GDAL needed).

Geometries are stored as GeoJSON in WGS84 (longitude, latitude), as Leaflet
and the CBS Wijk- en Buurtkaart in GeoJSON deliver them.
"""

import json
from typing import Any

import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import Point, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

#: Alblasserdam and its surroundings (lon/lat). A polygon must lie within it.
SURROUNDINGS = box(4.55, 51.80, 4.80, 51.92)
MAX_VERTICES = 5000
POLYGON_TYPES = {"Polygon", "MultiPolygon"}


def parse_geometry(value: Any) -> BaseGeometry:
    """Turn GeoJSON (text, geometry, Feature) into a valid shapely (multi)polygon.

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
    if not SURROUNDINGS.contains(geom):
        raise ValidationError(
            _("The area lies (partly) outside Alblasserdam and its surroundings."),
            code="outside",
        )
    return geom


def to_geojson(geom: BaseGeometry) -> dict:
    """Plain GeoJSON (lists, not tuples), equal to what the JSON field returns."""
    return json.loads(json.dumps(mapping(geom)))


def overlaps(a: BaseGeometry, b: BaseGeometry, *, min_share: float = 0.01) -> bool:
    """True when b covers at least min_share of a's area (ignores touching edges)."""
    if not a.intersects(b):
        return False
    return a.intersection(b).area >= a.area * min_share


def parse_point(value: Any) -> Point:
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
    if point.is_empty or not SURROUNDINGS.contains(point):
        raise ValidationError(
            _("The point lies outside Alblasserdam and its surroundings."),
            code="outside",
        )
    return point
