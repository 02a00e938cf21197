"""Maps for PDFs: inline SVG paths drawn from GeoJSON (WeasyPrint runs no JS).

An area is drawn in the middle of the frame. With surroundings, the frame
takes in a margin of land around the area, and the neighbouring buurten are
drawn there lighter, with their names, clipped to the frame; the area itself
is drawn on top with a thick outline.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

WIDTH, HEIGHT, MARGIN = 480, 320, 10
#: land shown around an area with surroundings, as a share of its own size
CONTEXT = 0.6
#: a neighbour smaller than this share of the frame gets no name on the map
LABEL_MIN_SHARE = 0.03
#: the names' font size in SVG units, and a generous width per character
LABEL_SIZE = 10
LABEL_CHAR_WIDTH = 0.62 * LABEL_SIZE


@dataclass(frozen=True)
class Omgeving:
    """A neighbouring buurt as far as it shows on the map."""

    name: str
    path: str
    #: where its name goes (SVG coordinates as text), or None: too small
    label_x: str | None = None
    label_y: str | None = None


@dataclass(frozen=True)
class Kaart:
    width: int
    height: int
    paths: list[str]
    surroundings: list[Omgeving] = field(default_factory=list)
    label_size: int = LABEL_SIZE

    @property
    def names_around(self) -> list[str]:
        return [o.name for o in self.surroundings]


def _rings(geometry: dict) -> list[list[list[float]]]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    if kind == "Feature":
        return _rings(geometry.get("geometry") or {})
    if kind == "FeatureCollection":
        return [r for f in geometry.get("features", []) for r in _rings(f)]
    return []


@dataclass(frozen=True)
class _Frame:
    """Projects lon/lat into the SVG frame (equirectangular, shape kept)."""

    west: float
    north: float
    aspect: float
    scale: float
    left: float
    top: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.left + (lon - self.west) * self.aspect * self.scale
        y = self.top + (self.north - lat) * self.scale
        return x, y

    def bounds(self) -> tuple[float, float, float, float]:
        """The lon/lat box the whole frame shows: west, south, east, north."""
        per_x = self.aspect * self.scale
        return (
            self.west - self.left / per_x,
            self.north - (HEIGHT - self.top) / self.scale,
            self.west + (WIDTH - self.left) / per_x,
            self.north + self.top / self.scale,
        )

    def path(self, rings: Iterable) -> str:
        parts = []
        for ring in rings:
            for i, p in enumerate(ring):
                x, y = self.xy(p[0], p[1])
                parts.append(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}")
            parts.append("Z")
        return " ".join(parts)


def _frame(points: list, context: float) -> _Frame:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    # Degrees of longitude shrink with latitude; scale x so shapes keep their form.
    aspect = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * aspect, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    grow = 1 + 2 * context
    scale = min(
        (WIDTH - 2 * MARGIN) / (span_x * grow), (HEIGHT - 2 * MARGIN) / (span_y * grow)
    )
    # Centred: a tall area would otherwise hug the left edge of the frame.
    return _Frame(
        west=min(lons),
        north=max(lats),
        aspect=aspect,
        scale=scale,
        left=(WIDTH - span_x * scale) / 2,
        top=(HEIGHT - span_y * scale) / 2,
    )


def _polygons(geom: BaseGeometry) -> list:
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in {"MultiPolygon", "GeometryCollection"}:
        return [p for part in geom.geoms for p in _polygons(part)]
    return []


def _neighbour(name: str, geometry: dict, frame: _Frame, window) -> Omgeving | None:
    try:
        outline = shape(geometry.get("geometry", geometry))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    if not outline.is_valid:
        outline = outline.buffer(0)
    visible = outline.intersection(window)
    polygons = _polygons(visible)
    if not polygons:
        return None
    rings = []
    for polygon in polygons:
        rings.append(list(polygon.exterior.coords))
        rings.extend(list(interior.coords) for interior in polygon.interiors)
    label = _label(name, visible, frame, window)
    label_x, label_y = label if label else (None, None)
    return Omgeving(name=name, path=frame.path(rings), label_x=label_x, label_y=label_y)


def _label(name: str, visible, frame: _Frame, window) -> tuple[str, str] | None:
    """Where the name fits inside the visible piece; None where it would not."""
    if visible.area < LABEL_MIN_SHARE * window.area:
        return None
    west, south, east, north = visible.bounds
    left, _ = frame.xy(west, north)
    right, _ = frame.xy(east, south)
    half = len(name) * LABEL_CHAR_WIDTH / 2
    if right - left < 2 * half + 4:
        return None  # the caption names it
    point = visible.representative_point()
    x, y = frame.xy(point.x, point.y)
    x = min(max(x, left + half + 2), right - half - 2)
    return f"{x:.1f}", f"{y:.1f}"


def gebied_map(
    geometry: dict | None, surroundings: Iterable[tuple[str, dict]] = ()
) -> Kaart | None:
    """The area's outline fitted to WIDTH × HEIGHT, with its surroundings."""
    rings = _rings(geometry or {})
    points = [p for ring in rings for p in ring if len(p) >= 2]
    if not points:
        return None
    surroundings = list(surroundings)
    frame = _frame(points, CONTEXT if surroundings else 0)
    around = []
    if surroundings:
        window = box(*frame.bounds())
        for name, outline in surroundings:
            neighbour = _neighbour(name, outline or {}, frame, window)
            if neighbour is not None:
                around.append(neighbour)
    paths = [frame.path([ring]) for ring in rings]
    return Kaart(width=WIDTH, height=HEIGHT, paths=paths, surroundings=around)
