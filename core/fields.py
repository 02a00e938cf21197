"""Form fields shared by the apps."""

import re
from decimal import Decimal, DecimalException
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.sizes import format_size, upload_limit
from core.widgets import DateTimeInput, DecimalInput, UploadInput

#: The range of the databases' bigint primary keys.
_PK_RANGE = range(-(2**63), 2**63)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids no database column can hold.

    A number beyond 64 bits in a multiple choice reaches the database in an
    `IN` list, where SQLite raises OverflowError and PostgreSQL an operator
    error: a 500 instead of a form error. Such a value is simply not a valid
    choice.
    """

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        field = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(field, models.IntegerField | models.AutoField):
            for pk in value:
                try:
                    number = int(str(pk).strip())
                except ValueError:
                    number = None
                if number is None or number not in _PK_RANGE:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


# Numbers as people in the Netherlands type them.

_BLANKS = re.compile(r"[\s\u00a0\u202f]")
_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")


class AmbiguousNumber(ValueError):
    """1.234: a thousand and some in Dutch, one and a bit in English."""


def parse_dutch_decimal(text: str, *, max_decimals: int | None = None) -> str:
    """A number typed the Dutch way, as a plain string Decimal() reads.

    Accepted: a decimal comma (7,5), points between groups of thousands
    (1.234,56 and 1.234.567), a decimal point where it cannot be a thousands
    separator (1234.56, 0.125), spaces and a leading euro sign. Refused with
    ValueError: anything else; with AmbiguousNumber: one point followed by
    exactly three digits (1.234), which a Dutch and an English reader read
    differently — unless the number may have fewer than three decimals (an
    amount in euros), where 12.000 can only mean twelve thousand.
    """
    value = _BLANKS.sub("", text).removeprefix("€")
    sign = ""
    if value[:1] in {"-", "+"}:
        sign, value = value[0].replace("+", ""), value[1:]
    if "," in value:
        whole, _comma, fraction = value.partition(",")
        if "," in fraction or "." in fraction:
            raise ValueError(text)
        if "." in whole:
            if not _GROUPED.fullmatch(whole):
                raise ValueError(text)
            whole = whole.replace(".", "")
    elif value.count(".") > 1:
        if not _GROUPED.fullmatch(value):
            raise ValueError(text)
        whole, fraction = value.replace(".", ""), ""
    else:
        whole, _point, fraction = value.partition(".")
        if (
            _point
            and len(fraction) == 3
            and _GROUPED.fullmatch(value)
            and whole.lstrip("0")
        ):
            if max_decimals is None or max_decimals >= 3:
                raise AmbiguousNumber(text)
            whole, fraction = value.replace(".", ""), ""
    if whole and not _DIGITS.fullmatch(whole):
        raise ValueError(text)
    if fraction and not _DIGITS.fullmatch(fraction):
        raise ValueError(text)
    if not whole and not fraction:
        raise ValueError(text)
    # 7,50 is 7,5: trailing zeros would count against the decimal places.
    fraction = fraction.rstrip("0")
    return f"{sign}{whole or '0'}" + (f".{fraction}" if fraction else "")


def format_dutch_decimal(value: Decimal, decimal_places: int | None = None) -> str:
    """A Decimal as parse_dutch_decimal() reads it back: 1234,56, 7,5, 12.

    No thousands separator; no trailing zeros, except that an amount with
    two decimal places shows both when it has cents (1234,50).
    """
    value = Decimal(value)
    if value == value.to_integral_value():
        text = f"{value.quantize(Decimal(1)):f}"
    else:
        exact = value.normalize()
        if decimal_places == 2 and exact.as_tuple().exponent == -1:
            exact = value.quantize(Decimal("0.01"))
        text = f"{exact:f}"
    return text.replace(".", ",")


class DutchDecimalField(forms.DecimalField):
    """A decimal number typed as people in the Netherlands type it.

    For money and measurements: 1.234,56 and 7,5 are read as Dutch, 1234.56
    where a point cannot be a thousands separator. The value is shown as
    1234,56 in a text input (an <input type="number"> drops a comma), and
    what is shown is read back as the same Decimal.
    """

    widget = DecimalInput
    default_error_messages = {
        "invalid": _("Enter a number, for example 1.234,56 or 7,5."),
        "ambiguous": _(
            "Does %(value)s mean more than a thousand? Write it without the point "
            "(1234) or with a decimal comma (1,234)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs["localize"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        text = str(value).strip()
        try:
            plain = parse_dutch_decimal(text, max_decimals=self.decimal_places)
        except AmbiguousNumber:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"value": text},
            ) from None
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        try:
            return Decimal(plain)
        except DecimalException:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_dutch_decimal(Decimal(str(value)), self.decimal_places)
        return value


#: A ModelAdmin's formfield_overrides: money and measurements typed the Dutch
#: way in the admin too.
ADMIN_DECIMALS = {models.DecimalField: {"form_class": DutchDecimalField}}


# Times in Europe/Amsterdam.

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input, read as a time in Europe/Amsterdam."""

    widget = DateTimeInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "input_formats",
            ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Enter a date and time, for example 2027-03-28 19:30.")},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        with timezone.override(AMSTERDAM):
            return super().to_python(value)

    def prepare_value(self, value):
        if hasattr(value, "astimezone"):
            value = value.astimezone(AMSTERDAM)
        return super().prepare_value(value)


class UploadField(forms.FileField):
    """A file no larger than settings.UPLOAD_MAX_BYTES.

    A file above the limit is a form error: the form comes back with
    everything typed in it. Its widget carries the limit for the check in
    the browser before sending (static/js/upload-limit.js).
    """

    default_error_messages = {
        "too_large": _("The file is %(size)s; the limit is %(limit)s."),
    }

    widget = UploadInput

    def validate(self, value):
        super().validate(value)
        size = getattr(value, "size", None)
        if size is not None and size > upload_limit():
            raise ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={
                    "size": format_size(size),
                    "limit": format_size(upload_limit()),
                },
            )
