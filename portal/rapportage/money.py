"""Euro amounts as Dutch readers write them: € 12.345,67 and 1.234,56."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# 1234 · 1234,5 · 1.234 · 1.234,56 · 1234.56 (a point with one or two decimals
# cannot be a thousands separator, so it reads as the decimal point).
_DUTCH = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$", re.ASCII)
_POINT = re.compile(r"^-?\d+\.\d{1,2}$", re.ASCII)


def euro(amount) -> str:
    """€ 12.345,67: Dutch grouping, always two decimals."""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}€ {'.'.join(groups)},{cents}"


def parse_dutch_amount(text: str) -> Decimal | None:
    """The Decimal a person meant by `1.234,56` (or `€ 1234,56`); None if unclear."""
    cleaned = (
        str(text).replace("€", "").replace("\N{NO-BREAK SPACE}", "").replace(" ", "")
    )
    if _POINT.match(cleaned):
        number = cleaned
    elif _DUTCH.match(cleaned):
        number = cleaned.replace(".", "").replace(",", ".")
    else:
        return None
    try:
        return Decimal(number)
    except InvalidOperation:
        return None
