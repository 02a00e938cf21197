"""Gebieden as GeoJSON for the maps: a feature per area with its properties."""

from django.urls import reverse

from scans.models import Gebied
from scans.services.index import band


def feature(gebied: Gebied, **properties) -> dict | None:
    if not gebied.geometry:
        return None
    return {
        "type": "Feature",
        "geometry": gebied.geometry,
        "properties": {
            "code": gebied.code,
            "name": gebied.name,
            "level": gebied.level,
            "url": reverse("scans:gebied_detail", kwargs={"code": gebied.code}),
            **properties,
        },
    }


def feature_collection(gebieden, extra=None) -> dict:
    """GeoJSON for the map; extra(gebied) adds properties such as an index."""
    features = []
    for g in gebieden:
        f = feature(g, **(extra(g) if extra else {}))
        if f:
            features.append(f)
    return {"type": "FeatureCollection", "features": features}


def index_properties(value: float | None) -> dict:
    b = band(value)
    return {
        "index": value,
        "band": b[0] if b else "",
        "bandLabel": b[1] if b else "",
    }
