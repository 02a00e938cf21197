"""A guard against personal data about residents in free text.

No personal data about residents belongs in the portal. Free text is checked
before it is saved:

- a BSN (nine digits passing the 11-proef) is refused outright;
- a phone number, an e-mail address or a postcode with a house number is
  probably personal data: the author must confirm the text is fine.

Use ``check_personal_data(text, confirmed=...)`` from a service, or the
``PersonalDataGuard`` validator on a form field; visie comments and session
minutes reuse both.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_NINE_DIGITS = re.compile(
    r"(?<![\d])(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]?\d{3}[ .]?\d{3})(?![\d])"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Dutch numbers: 06-12345678, 078 691 23 45, +31 6 1234 5678, 0031...
_PHONE = re.compile(
    r"(?<![\w])(?:\+31|0031|0)[\s-]?(?:\(0\))?[\s-]?[1-9](?:[\s-]?\d){8}(?![\d])"
)
# 2951 AB 12 or 2951AB, 12a: a postcode next to a house number.
_POSTCODE_HUISNUMMER = re.compile(
    r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}\b[\s,]*(?:nr\.?\s*)?\d{1,5}\s?[a-zA-Z]?\b"
)
_STREET_HUISNUMMER = re.compile(
    r"\b[A-Z][a-z]+(?:straat|weg|laan|plein|kade|dijk|singel|hof|park)\s+\d{1,4}\b"
)


def is_bsn(digits: str) -> bool:
    """The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


@dataclass(frozen=True)
class Findings:
    bsn: bool = False
    phone: bool = False
    email: bool = False
    address: bool = False

    @property
    def needs_confirmation(self) -> bool:
        return self.phone or self.email or self.address


def scan_text(text: str) -> Findings:
    text = text or ""
    return Findings(
        bsn=any(is_bsn(m.group(0)) for m in _NINE_DIGITS.finditer(text)),
        phone=bool(_PHONE.search(text)),
        email=bool(_EMAIL.search(text)),
        address=bool(
            _POSTCODE_HUISNUMMER.search(text) or _STREET_HUISNUMMER.search(text)
        ),
    )


def check_personal_data(text: str, *, confirmed: bool = False) -> None:
    """Raise ValidationError (code "bsn" or "confirm") when text needs attention."""
    found = scan_text(text)
    if found.bsn:
        raise ValidationError(
            _(
                "The text contains what looks like a citizen service number (BSN). "
                "Personal data of residents does not belong in the portal; "
                "remove the number."
            ),
            code="bsn",
        )
    if found.needs_confirmation and not confirmed:
        kinds = []
        if found.phone:
            kinds.append(_("a phone number"))
        if found.email:
            kinds.append(_("an e-mail address"))
        if found.address:
            kinds.append(_("an address (postcode or street with house number)"))
        raise ValidationError(
            _(
                "The text seems to contain %(kinds)s. Personal data of residents "
                "does not belong in the portal. Remove it, or confirm that it is "
                "not about a resident (for example the number of a public "
                "facility)."
            )
            % {"kinds": ", ".join(kinds)},
            code="confirm",
        )


class PersonalDataGuard:
    """Form-field validator; refuses BSNs and anything needing confirmation.

    Forms that offer a confirmation checkbox call check_personal_data() in
    clean() instead, passing the checkbox value.
    """

    message = gettext_lazy("Personal data")

    def __call__(self, value: str) -> None:
        check_personal_data(value, confirmed=False)

    def __eq__(self, other) -> bool:
        return isinstance(other, PersonalDataGuard)
