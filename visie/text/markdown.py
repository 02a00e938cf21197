"""Markdown for section texts, rendered to a safe subset of HTML."""

import re

import nh3
from markdown_it import MarkdownIt

_ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
    "ul", "ol", "li", "a", "strong", "em", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto"}
#: Tables in a text are the NL Design System's table component, as elsewhere.
_TABLE_CLASSES = {
    "table": "utrecht-table utrecht-table--html-table",
    "thead": "utrecht-table__header",
    "tbody": "utrecht-table__body",
    "tr": "utrecht-table__row",
    "th": "utrecht-table__header-cell",
    "td": "utrecht-table__cell",
}
_TABLE_TAG = re.compile(r"<(table|thead|tbody|tr|th|td)(?=[ >])")

# Raw HTML in the source is shown as text, not interpreted; nh3 then removes
# anything the renderer itself might produce outside the allowed set.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(source: str) -> str:
    """Safe HTML for a Markdown text: headings, lists, links, tables, emphasis."""
    html = _md.render(source or "")
    html = re.sub(r"<th(?=[ >])", '<th scope="col"', html)
    html = re.sub(r"<h[1-2]>", "<h3>", html)
    html = re.sub(r"</h[1-2]>", "</h3>", html)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    # The cleaned tags carry no class; each gets its component's, a constant.
    return _TABLE_TAG.sub(
        lambda m: f'<{m.group(1)} class="{_TABLE_CLASSES[m.group(1)]}"', clean
    )
