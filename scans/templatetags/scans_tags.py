from django import template
from django.conf import settings

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
def band_key(value):
    from scans.services.index import band

    b = band(value)
    return b[0] if b else ""


@register.filter
def band_label(value):
    from scans.services.index import band

    b = band(value)
    return b[1] if b else ""
