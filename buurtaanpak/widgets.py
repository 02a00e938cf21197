"""Selects for long choice lists.

Django renders every option of a select through its own template. With the
areas of a gemeente as choices (hundreds at the benchmark's ten-fold size)
that template work is most of a page's time, so these selects write their
options directly, with the same markup as Django's own widgets. Every value
and label goes through format_html, which escapes it.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _options(options) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (o["value"], " selected" if o["selected"] else "", o["label"])
            for o in options
        ),
    )


def option_tags(choices, selected="") -> SafeString:
    """<option> elements for (value, label) pairs, the selected one marked."""
    return _options(
        {"value": value, "label": label, "selected": str(value) == selected}
        for value, label in choices
    )


class _DirectRender:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(
                    format_html(
                        '<optgroup label="{}">{}</optgroup>',
                        group_name,
                        _options(options),
                    )
                )
            else:
                parts.append(_options(options))
        return format_html(
            "<select{}>{}</select>",
            flatatt({"name": widget["name"], **widget["attrs"]}),
            mark_safe("".join(parts)),  # noqa: S308 - each part is format_html output
        )


class LongSelect(_DirectRender, forms.Select):
    pass
