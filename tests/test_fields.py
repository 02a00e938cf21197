"""The shared form fields: record ids that fit a column, Dutch numbers, ISO times.

A multiple choice of records refuses ids no database column can hold; a
decimal is typed and shown as people in the Netherlands write it, and what is
shown reads back as the same value; dates and times are shown as the browser's
inputs require.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.fields import DutchDecimalField, LocalDateTimeField, ModelMultipleChoiceField
from core.forms import ModelFieldsForm
from core.widgets import DateInput, Textarea, TimeInput
from partners.models import Invitation, Organisation

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    organisaties = ModelMultipleChoiceField(queryset=Organisation.objects.all())


@pytest.mark.parametrize("value", [str(2**63), str(-(2**64)), "9" * 40, "1e3", "x"])
def test_an_id_beyond_64_bits_or_no_number_is_a_form_error(personas, value):
    form = _Form({"organisaties": [str(personas.politie.pk), value]})
    assert not form.is_valid()
    assert "geen geldige waarde" in form.errors["organisaties"][0]


def test_real_ids_are_chosen(personas):
    form = _Form({"organisaties": [str(personas.politie.pk)]})
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["organisaties"]) == [personas.politie]


class _Amounts(forms.Form):
    budget = DutchDecimalField(max_digits=12, decimal_places=2, required=False)
    waarde = DutchDecimalField(max_digits=12, decimal_places=3, required=False)


def _clean(value: str, field: str = "budget"):
    with translation.override("nl"):
        form = _Amounts({field: value})
        form.is_valid()
        return form.cleaned_data.get(field), form.errors.get(field)


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("7,5", "7.5"),
        ("1234.56", "1234.56"),
        ("0.125", "0.125"),
        ("1.234.567", "1234567"),
        ("1.234.567,89", "1234567.89"),
        ("€ 1.234,56", "1234.56"),
        (" 12 345,60 ", "12345.60"),
        ("-3,5", "-3.5"),
        (",5", "0.5"),
        ("100", "100"),
    ],
)
def test_dutch_amounts_are_read_as_people_type_them(typed, amount):
    value, errors = _clean(typed, "waarde")
    assert errors is None
    assert value == Decimal(amount)


@pytest.mark.parametrize("typed", ["1,234.56", "12,3,4", "1.23,4", "abc", "1e5", "€"])
def test_what_is_no_number_gets_a_dutch_example(typed):
    value, errors = _clean(typed)
    assert errors == ["Voer een getal in, bijvoorbeeld 1.234,56 of 7,5."]


def test_a_point_before_three_digits_in_an_amount_groups_thousands():
    # An amount has two decimals at most: 12.000 can only mean twelve thousand.
    assert _clean("12.000") == (Decimal("12000"), None)


def test_a_point_before_three_digits_is_asked_about_not_guessed():
    value, errors = _clean("1.234", "waarde")
    assert value is None
    assert errors == [
        "Bedoelt u met 1.234 meer dan duizend? Schrijf het dan zonder punt "
        "(1234), of anders met een decimale komma (1,234)."
    ]


def test_trailing_zeros_do_not_count_against_the_decimal_places():
    hours = DutchDecimalField(max_digits=8, decimal_places=1)
    assert hours.clean("7,50") == Decimal("7.5")
    whole = DutchDecimalField(max_digits=8, decimal_places=0)
    assert whole.clean("1.234.567") == Decimal("1234567")
    assert whole.clean("12,00") == Decimal("12")


def test_the_field_keeps_its_limits_on_digits_and_places():
    assert _clean("12345678901,5")[1]  # 12 digits, at most 10 before the comma
    assert _clean("1234567890,12")[1] is None
    assert _clean("1,234")[1]  # two decimal places for an amount
    assert _clean("1,234", "waarde")[0] == Decimal("1.234")


def test_an_amount_is_shown_with_a_comma_in_a_text_input():
    form = _Amounts(initial={"budget": Decimal("1234.50"), "waarde": Decimal("7.500")})
    budget, waarde = str(form["budget"]), str(form["waarde"])
    assert 'value="1234,50"' in budget
    assert 'type="text"' in budget
    assert 'inputmode="decimal"' in budget
    assert 'value="7,5"' in waarde


amounts = st.decimals(
    min_value=Decimal("-9999999999.99"),
    max_value=Decimal("9999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(amounts)
def test_what_is_shown_reads_back_as_the_same_amount(amount):
    field = DutchDecimalField(max_digits=12, decimal_places=2)
    shown = field.prepare_value(amount)
    assert field.clean(shown) == amount


@given(amounts)
def test_an_amount_written_with_thousands_points_reads_back_the_same(amount):
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    typed = f"{'-' if amount < 0 else ''}{grouped},{cents}"
    field = DutchDecimalField(max_digits=12, decimal_places=2)
    assert field.clean(typed) == amount


# Dates and times: the value an <input type=date|time|datetime-local> can show.


class _When(forms.Form):
    dag = forms.DateField(widget=DateInput)
    tijd = forms.TimeField(widget=TimeInput)
    moment = LocalDateTimeField()
    tekst = forms.CharField(widget=Textarea)


def test_dates_and_times_are_rendered_in_iso_whatever_the_language():
    initial = {
        "dag": date(2026, 12, 31),
        "tijd": time(19, 30),
        "moment": datetime(2027, 3, 28, 17, 30, tzinfo=UTC),
    }
    with translation.override("nl"):
        form = _When(initial=initial)
        assert 'type="date"' in str(form["dag"])
        assert 'value="2026-12-31"' in str(form["dag"])
        assert 'value="19:30"' in str(form["tijd"])
        # 17:30 UTC is 19:30 in Amsterdam in summer time.
        assert 'value="2027-03-28T19:30"' in str(form["moment"])
        assert "step" not in str(form["moment"])


def test_a_time_with_seconds_is_shown_with_its_seconds():
    initial = {
        "tijd": time(19, 30, 15),
        "moment": datetime(2027, 3, 28, 17, 30, 15, tzinfo=UTC),
    }
    form = _When(initial=initial)
    assert 'value="19:30:15"' in str(form["tijd"])
    assert 'step="1"' in str(form["tijd"])
    assert 'value="2027-03-28T19:30:15"' in str(form["moment"])


def test_what_the_inputs_send_is_read_back():
    with translation.override("nl"):
        form = _When(
            {
                "dag": "2026-12-31",
                "tijd": "19:30:15",
                "moment": "2027-03-28T19:30",
                "tekst": "Eerste regel.\r\nTweede regel.",
            }
        )
        assert form.is_valid(), form.errors
    assert form.cleaned_data["dag"] == date(2026, 12, 31)
    assert form.cleaned_data["tijd"] == time(19, 30, 15)
    assert form.cleaned_data["moment"] == datetime(2027, 3, 28, 17, 30, tzinfo=UTC)
    assert form.cleaned_data["tekst"] == "Eerste regel.\nTweede regel."


def test_a_stored_time_left_as_shown_keeps_its_microseconds(personas):
    class _InvitationForm(ModelFieldsForm):
        expires_at = LocalDateTimeField()

        class Meta:
            model = Invitation
            fields = ["email", "expires_at"]

    stored = datetime(2027, 3, 28, 17, 30, 15, 123456, tzinfo=UTC)
    invitation = Invitation(email="a@b.nl", expires_at=stored)
    shown = _InvitationForm(instance=invitation)["expires_at"].value()
    assert shown.microsecond == 0
    form = _InvitationForm(
        {"email": "a@b.nl", "expires_at": "2027-03-28T19:30:15"},
        instance=invitation,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["expires_at"] == stored
    moved = _InvitationForm(
        {"email": "a@b.nl", "expires_at": "2027-03-28T19:31"}, instance=invitation
    )
    assert moved.is_valid()
    assert moved.cleaned_data["expires_at"] == datetime(2027, 3, 28, 17, 31, tzinfo=UTC)
