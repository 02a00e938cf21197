from datetime import date

from django import template
from django.utils.formats import date_format

from portal.rapportage import money

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
