from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def map_config() -> dict:
    """Tile URL, credit and centre from settings.LEAFLET_CONFIG."""
    config = settings.LEAFLET_CONFIG
    _name, url, options = config["TILES"][0]
    lat, lon = config["DEFAULT_CENTER"]
    return {
        "tiles": url,
        "attribution": options.get("attribution", ""),
        "lat": lat,
        "lon": lon,
        "zoom": config.get("DEFAULT_ZOOM", 14),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def band_badge(value):
    """An index with its band as a coloured label, or a dash without one."""
    from scans.services.index import band

    b = band(value)
    if not b:
        return mark_safe('<span class="muted">—</span>')
    return format_html(
        '<span class="band band--{}">{} · {}</span>', b[0], floatformat(value, 1), b[1]
    )
