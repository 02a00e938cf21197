"""The portal's widgets: NL Design System classes, long selects, dates.

Every widget a form renders carries the class of its Utrecht component
(utrecht-textbox, utrecht-select, …): FormRenderer adds it to each widget
Django renders, so a new form needs nothing of its own.

Selects for long choice lists: Django renders every option of a select
through its own template. With the areas of a gemeente as choices
(hundreds at the benchmark's ten-fold size) that template work is most of a
page's time, so these selects write their options directly, with the same
markup as Django's own widgets. Every value and label is escaped as Django's
widgets escape them.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.sizes import upload_limit, upload_limit_text

#: Input types that are the Utrecht textbox component.
TEXTBOX_TYPES = frozenset(
    {"text", "email", "password", "number", "url", "search", "tel", "date"}
    | {"datetime-local", "time", "month", "week"}
)
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
_CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
_RADIO = "utrecht-radio-button utrecht-radio-button--html-input"
_SELECT = "utrecht-select utrecht-select--html-select"
_TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
_SELECT_TEMPLATES = ("/select.html", "/select_multiple.html")


def component_class(template_name: str, input_type: str | None) -> str:
    """The Utrecht component class for a widget, or "" where there is none."""
    if template_name.endswith(_SELECT_TEMPLATES):
        return _SELECT
    if template_name.endswith("/textarea.html"):
        return _TEXTAREA
    if input_type in TEXTBOX_TYPES:
        return _TEXTBOX
    if input_type == "checkbox":
        return _CHECKBOX
    if input_type == "radio":
        return _RADIO
    return ""


def _add_class(attrs: dict, component: str) -> None:
    if not component:
        return
    classes = attrs.get("class", "").split()
    if attrs.get("aria-invalid") == "true":
        # utrecht-textbox--invalid, utrecht-select--invalid, …
        component += f" {component.split()[0]}--invalid"
    new = [c for c in component.split() if c not in classes]
    attrs["class"] = " ".join([*new, *classes])


def _with_component_class(widget: dict) -> None:
    for sub in widget.get("subwidgets", ()):
        _with_component_class(sub)
    name = widget["template_name"]
    if "optgroups" in widget and not name.endswith(_SELECT_TEMPLATES):
        # Radio buttons and checkbox lists: each option is an input of its own.
        for _group, options, _index in widget["optgroups"]:
            for option in options:
                _add_class(
                    option["attrs"],
                    component_class(option["template_name"], option.get("type")),
                )
        return
    _add_class(widget["attrs"], component_class(name, widget.get("type")))


class FormRenderer(DjangoTemplates):
    """Django's renderer, adding each widget's Utrecht component class."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and "template_name" in widget:
            _with_component_class(widget)
        return super().render(template_name, context, request=request)


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
        _add_class(attrs, _SELECT)
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


# Dates, times and numbers as a browser reads them back.
#
# A browser shows an <input type="date"> only when its value is yyyy-mm-dd;
# any other value (the Dutch 31-12-2026 that Django renders for the active
# language) is shown as empty and sent back empty, so saving an unchanged
# form would erase the date. These widgets always render the ISO form the
# input type requires; the fields parse it (ISO formats are always among
# Django's input formats).


class DateInput(forms.DateInput):
    """<input type="date">, its value as yyyy-mm-dd."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """<input type="time">, its value as hh:mm, with seconds when it has them."""

    input_type = "time"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format="%H:%M")

    def format_value(self, value):
        if hasattr(value, "second") and value.second:
            return value.strftime("%H:%M:%S")
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        return _with_seconds_step(super().get_context(name, value, attrs))


class DateTimeInput(forms.DateTimeInput):
    """<input type="datetime-local">, yyyy-mm-ddThh:mm, seconds when it has them.

    Microseconds cannot be shown (the input holds milliseconds at most); a
    form that derives from core.forms.ModelFieldsForm gives back the stored
    value for a field the person left as shown.
    """

    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    def format_value(self, value):
        if hasattr(value, "second") and value.second:
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        return _with_seconds_step(super().get_context(name, value, attrs))


def _with_seconds_step(context):
    # The input steps by a minute unless told otherwise; a value with
    # seconds would then count as invalid for the browser's own checks.
    widget = context["widget"]
    if str(widget.get("value") or "").count(":") == 2:
        widget["attrs"].setdefault("step", "1")
    return context


class DecimalInput(forms.TextInput):
    """A text input for a decimal number in Dutch notation (1.234,56).

    Not <input type="number">: that input refuses a decimal comma in most
    browsers and sends an empty value for it.
    """

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})


class Textarea(forms.Textarea):
    """A textarea whose text comes back with the line breaks it was shown with.

    A browser sends every line break of a textarea as CRLF; stored text has
    LF. Read back as sent, an unchanged text would differ from the stored one
    (a new revision, a changed record); this widget turns CRLF into LF.
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value


class UploadInput(forms.FileInput):
    """A file input that carries the upload limit for a check before sending.

    static/js/upload-limit.js reads data-max-bytes and, when a chosen file is
    larger, says so next to the field (data-too-large) before anything is
    sent. Without JavaScript the server answers with the form and an error.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-max-bytes": str(upload_limit()),
                "data-too-large": gettext(
                    "This file is larger than %(limit)s. Choose a smaller file."
                )
                % {"limit": upload_limit_text()},
            }
        )
        return context
