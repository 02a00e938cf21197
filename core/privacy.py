"""A guard against personal data about residents in free text.

No personal data about residents belongs in the portal. Free text is checked
before it is saved:

- a BSN (nine digits passing the 11-proef) is refused outright;
- a phone number, an e-mail address or a postcode with a house number is
  probably personal data: the author must confirm the text is fine.

The guard sits on every path by which free text enters the portal, and it
fails closed:

- every form of the apps mixes in ``PersonalDataFormMixin``, which checks
  *every* free-text field of the form (a new field is guarded without
  anyone remembering to) and shows the confirmation checkbox when needed;
  fields that are no free text (a shape, coordinates, guest e-mail
  addresses) are named in the form's ``unguarded_fields``;
- every service that stores free text calls ``check_personal_data`` or
  ``check_fields`` with the author's ``personal_data_confirmed``, so imports,
  demo loaders and any future caller are held to the same rule;
- the report pipeline refuses to render a report whose text holds a BSN
  (``contains_bsn``), as the last gate before text leaves the portal.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_NINE_DIGITS = re.compile(
    r"(?<![\d])(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]?\d{3}[ .]?\d{3})(?![\d])"
)
# The lookbehind starts a match only where a run of address characters
# starts: without it a long run with no @ costs quadratic time.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+")
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


def contains_bsn(text: str) -> bool:
    """Whether the text holds a nine-digit number that passes the 11-proef."""
    return any(is_bsn(m.group(0)) for m in _NINE_DIGITS.finditer(text or ""))


def scan_text(text: str) -> Findings:
    text = text or ""
    return Findings(
        bsn=contains_bsn(text),
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


def check_fields(values: Mapping[str, str | None], *, confirmed: bool = False) -> None:
    """check_personal_data() on several fields; the errors keyed by field name.

    For services that store more than one free-text field: the form (or the
    importer) shows each message next to the field it is about.
    """
    errors = {}
    for name, text in values.items():
        try:
            check_personal_data(text or "", confirmed=confirmed)
        except ValidationError as exc:
            errors[name] = exc
    if errors:
        raise ValidationError(errors)


#: Form fields that hold structured values, never free text.
_STRUCTURED_FIELDS = (
    forms.EmailField,
    forms.URLField,
    forms.SlugField,
    forms.UUIDField,
    forms.GenericIPAddressField,
    forms.JSONField,
)

PERSONAL_DATA_CONFIRM = gettext_lazy(
    "I have checked the text: it contains no personal data about residents."
)


def free_text_fields(form: forms.BaseForm) -> list[str]:
    """The fields of a form the guard checks: every text field unless exempted.

    A form names the exceptions in ``unguarded_fields`` (a drawn shape,
    coordinates, a list of e-mail addresses, a search term that is never
    stored); password inputs are never checked.
    """
    exempt = set(getattr(form, "unguarded_fields", ()))
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field, _STRUCTURED_FIELDS)
        and not isinstance(field.widget, forms.PasswordInput)
        and name not in exempt
    ]


class PersonalDataFormMixin:
    """Checks every free-text field of the form for personal data.

    A BSN is refused on its field. A phone number, e-mail address or address
    asks for confirmation: the field gets the message and the hidden
    confirmation field turns into a checkbox; once ticked, the form passes
    and the view hands ``personal_data_confirmed`` to the service, which
    checks again. Forms mix this in before their Django base class.
    """

    confirmation_field = "personal_data_confirmed"
    unguarded_fields: tuple[str, ...] = ()
    #: False: refuse a BSN only (where no checkbox can be shown).
    ask_confirmation = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.ask_confirmation and free_text_fields(self):
            self._confirmation(widget=forms.HiddenInput)

    def _confirmation(self, *, widget) -> None:
        field = self.fields.get(self.confirmation_field)
        if field is None:
            field = self.fields[self.confirmation_field] = forms.BooleanField(
                label=PERSONAL_DATA_CONFIRM, required=False
            )
        field.widget = widget()

    def clean(self):
        cleaned = super().clean()
        confirmed = not self.ask_confirmation or bool(
            cleaned.get(self.confirmation_field)
        )
        ask = False
        for name in free_text_fields(self):
            value = cleaned.get(name)
            if not isinstance(value, str) or not value:
                continue
            try:
                check_personal_data(value, confirmed=confirmed)
            except ValidationError as exc:
                self.add_error(name, exc)
                ask = ask or exc.code != "bsn"
        if ask:
            self._confirmation(widget=forms.CheckboxInput)
        return cleaned


class AdminTextGuard(PersonalDataFormMixin):
    """The guard on the admin's forms: a BSN is refused in every text field.

    The admin renders only the fields of its fieldsets, so there is no place
    for the confirmation checkbox; what beheer types there (names of areas,
    budget lines, corrections of records) is checked for BSNs only.
    Applied to every registered model admin by the admin site.
    """

    ask_confirmation = False


def guarded_admin_form(form_class: type) -> type:
    """The form class with AdminTextGuard mixed in (once)."""
    if issubclass(form_class, AdminTextGuard):
        return form_class
    return type(f"Guarded{form_class.__name__}", (AdminTextGuard, form_class), {})
