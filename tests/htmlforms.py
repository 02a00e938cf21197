"""What a browser sends for a form: the page parsed as a browser parses it.

`forms_in(html)` parses a page with an HTML5 parser (the one WeasyPrint uses)
and `Form.submission()` lists the (name, value) pairs a browser would send
when the form is submitted unchanged with its default button:

- every input, select and textarea with a name that is not disabled, in
  document order; checkboxes and radios only when checked; a file input
  sends nothing (no file chosen);
- a select sends its selected options, or its first option when none is
  marked (a single select always has one);
- a textarea sends its text (the parser drops the newline right after the
  tag, as a browser does) with its line breaks as CRLF;
- an input's value goes through the browser's value sanitization: a
  ``type=date`` value that is not yyyy-mm-dd, a ``type=time`` value that is
  not hh:mm[:ss[.sss]], a ``type=datetime-local`` value that is not
  yyyy-mm-ddThh:mm[...] and a ``type=number`` value that is not a valid
  floating-point number (a decimal comma, a thousands separator) are sent
  as empty, as Chromium and Firefox do; text, e-mail and url values lose
  their line breaks;
- the default button (the first submit button) adds its name and value.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import tinyhtml5

NS = "{http://www.w3.org/1999/xhtml}"

_DATE = r"\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?"
#: The value sanitization of the HTML standard, per input type.
VALID = {
    "date": re.compile(rf"{_DATE}\Z"),
    "time": re.compile(rf"{_TIME}\Z"),
    "datetime-local": re.compile(rf"{_DATE}[T ]{_TIME}\Z"),
    "month": re.compile(r"\d{4,}-(0[1-9]|1[0-2])\Z"),
    "number": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?\Z"),
}
_NO_VALUE = {"submit", "image", "reset", "button", "file"}
_LINE_BREAKS = re.compile(r"[\r\n]")
#: Input types whose value loses leading and trailing white space too.
_STRIPPED = {"email", "url"}


def _tag(element) -> str:
    return element.tag.replace(NS, "") if isinstance(element.tag, str) else ""


def _text(element) -> str:
    return "".join(element.itertext())


@dataclass
class Control:
    """A named form control with the value the browser holds for it."""

    tag: str
    type: str
    name: str
    value: str
    sent: bool
    element: object = field(repr=False)


@dataclass
class Form:
    method: str
    action: str | None
    enctype: str
    controls: list[Control]
    buttons: list[object] = field(repr=False)
    element: object = field(repr=False)

    def submission(self) -> list[tuple[str, str]]:
        pairs = [(c.name, c.value) for c in self.controls if c.sent]
        default = self.default_button()
        if default is not None and default.get("name"):
            pairs.append((default.get("name"), default.get("value", "")))
        return pairs

    def data(self) -> dict[str, list[str]]:
        """The submission as a dict of lists, for Django's test client."""
        data: dict[str, list[str]] = {}
        for name, value in self.submission():
            data.setdefault(name, []).append(value)
        return data

    def urlencoded(self) -> str:
        return urlencode(self.submission())

    def default_button(self):
        return self.buttons[0] if self.buttons else None

    def values(self, name: str) -> list[str]:
        return [c.value for c in self.controls if c.name == name and c.sent]

    def control(self, name: str) -> Control:
        return next(c for c in self.controls if c.name == name)


def sanitize(input_type: str, value: str) -> str:
    """The value a browser keeps for an input of this type."""
    if input_type in VALID:
        if input_type == "datetime-local" and VALID[input_type].match(value):
            return value.replace(" ", "T", 1)
        return value if VALID[input_type].match(value) else ""
    value = _LINE_BREAKS.sub("", value)
    if input_type in _STRIPPED:
        value = value.strip()
    return value


def _disabled(element, parents) -> bool:
    if element.get("disabled") is not None:
        return True
    return any(_tag(p) == "fieldset" and p.get("disabled") is not None for p in parents)


def _controls(form_element):
    controls, buttons = [], []
    parents = {child: parent for parent in form_element.iter() for child in parent}

    def ancestors(element):
        while element in parents:
            element = parents[element]
            yield element

    for element in form_element.iter():
        tag = _tag(element)
        if tag not in {"input", "select", "textarea", "button"}:
            continue
        if _disabled(element, list(ancestors(element))):
            continue
        kind = element.get("type") or ("submit" if tag == "button" else "text")
        kind = kind.lower()
        if tag == "button" or (tag == "input" and kind in {"submit", "image"}):
            if kind in {"submit", "image"}:
                buttons.append(element)
            continue
        name = element.get("name")
        if not name:
            continue
        if tag == "select":
            options = [o for o in element.iter(f"{NS}option")]
            chosen = [o for o in options if o.get("selected") is not None]
            multiple = element.get("multiple") is not None
            if not chosen and not multiple:
                chosen = [o for o in options if o.get("disabled") is None][:1]
            for option in chosen:
                value = option.get("value")
                if value is None:
                    value = " ".join(_text(option).split())
                controls.append(Control(tag, "select", name, value, True, element))
            if not chosen:
                controls.append(Control(tag, "select", name, "", False, element))
        elif tag == "textarea":
            text = _text(element).replace("\r\n", "\n").replace("\n", "\r\n")
            controls.append(Control(tag, "textarea", name, text, True, element))
        elif kind in {"checkbox", "radio"}:
            checked = element.get("checked") is not None
            value = element.get("value", "on")
            controls.append(Control(tag, kind, name, value, checked, element))
        elif kind in _NO_VALUE:
            controls.append(Control(tag, kind, name, "", False, element))
        else:
            value = sanitize(kind, element.get("value", ""))
            controls.append(Control(tag, kind, name, value, True, element))
    return controls, buttons


def forms_in(html: str) -> list[Form]:
    """Every form of the page, with what the browser would send for it."""
    root = tinyhtml5.parse(html)
    found = []
    for element in root.iter(f"{NS}form"):
        controls, buttons = _controls(element)
        found.append(
            Form(
                method=(element.get("method") or "get").lower(),
                action=element.get("action"),
                enctype=(
                    element.get("enctype") or "application/x-www-form-urlencoded"
                ).lower(),
                controls=controls,
                buttons=buttons,
                element=element,
            )
        )
    return found


def post_forms(html: str) -> list[Form]:
    return [f for f in forms_in(html) if f.method == "post"]


def submit(client, url: str, form: Form, *, files: dict | None = None):
    """Post the form as a browser would, with its own encoding."""
    if form.enctype.startswith("multipart/") or files:
        data = {**form.data(), **(files or {})}
        return client.post(url, data)
    return client.post(
        url, form.urlencoded(), content_type="application/x-www-form-urlencoded"
    )
