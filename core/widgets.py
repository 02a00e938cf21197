"""Selects for long choice lists.

Django renders every option of a select through its own template. With the
areas of a gemeente as choices (hundreds at the benchmark's ten-fold size)
that template work is most of a page's time, so these selects write their
options directly, with the same markup as Django's own widgets. Every value
and label is escaped as Django's widgets escape them.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _options(choices, selected: set[str]) -> SafeString:
    rows = []
    for value, label in choices:
        value = "" if value is None else str(value)
        mark = " selected" if value in selected else ""
        rows.append(f'<option value="{escape(value)}"{mark}>{escape(label)}</option>')
    return mark_safe("".join(rows))  # noqa: S308 - every value and label is escaped


def option_tags(choices, selected="") -> SafeString:
    """<option> elements for (value, label) pairs, the selected one marked."""
    return _options(choices, {str(selected)})


class _DirectRender:
    """Renders the select from its choices, without an option dict per choice."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        selected = set(self.format_value(value))
        parts, plain = [], []
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                parts.append(_options(plain, selected))
                plain = []
                parts.append(
                    format_html(
                        '<optgroup label="{}">{}</optgroup>',
                        option_value,
                        _options(option_label, selected),
                    )
                )
            else:
                plain.append((option_value, option_label))
        parts.append(_options(plain, selected))
        return format_html(
            "<select{}>{}</select>",
            flatatt({"name": name, **attrs}),
            mark_safe("".join(parts)),  # noqa: S308 - each part is format_html output
        )


class LongSelect(_DirectRender, forms.Select):
    pass
