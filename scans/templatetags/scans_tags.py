from functools import lru_cache

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def map_config() -> dict:
    """Tiles and credit from settings.LEAFLET_CONFIG; centre and bounds from the
    gemeente's extent (its imported outline, cached until gebieden change)."""
    from scans.services.index_cache import extent

    _name, url, options = settings.LEAFLET_CONFIG["TILES"][0]
    box = extent()
    lat, lon = box.centre
    return {
        "tiles": url,
        "attribution": options.get("attribution", ""),
        "lat": lat,
        "lon": lon,
        # south,west,north,east: the order Leaflet's bounds take.
        "bounds": ",".join(
            f"{value:.6f}" for value in (box.south, box.west, box.north, box.east)
        ),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def band_badge(value):
    """An index with its band as a coloured label, or a dash without one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return mark_safe('<span class="muted">—</span>')
    # A table shows hundreds of these and index values repeat: render each
    # value once per language.
    return _badge(round(float(value), 1), get_language())


@lru_cache(maxsize=4096)
def _badge(value: float, language: str | None):
    from scans.services.index import band

    key, label = band(value)
    return format_html(
        '<span class="band band--{}">{} · {}</span>', key, floatformat(value, 1), label
    )
