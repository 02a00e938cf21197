"""Whether a page is built from the NL Design System components, and its weight.

The rules (docs/adr/0013-nl-design-system.md): every page links the vendored
Utrecht CSS; every button carries utrecht-button, every table utrecht-table,
every form control the class of its component; and a page's HTML with its
stylesheets and scripts stays under 150 KB as sent (gzip). The admin under
/beheer/ keeps Django's own look and is not checked.
"""

import gzip
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

#: What every page must link (stylesheet paths under STATIC_URL, unhashed).
STYLESHEETS = ("vendor/utrecht/design-tokens.css", "vendor/utrecht/components.css")
#: The most a page may transfer: HTML, stylesheets and scripts, compressed.
MAX_PAGE_BYTES = 150 * 1024
TEXTBOX_TYPES = {
    "text",
    "email",
    "password",
    "number",
    "url",
    "search",
    "tel",
    "date",
    "datetime-local",
    "time",
    "month",
    "week",
}
BUTTON_TYPES = {"submit", "button", "reset", "image"}


def _component(tag: str, attrs: dict[str, str]) -> str | None:
    """The class an element must carry, or None when it needs none."""
    if tag == "button":
        return "utrecht-button"
    if tag == "table":
        return "utrecht-table"
    if tag == "select":
        return "utrecht-select"
    if tag == "textarea":
        return "utrecht-textarea"
    if tag == "input":
        kind = (attrs.get("type") or "text").lower()
        if kind in BUTTON_TYPES:
            return "utrecht-button"
        if kind in TEXTBOX_TYPES:
            return "utrecht-textbox"
        if kind == "checkbox":
            return "utrecht-checkbox"
        if kind == "radio":
            return "utrecht-radio-button"
    return None


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attr_list):
        attrs = {name: value or "" for name, value in attr_list}
        if tag == "link" and "stylesheet" in attrs.get("rel", "").split():
            self.stylesheets.append(attrs.get("href", ""))
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        needed = _component(tag, attrs)
        if needed and needed not in attrs.get("class", "").split():
            shown = " ".join(f'{k}="{v}"' for k, v in attrs.items() if k != "value")
            self.problems.append(f"<{tag} {shown}> without {needed}")

    handle_startendtag = handle_starttag


def _unhashed(url: str) -> str:
    """static/css/portal.1a2b3c.css -> css/portal.css (or the name as it is)."""
    path = url.split("?")[0].removeprefix(settings.STATIC_URL)
    stem, dot, ext = path.rpartition(".")
    base, hashdot, digest = stem.rpartition(".")
    if hashdot and len(digest) == 12 and digest.isalnum():
        return f"{base}.{ext}"
    return path


@cache
def _compressed_size(url: str) -> int:
    name = _unhashed(url)
    found = finders.find(name)
    path = Path(found) if found else Path(settings.STATIC_ROOT) / name
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def component_problems(html: str) -> list[str]:
    """Elements without their component's class, and missing stylesheets."""
    page = _Page()
    page.feed(html)
    linked = {_unhashed(href) for href in page.stylesheets}
    missing = [f"no link to {css}" for css in STYLESHEETS if css not in linked]
    return missing + page.problems


def page_weight(html: str) -> int:
    """Bytes sent for the page, its stylesheets and its scripts, gzipped."""
    page = _Page()
    page.feed(html)
    size = len(gzip.compress(html.encode(), compresslevel=9))
    for url in dict.fromkeys(page.stylesheets + page.scripts):
        if url.startswith(settings.STATIC_URL):
            size += _compressed_size(url)
    return size
