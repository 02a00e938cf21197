from datetime import date
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe

from visie.text import render_markdown

register = template.Library()


@register.filter
def markdown(value: str) -> str:
    """Render section Markdown; the output is sanitised by nh3, so it is safe."""
    return mark_safe(render_markdown(value))  # noqa: S308 - sanitised above


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def euro(value) -> str:
    """€ 15.000,00 — Dutch grouping and decimals, from a Decimal or its string."""
    if value in (None, ""):
        return "—"
    amount = Decimal(str(value))
    return "€\u00a0" + number_format(amount, 2, use_l10n=True, force_grouping=True)


@register.filter
def decimal_nl(value, places: int = 1) -> str:
    if value in (None, ""):
        return "—"
    return number_format(Decimal(str(value)), int(places), use_l10n=True)


@register.filter
def iso_date(value):
    """A date stored as ISO text (in a frozen version) back to a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@register.filter
def afspraak_status(frozen):
    """The Dutch label of a status frozen in a released version."""
    from visie.models import Afspraak

    return Afspraak.Status.from_frozen(frozen)
