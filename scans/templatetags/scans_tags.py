import unicodedata
from functools import lru_cache

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.rows import choice_label, short_date

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


# The rows of the tables of signalen and acties (templates/scans/includes/),
# written directly: through the template engine a row of seven cells took
# some twenty nodes, a quarter of the CPU time of the list of acties. The
# markup is the include's as it was, byte for byte (tests/scans/test_tags.py).


def _truncated(text: str, length: int) -> str:
    """`text|truncatechars:length`; a text that fits is only normalised."""
    normalised = unicodedata.normalize("NFC", text)
    return normalised if len(normalised) <= length else Truncator(text).chars(length)


@register.simple_tag
def signaal_rows(signalen, show_gebied=False) -> SafeString:
    rows, labels = [], {}
    for s in signalen:
        gebied = (
            format_html(
                '<td class="utrecht-table__cell"><a href="{}">{}</a></td>',
                s.gebied.get_absolute_url(),
                s.gebied.name,
            )
            if show_gebied
            else ""
        )
        rows.append(
            format_html(
                '<tr class="utrecht-table__row">\n'
                '    <td class="utrecht-table__cell"><a href="{}">{}</a></td>{}\n'
                '    <td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell">{}</td>\n'
                '    <td class="utrecht-table__cell">'
                '<span class="tag tag--{}">{}</span></td>'
                '<td class="utrecht-table__cell">{}</td></tr>\n  ',
                s.get_absolute_url(),
                short_date(s.waargenomen_op),
                gebied,
                s.thema.name,
                choice_label(labels, s, "soort"),
                _truncated(s.text, 160),
                s.rubricering,
                choice_label(labels, s, "rubricering"),
                s.organisation.name,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - each row is format_html output


@register.simple_tag
def actie_rows(acties, show_gebied=False) -> SafeString:
    rows, labels = [], {}
    for a in acties:
        overdue = (
            format_html(" — <strong>{}</strong>", _("overdue")) if a.is_overdue else ""
        )
        rows.append(
            format_html(
                '<tr class="utrecht-table__row">\n'
                '    <td class="utrecht-table__cell"><a href="{}">{}</a></td>{}\n'
                '    <td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell status">{}{}</td>\n'
                '    <td class="utrecht-table__cell">{}</td>'
                '<td class="utrecht-table__cell'
                ' utrecht-table__cell--numeric-column num">{}%</td>'
                '<td class="utrecht-table__cell'
                ' utrecht-table__cell--numeric-column num">€ {}</td></tr>\n  ',
                a.get_absolute_url(),
                a.title,
                format_html('<td class="utrecht-table__cell">{}</td>', a.gebied.name)
                if show_gebied
                else "",
                a.eigenaar.name,
                choice_label(labels, a, "status"),
                overdue,
                short_date(a.deadline) or "—",
                a.voortgang,
                floatformat(a.budget, "2g"),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - each row is format_html output
