from django import template
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
