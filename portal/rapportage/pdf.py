"""HTML to PDF/UA with WeasyPrint, fetching nothing but the portal's static files."""

import mimetypes
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

#: The origin templates resolve relative URLs against; it exists only here.
BASE_URL = "https://rapport.invalid/"
PDF_VARIANT = "pdf/ua-1"


class RefusedURL(ValueError):
    """A report tried to load something other than a static file or data: URI."""


@dataclass(frozen=True)
class Pdf:
    content: bytes
    page_count: int


def static_path(url: str) -> Path:
    """The file behind a static URL of the portal, or RefusedURL."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    prefix = settings.STATIC_URL
    if (
        parts.scheme != base.scheme
        or parts.netloc != base.netloc
        or not parts.path.startswith(prefix)
    ):
        raise RefusedURL(f"Refused to fetch {url!r}: not a static file.")
    relative = unquote(parts.path[len(prefix) :])
    if not relative or ".." in Path(relative).parts or relative.startswith("/"):
        raise RefusedURL(f"Refused to fetch {url!r}: path outside the static files.")
    found = finders.find(relative)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / relative).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    raise RefusedURL(f"Refused to fetch {url!r}: no such static file.")


def url_fetcher():
    """A WeasyPrint fetcher for data: URIs and the portal's static files only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"data", "https"}, timeout=1)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_path(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": mime}
            )

    return StaticOnlyFetcher()


def html_to_pdf(html: str) -> Pdf:
    """Render finished HTML; WeasyPrint is imported here, never at module level."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).render(
        pdf_variant=PDF_VARIANT
    )
    content = document.write_pdf(pdf_variant=PDF_VARIANT)
    return Pdf(content=content, page_count=len(document.pages))


class _TextOnly(HTMLParser):
    """The words a reader sees: no markup, styles, scripts or document head."""

    _HIDDEN = {"head", "style", "script", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in self._HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """A report's text as it appears in its PDF, one space between words."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


#: A content hash printed in a report (a visie version's SHA-256): digits and
#: letters that are no number about anyone.
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")


def without_digests(text: str) -> str:
    """The text with content hashes blanked, for the last personal-data check."""
    return _HEX_DIGEST.sub(" ", text)
