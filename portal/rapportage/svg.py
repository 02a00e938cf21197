"""Maps for PDFs: inline SVG paths drawn from GeoJSON (WeasyPrint runs no JS)."""

import math
from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 480, 320, 10


@dataclass(frozen=True)
class Kaart:
    width: int
    height: int
    paths: list[str]


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


def gebied_map(geometry: dict | None) -> Kaart | None:
    """Project lon/lat to an equirectangular frame that fits WIDTH × HEIGHT."""
    rings = _rings(geometry or {})
    points = [p for ring in rings for p in ring if len(p) >= 2]
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    # Degrees of longitude shrink with latitude; scale x so shapes keep their form.
    aspect = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * aspect, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    # Centred: a tall area would otherwise hug the left edge of the frame.
    left = (WIDTH - span_x * scale) / 2
    top = (HEIGHT - span_y * scale) / 2
    paths = []
    for ring in rings:
        parts = []
        for i, p in enumerate(ring):
            x = left + (p[0] - min(lons)) * aspect * scale
            y = top + (max(lats) - p[1]) * scale
            parts.append(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}")
        paths.append(" ".join(parts) + " Z")
    return Kaart(width=WIDTH, height=HEIGHT, paths=paths)
