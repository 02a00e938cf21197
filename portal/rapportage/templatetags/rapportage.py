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


@register.filter
def datum(value) -> str:
    """1 maart 2027, with day and month on one line; ISO text (as frozen in a
    visie version) reads as well. Empty for no or an unreadable date."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return ""
    if not isinstance(value, date):
        return ""
    return date_format(value, "j F Y").replace(" ", "\N{NO-BREAK SPACE}", 1)
