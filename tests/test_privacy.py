import pytest
from django.core.exceptions import ValidationError

from core.privacy import PersonalDataGuard, check_personal_data, is_bsn, scan_text


@pytest.mark.parametrize("number", ["111222333", "123456782", "1112.22.333"])
def test_a_number_passing_the_11_proef_is_a_bsn(number):
    assert is_bsn(number)


@pytest.mark.parametrize("number", ["123456789", "000000000", "12345678"])
def test_a_number_failing_the_11_proef_is_not_a_bsn(number):
    assert not is_bsn(number)


def test_a_bsn_is_refused_even_when_the_author_confirms():
    with pytest.raises(ValidationError) as exc:
        check_personal_data(
            "Bewoner met BSN 111 222 333 meldt overlast", confirmed=True
        )
    assert exc.value.code == "bsn"


@pytest.mark.parametrize(
    "text",
    [
        "Bel de bewoner op 06-12345678",
        "Contact via j.jansen@example.nl",
        "Overlast bij 2951 AB 12",
        "Het gaat om Rederstraat 14",
    ],
)
def test_phone_email_and_address_ask_for_confirmation(text):
    with pytest.raises(ValidationError) as exc:
        check_personal_data(text)
    assert exc.value.code == "confirm"
    check_personal_data(text, confirmed=True)  # confirmed: accepted


def test_ordinary_figures_do_not_trigger_the_guard():
    found = scan_text("In 2025 waren er 12 meldingen; 45% voelt zich onveilig.")
    assert not found.bsn and not found.needs_confirmation


def test_the_validator_can_be_reused_on_any_form_field():
    guard = PersonalDataGuard()
    guard("Zwerfafval bij het winkelcentrum")
    with pytest.raises(ValidationError):
        guard("mail naar a@b.nl")
