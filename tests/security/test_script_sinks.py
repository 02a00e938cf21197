"""No data reaches the page as HTML through the portal's own scripts.

Every file in static/js (the portal's scripts; Leaflet comes from its package
and is not scanned) is read for the places where a string becomes markup:

- DOM sinks (innerHTML, outerHTML, insertAdjacentHTML, document.write, ...)
  are not used at all: scripts set textContent or build elements;
- Leaflet's bindTooltip, bindPopup, setContent and addAttribution (and the
  attribution option) take a string as HTML, so their argument must be
  textElement(...) or escapeHtml(...);
- no string or template literal holds a tag, so no script builds markup.

A new script, or a new sink in an old one, is checked without a new test.
"""

import re
from pathlib import Path

import pytest

from buurtaanpak.messages import BASE

SCRIPTS = sorted((BASE / "static" / "js").glob("*.js"))

FORBIDDEN = re.compile(
    r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|"
    r"createContextualFragment|DOMParser|\beval\s*\(|new\s+Function\b|"
    r"\.html\s*\(|srcdoc"
)
LEAFLET_SINK = re.compile(
    r"\.(bindTooltip|bindPopup|setContent|addAttribution|setTooltipContent|"
    r"setPopupContent)\s*\(\s*(?P<arg>[^,)]*)"
)
ATTRIBUTION_OPTION = re.compile(r"\b(attribution|html)\s*:\s*(?P<arg>[^,}\n]*)")
SAFE_ARGUMENT = re.compile(r"^(textElement|escapeHtml)\s*\(")
MARKUP_LITERAL = re.compile(r"""(["'`])[^"'`\n]*<\s*/?\s*[a-zA-Z][^"'`\n]*\1""")


def _code(path: Path) -> str:
    """The script without its comments (they may name a sink to warn of it)."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.DOTALL)
    return re.sub(r"(?m)^\s*//.*$", "", text)


def test_the_scripts_are_found():
    names = {p.name for p in SCRIPTS}
    assert {"scans-map.js", "visie-quote.js", "rapportage-status.js"} <= names


def sinks(code: str) -> list[str]:
    found = [m.group(0) for m in FORBIDDEN.finditer(code)]
    for pattern in (LEAFLET_SINK, ATTRIBUTION_OPTION):
        for m in pattern.finditer(code):
            if not SAFE_ARGUMENT.match(m.group("arg").strip()):
                found.append(m.group(0))
    found += [m.group(0) for m in MARKUP_LITERAL.finditer(code)]
    return found


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_no_script_hands_data_to_an_html_sink(path):
    assert not sinks(_code(path)), f"{path.name}: {sinks(_code(path))}"


@pytest.mark.parametrize(
    "line",
    [
        "l.bindTooltip(label(f.properties), { sticky: true });",
        "l.bindTooltip(f.properties.name + ': ' + f.properties.text);",
        "layer.bindPopup(p.name);",
        "map.attributionControl.addAttribution(el.dataset.attribution);",
        "L.tileLayer(url, { attribution: el.dataset.attribution });",
        "note.innerHTML = message;",
        "el.insertAdjacentHTML('beforeend', row);",
        "var html = '<b>' + name + '</b>';",
        "var row = `<td>${name}</td>`;",
    ],
)
def test_the_check_finds_each_kind_of_sink(line):
    assert sinks(line)


@pytest.mark.parametrize(
    "line",
    [
        "l.bindTooltip(textElement(label(f.properties)), { sticky: true });",
        "map.attributionControl.addAttribution(escapeHtml(el.dataset.attribution));",
        "note.textContent = el.dataset.loadError;",
        "if (a < b) { return; }",
    ],
)
def test_the_check_lets_text_through(line):
    assert not sinks(line)


def test_the_map_script_was_the_finding():
    """Before the fix: bindTooltip(label(...)) put a cluster's name in as HTML."""
    old = "l.bindTooltip(label(f.properties), { sticky: true });"
    assert sinks(old)
    assert old not in (BASE / "static" / "js" / "scans-map.js").read_text()
