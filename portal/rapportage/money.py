"""Euro amounts as Dutch readers read them: € 12.345,67."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


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
