from django import template

register = template.Library()


@register.simple_tag
def widget(field):
    """Render a widget with its help text and error linked for assistive tech."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs = {}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


#: Django's message levels as the types of the Utrecht alert component.
ALERT_TYPES = {"success": "ok", "error": "error", "warning": "warning"}


@register.filter
def alert_type(tags: str) -> str:
    """utrecht-alert--{type} for a message's tags: info, ok, warning, error."""
    for tag in (tags or "").split():
        if tag in ALERT_TYPES:
            return ALERT_TYPES[tag]
    return "info"
