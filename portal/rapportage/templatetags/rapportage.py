from datetime import date

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.rows import choice_label, short_date
from portal.rapportage import kinds, money

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def euro(amount) -> str:
    """€ 12.345,67: Dutch grouping, always two decimals, from a Decimal."""
    if amount is None:
        return ""
    return money.euro(amount)


def _as_date(value) -> date | None:
    """A date, or ISO text (as frozen in a visie version) read as one."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, date) else None


@register.filter
def datum(value) -> str:
    """1 maart 2027, with day and month on one line, for running text. Empty
    for no or an unreadable date."""
    value = _as_date(value)
    if value is None:
        return ""
    return date_format(value, "j F Y").replace(" ", "\N{NO-BREAK SPACE}", 1)


@register.filter
def datum_kort(value) -> str:
    """01-03-2027, for tables. Empty for no or an unreadable date."""
    value = _as_date(value)
    return "" if value is None else date_format(value, "d-m-Y")


# The rows of the reading room's table (templates/rapportage/rapport_list.html),
# written directly instead of by a template loop of some twenty nodes a row.
# The markup is the loop's as it was, byte for byte
# (tests/rapportage/test_tags.py).

_ROW = (
    '\n  <tr class="utrecht-table__row">\n'
    '    <td class="utrecht-table__cell"><a href="{}">{}</a>{}</td>\n'
    '    <td class="utrecht-table__cell">{}</td>\n'
    '    <td class="utrecht-table__cell">{}</td>\n'
    '    <td class="utrecht-table__cell">{}</td>\n'
    '    <td class="utrecht-table__cell">{}</td>\n'
    '    <td class="utrecht-table__cell">{}</td>\n'
    "  </tr>\n  "
)


@register.simple_tag
def rapport_rows(rapporten) -> SafeString:
    rows, labels, kind_labels = [], {}, {}
    published = corrected = None
    for rapport in rapporten:
        correction = getattr(rapport, "superseded_by", None)
        if correction is not None and correction.published_at:
            if corrected is None:
                corrected = format_html(
                    ' <span class="tag">{}</span>', gettext("corrected")
                )
            mark = corrected
        else:
            mark = ""
        if rapport.published_at:
            if published is None:
                published = gettext("published")
            status = published
        else:
            status = choice_label(labels, rapport, "status")
        try:
            kind = kind_labels[rapport.kind]
        except KeyError:
            kind = kind_labels[rapport.kind] = kinds.label(rapport.kind)
        gebied = rapport.gebied
        rows.append(
            format_html(
                _ROW,
                rapport.get_absolute_url(),
                rapport.title,
                mark,
                kind,
                (gebied.name if gebied is not None else "") or "\N{EN DASH}",
                choice_label(labels, rapport, "audience"),
                short_date(rapport.published_at or rapport.requested_at),
                status,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - each row is format_html output
