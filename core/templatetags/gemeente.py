"""The gemeente the portal serves, for templates: {% gemeente_naam as naam %}.

A setting (GEMEENTE_NAAM), so it costs no query on any page, and it works in
mail and PDF templates that render without a request.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def gemeente_naam() -> str:
    return settings.GEMEENTE_NAAM
