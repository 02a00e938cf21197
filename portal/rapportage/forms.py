from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.widgets import LongSelect
from portal.rapportage import kinds, permissions, raad
from portal.rapportage.models import Audience
from scans.models import Gebied
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


class RapportRequestForm(forms.Form):
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
            if set(k.audiences) & set(allowed)
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
    q = forms.CharField(label=_("Search in title"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=LongSelect)
    gebied = forms.TypedChoiceField(
        label=_("Neighbourhood"),
        coerce=int,
        empty_value=None,
        widget=LongSelect,
        required=False,
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

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


class CorrectionForm(forms.Form):
    title = forms.CharField(label=_("Title of the correction"), max_length=200)
