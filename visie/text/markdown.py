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

# Raw HTML in the source is shown as text, not interpreted; nh3 then removes
# anything the renderer itself might produce outside the allowed set.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(source: str) -> str:
    """Safe HTML for a Markdown text: headings, lists, links, tables, emphasis."""
    html = _md.render(source or "")
    html = html.replace("<th>", '<th scope="col">')
    html = re.sub(r"<h[1-2]>", "<h3>", html)
    html = re.sub(r"</h[1-2]>", "</h3>", html)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
