from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import DutchDecimalField
from core.forms import ModelFieldsForm
from core.privacy import PersonalDataFormMixin
from core.widgets import DateInput, LongSelect, Textarea
from partners.selectors import partner_organisations
from portal.rapportage import kinds, money, permissions, raad, selectors
from portal.rapportage.models import (
    Audience,
    Notitie,
    Raadsinformatiebrief,
    Uitgave,
)
from scans.models import Actie, Gebied
from scans.services import index_cache

#: what to say when a kind about a subject is requested without one
SUBJECT_MISSING = {
    "versie": _("Choose the vision version."),
    "sessie": _("Choose the session."),
}


def _subject_field(*, label, help_text) -> forms.TypedChoiceField:
    """A choice of the report's subject by primary key; its choices come later."""
    return forms.TypedChoiceField(
        label=label, coerce=int, required=False, empty_value=None, help_text=help_text
    )


class RapportRequestForm(PersonalDataFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=())
    audience = forms.ChoiceField(label=_("For"), choices=())
    gebied = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Gebied.objects.scan_areas().defer("geometry"),
        widget=LongSelect,
        required=False,
        help_text=_("Needed for an area scan report."),
    )
    versie = _subject_field(
        label=_("Vision version"), help_text=_("Needed for a vision document.")
    )
    sessie = _subject_field(
        label=_("Session"),
        help_text=_("Needed for session minutes: sessions with final minutes."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a title with the kind, area and date."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].choices = [("", "---------")] + [
            (v.pk, str(v)) for v in raad.released_versies()
        ]
        self.fields["sessie"].choices = [("", "---------")] + [
            (s.pk, f"{s.title} ({timezone.localtime(s.start):%d-%m-%Y})")
            for s in raad.sessies_with_verslag()
        ]
        allowed = permissions.requestable_audiences(user)
        self.fields["audience"].choices = [
            (a, label) for a, label in Audience.choices if a in allowed
        ]
        self.fields["kind"].choices = [
            (k.code, k.label)
            for k in kinds.KINDS.values()
            if any(permissions.can_request(user, k.code, a) for a in k.audiences)
        ]

    def clean(self):
        cleaned = super().clean()
        spec = kinds.get(cleaned.get("kind", ""))
        if (
            spec
            and cleaned.get("audience")
            and cleaned["audience"] not in spec.audiences
        ):
            self.add_error(
                "audience", _("This kind of report cannot be made for this audience.")
            )
        if spec and spec.needs_gebied and not cleaned.get("gebied"):
            self.add_error("gebied", _("Choose the area this report is about."))
        cleaned["subject_pk"] = None
        if spec and spec.subject:
            # The subject field is named after the kind's subject.
            if not cleaned.get(spec.subject):
                self.add_error(spec.subject, SUBJECT_MISSING[spec.subject])
            cleaned["subject_pk"] = cleaned.get(spec.subject)
        return cleaned


def _area_choices() -> list[tuple[str | int, str]]:
    areas = index_cache.area_choices()
    return [
        ("", _("All areas")),
        *((pk, f"{name} ({code})") for pk, code, name in areas),
    ]


class RapportSearchForm(forms.Form):
    # A search term: never stored.
    unguarded_fields = ("q",)

    q = forms.CharField(label=_("Search in title"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=LongSelect)
    gebied = forms.TypedChoiceField(
        label=_("Neighbourhood"),
        coerce=int,
        empty_value=None,
        widget=LongSelect,
        required=False,
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds.choices()]
        # Read once per form: validating and rendering both walk the choices.
        self.fields["gebied"].choices = _area_choices()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned


class CorrectionForm(PersonalDataFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title of the correction"),
        max_length=200,
        error_messages={"required": _("Give the correction a title.")},
    )
    change_note = forms.CharField(
        label=_("What changed"),
        max_length=2000,
        widget=Textarea(attrs={"rows": 4}),
        help_text=_(
            "Say what is different from the published report and why. Council "
            "members read this on the report page, in the PDF and in their e-mail."
        ),
        error_messages={"required": _("Say what the correction changes.")},
    )


class BriefForm(PersonalDataFormMixin, ModelFieldsForm):
    """The college's letter: its text, reference, date and signatories."""

    class Meta:
        model = Raadsinformatiebrief
        fields = [
            "kenmerk",
            "date",
            "text",
            "burgemeester",
            "burgemeester_functie",
            "secretaris",
            "secretaris_functie",
        ]
        widgets = {
            "date": DateInput,
            "text": Textarea(attrs={"rows": 18}),
        }


class NotitieForm(PersonalDataFormMixin, ModelFieldsForm):
    """A note at a page or a passage of the report."""

    class Meta:
        model = Notitie
        fields = ["page", "passage", "text", "shared"]
        widgets = {
            "page": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "passage": Textarea(attrs={"rows": 2}),
            "text": Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, page_count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].help_text = _("Optional: the page the note is about.")
        if page_count:
            self.fields["page"].widget.attrs["max"] = page_count
            self.fields["page"].validators.append(
                MaxValueValidator(
                    page_count,
                    _("The report has %(pages)s pages.") % {"pages": page_count},
                )
            )


class UitgaveForm(PersonalDataFormMixin, ModelFieldsForm):
    """What the people who keep the budget type for a commitment or payment."""

    amount = DutchDecimalField(
        label=_("Amount (euro)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("For example 1.234,56."),
    )

    class Meta:
        model = Uitgave
        fields = ["date", "amount", "description", "gebied", "organisation", "actie"]
        widgets = {
            "date": DateInput,
            "gebied": LongSelect,
            "actie": LongSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebied"].queryset = Gebied.objects.scan_areas().defer("geometry")
        self.fields["organisation"].queryset = partner_organisations()
        self.fields["actie"].queryset = Actie.objects.select_related("gebied").only(
            "pk", "title", "gebied__name"
        )
        self.fields["actie"].label_from_instance = lambda a: (
            f"{a.title} ({a.gebied.name})"
        )


class VerplichtingForm(UitgaveForm):
    pass


class BetalingForm(UitgaveForm):
    verplichting = forms.ModelChoiceField(
        label=_("Settles commitment"),
        queryset=Uitgave.objects.none(),
        required=False,
        widget=LongSelect,
        help_text=_(
            "Choose the commitment this payment pays, so the money counts once. "
            "Leave empty for a payment without a commitment."
        ),
    )

    field_order = [
        "verplichting",
        "date",
        "amount",
        "description",
        "gebied",
        "organisation",
        "actie",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verplichting"].queryset = selectors.open_verplichtingen()
        self.fields["verplichting"].label_from_instance = lambda v: (
            _("%(year)s · %(description)s (still open: %(open)s)")
            % {
                "year": v.begroting.year,
                "description": v.description,
                "open": money.euro(v.amount - v.paid),
            }
        )
        self.fields["gebied"].help_text = _(
            "Empty: the area of the commitment it settles."
        )
