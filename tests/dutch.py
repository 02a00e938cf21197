"""What a page shows, and whether it writes dates, numbers and "u" the Dutch way.

The rules (docs/architecture.md, "Dutch UI"): dates as "15 december 2026" or
"15-12-2026", never "15 Dec 2026", "15 mrt 2026" or "2026-12-15"; numbers with a
decimal comma ("80,5") and a thousands dot ("12.500"); readers are addressed
with "u", never "je", "jij" or "jouw".
"""

import re
from html.parser import HTMLParser

#: Elements whose content a reader does not see as text of the page; a
#: textarea holds what someone typed, not what the portal formats.
_HIDDEN = {"script", "style", "template", "textarea", "noscript"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag not in _VOID:
            # Block and inline elements alike end a word: "<td>1</td><td>2</td>"
            # must not read as "12".
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        else:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees: no tags, scripts, styles or attribute values."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parts for parts in parser.parts)).strip()


_MONTHS_EN = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
#: Capitalised, as English writes them; Django writes Dutch months in lower case.
_MONTHS_EN_LONG = (
    "January|February|March|April|May|June|July|August|September|October|"
    "November|December"
)
#: Dutch abbreviations; "mei" is also the full name, so it is not among them.
_MONTHS_NL_SHORT = "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"

_WRONG_DATES = [
    ("English month", re.compile(rf"\b({_MONTHS_EN_LONG})\b")),
    (
        "abbreviated month",
        re.compile(
            rf"\b\d{{1,2}}\s+({_MONTHS_EN}|{_MONTHS_NL_SHORT})\.?(?=\s|$|[,;)])",
            re.IGNORECASE,
        ),
    ),
    (
        "abbreviated month",
        re.compile(
            rf"(?<![\w-])({_MONTHS_EN}|{_MONTHS_NL_SHORT})\.?\s+\d{{4}}\b",
            re.IGNORECASE,
        ),
    ),
    ("ISO date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
]
#: Dotted numbers that are not decimals: IP addresses and version numbers
#: (three or more parts), and a thousands dot ("12.500", "1.250.000").
_NOT_DECIMALS = re.compile(r"\b\d+(?:\.\d+){2,}\b|\b\d{1,3}(?:\.\d{3})+\b(?!,\d)")
#: A number with a decimal point: "80.0", "3.14", "0.5".
_DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.\d+\b(?![.,]\d)")
#: A number of five or more digits without a thousands dot ("12500"), outside
#: codes (CBS codes, postcodes, phone numbers) that carry letters or dashes.
_UNGROUPED = re.compile(r"(?<![\w.,:/+-])\d{5,}(?:,\d+)?(?![\w.,:/-])")

#: Informal address: the reader is always "u".
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)


def format_problems(text: str) -> list[str]:
    """Each date or number in `text` that is not written the Dutch way."""
    found = []
    for what, pattern in _WRONG_DATES:
        found += [f"{what}: {m.group(0)!r}" for m in pattern.finditer(text)]
    rest = _NOT_DECIMALS.sub(" ", text)
    found += [f"decimal point: {m.group(0)!r}" for m in _DECIMAL_POINT.finditer(rest)]
    found += [f"no thousands dot: {m.group(0)!r}" for m in _UNGROUPED.finditer(rest)]
    return found


def informal_words(text: str) -> list[str]:
    return [m.group(0) for m in INFORMAL.finditer(text)]


def in_context(text: str, needle: str, width: int = 40) -> str:
    """`needle` with some of the text around it, for a readable failure."""
    at = text.find(needle)
    if at < 0:
        return needle
    return text[max(0, at - width) : at + len(needle) + width]
