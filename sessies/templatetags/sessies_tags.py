from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from core.rows import LongDates, choice_label

register = template.Library()

# The rows of the list of sessions (templates/sessies/sessie_list.html),
# written directly: through the template engine each row rendered two
# includes and some thirty nodes, most of the page's CPU time. The markup is
# the loop's as it was, byte for byte, with the includes for the time and the
# status (templates/sessies/includes/) as they are (tests/sessies/test_tags.py).

_ROW = (
    '\n  <tr class="utrecht-table__row">\n'
    '    <td class="utrecht-table__cell">{}\n</td>\n'
    '    <td class="utrecht-table__cell"><a href="{}">{}</a></td>\n'
    '    <td class="utrecht-table__cell">{}</td>\n'
    '    <td class="utrecht-table__cell">{}</td>\n'
    '    <td class="utrecht-table__cell">'
    '<span class="sessie-status sessie-status--{}">{}</span>\n</td>\n'
    '    <td class="utrecht-table__cell'
    ' utrecht-table__cell--numeric-column num">{}{}</td>\n'
    "  </tr>\n  "
)
_WHEN = '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>'
_MUTED = '{}<br><span class="muted">{}</span>'


def _when(sessie, long_date: LongDates) -> SafeString:
    """templates/sessies/includes/when.html: the end's time only on one day."""
    start, end = template_localtime(sessie.start), template_localtime(sessie.end)
    return format_html(
        _WHEN,
        start.isoformat(),
        long_date(start),
        end.isoformat(),
        f"{end.hour:02d}:{end.minute:02d}"
        if end.date() == start.date()
        else long_date(end),
    )


@register.simple_tag
def sessie_rows(sessies) -> SafeString:
    rows, labels, long_date = [], {}, LongDates()
    also_online = None
    for sessie in sessies:
        kind = choice_label(labels, sessie, "soort")
        if sessie.bob_fase:
            kind = format_html(_MUTED, kind, choice_label(labels, sessie, "bob_fase"))
        place = sessie.plaats or "—"
        if sessie.online_url:
            if also_online is None:
                also_online = gettext("also online")
            place = format_html(_MUTED, place, also_online)
        rows.append(
            format_html(
                _ROW,
                _when(sessie, long_date),
                sessie.get_absolute_url(),
                sessie.title,
                kind,
                place,
                sessie.status,
                choice_label(labels, sessie, "status"),
                sessie.aangemeld,
                format_html(" / {}", sessie.capacity) if sessie.capacity else "",
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - each row is format_html output
