from django import template
from django.utils.html import format_html

from core.links import may_open

register = template.Library()


@register.simple_tag(takes_context=True)
def link_to(context, obj, text=None):
    """A link to obj's page if the reader may open it, else its name as text."""
    label = obj if text is None else text
    user = context["request"].user
    if may_open(user, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)
    return format_html("<span>{}</span>", label)
