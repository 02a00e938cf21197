"""Values of table rows that are written in Python instead of a template loop.

Long tables (signalen, acties, sessions, reports) build their rows with one
`format_html` per row (ADR 0015). Each function here gives what the template
expression in its docstring gave, so the markup stays the loop's byte for
byte; the tests of each table compare the two.
"""

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.timezone import template_localtime


def choice_label(labels: dict, obj, field: str) -> str:
    """`obj.get_FIELD_display()`, looked up once per value in one table."""
    value = getattr(obj, field)
    try:
        return labels[field, value]
    except KeyError:
        label = labels[field, value] = getattr(obj, f"get_{field}_display")()
        return label


def short_date(value) -> str:
    """`value|date:"d-m-Y"` for a date, or for a datetime in local time."""
    if not value:
        return ""
    value = template_localtime(value)
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


class LongDates:
    """`value|date:"l j F Y, H:i"` for datetimes already in local time.

    The names of days and months are translated once per table, in the
    language active when the table is written.
    """

    def __init__(self):
        self._days: dict[int, str] = {}
        self._months: dict[int, str] = {}

    def __call__(self, value) -> str:
        weekday, month = value.weekday(), value.month
        try:
            day_name = self._days[weekday]
        except KeyError:
            day_name = self._days[weekday] = str(WEEKDAYS[weekday])
        try:
            month_name = self._months[month]
        except KeyError:
            month_name = self._months[month] = str(MONTHS[month])
        return (
            f"{day_name} {value.day} {month_name} {value.year:04d},"
            f" {value.hour:02d}:{value.minute:02d}"
        )
