from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import DutchDecimalField, ModelMultipleChoiceField
from core.forms import ModelFieldsForm
from core.policy import Rubricering
from core.privacy import PersonalDataFormMixin
from core.widgets import DateInput, Textarea
from partners.selectors import partner_organisations
from scans.models import (
    Actie,
    Indicator,
    Meting,
    Oordeel,
    ScanRonde,
    Signaal,
    Thema,
)
from scans.services.csv_import import MAX_BYTES


class StraatclusterForm(PersonalDataFormMixin, forms.Form):
    # The shape is GeoJSON: its coordinates are digits, not text about anyone.
    unguarded_fields = ("geometry",)

    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"), widget=Textarea(attrs={"rows": 3}), required=False
    )
    streets = forms.CharField(
        label=_("Streets covered"),
        help_text=_("One street per line."),
        widget=Textarea(attrs={"rows": 4}),
        required=False,
    )
    geometry = forms.CharField(
        label=_("Shape (GeoJSON)"),
        help_text=_(
            "Draw the area on the map with the polygon tool; the shape appears "
            "here. You may also paste GeoJSON."
        ),
        widget=Textarea(attrs={"rows": 3, "class": "geometry-input"}),
        error_messages={"required": _("Draw the area on the map.")},
    )


class ScanCreateForm(forms.Form):
    ronde = forms.ModelChoiceField(
        label=_("Round"),
        queryset=ScanRonde.objects.order_by("-peildatum"),
        empty_label=None,
    )


RUBRICERING_HELP = _(
    "Public: may appear in council reports. Partners: all partner "
    "organisations and the process facilitator. Own organisation: "
    "nobody outside your organisation."
)


class MetingForm(PersonalDataFormMixin, ModelFieldsForm):
    class Meta:
        model = Meting
        fields = [
            "indicator",
            "value",
            "gemeten_op",
            "bron",
            "respondenten",
            "note",
            "rubricering",
        ]
        field_classes = {"value": DutchDecimalField}
        widgets = {
            "gemeten_op": DateInput,
            "note": Textarea(attrs={"rows": 3}),
            "rubricering": forms.RadioSelect,
        }
        help_texts = {
            "rubricering": _(
                "Who may read the note. The value itself is for partners only; "
                "the council sees indices."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubricering"].choices = Rubricering.choices
        # Most measurements have no note: without a choice the note stays
        # with the entering organisation (the most restricted level).
        self.fields["rubricering"].required = False
        self.fields["indicator"].queryset = Indicator.objects.filter(
            active=True
        ).select_related("thema")
        self.fields["value"].help_text = _("A decimal comma is fine: 12,5.")

    def clean_rubricering(self):
        return (
            self.cleaned_data["rubricering"]
            or Meting._meta.get_field("rubricering").get_default()
        )


class OordeelForm(PersonalDataFormMixin, ModelFieldsForm):
    class Meta:
        model = Oordeel
        fields = ["thema", "score", "toelichting", "rubricering"]
        widgets = {
            "score": forms.RadioSelect(choices=[(i, str(i)) for i in range(1, 6)]),
            "toelichting": Textarea(attrs={"rows": 4}),
            "rubricering": forms.RadioSelect,
        }
        help_texts = {"rubricering": RUBRICERING_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubricering"].choices = Rubricering.choices


class CorrectieForm(PersonalDataFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reason for the correction"),
        widget=Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the scan needs a correction.")},
    )


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: gebied, indicator, waarde, and optionally datum, bron, "
            "respondenten, toelichting. Separator ; or , — decimal commas are fine."
        ),
        error_messages={
            "required": _("Choose a file."),
            "empty": _("The file is empty."),
        },
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_BYTES:
            raise ValidationError(_("The file is too large (at most 2 MB)."))
        return f


class SignaalForm(PersonalDataFormMixin, ModelFieldsForm):
    # "lat, lon" typed or placed on the map.
    unguarded_fields = ("point",)

    point = forms.CharField(
        label=_("Point on the map"),
        required=False,
        help_text=_("Optional. Click the map to place the point, or type “lat, lon”."),
        widget=forms.TextInput(attrs={"class": "point-input"}),
    )

    class Meta:
        model = Signaal
        fields = ["thema", "soort", "text", "waargenomen_op", "rubricering"]
        widgets = {
            "waargenomen_op": DateInput,
            "soort": forms.RadioSelect,
            "rubricering": forms.RadioSelect,
            "text": Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "rubricering": RUBRICERING_HELP,
            "text": _(
                "Describe what you saw. No names, addresses or numbers of residents."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = Thema.objects.all()
        self.fields["rubricering"].choices = Rubricering.choices
        self.fields["soort"].choices = Signaal.Soort.choices
        self.initial.setdefault("waargenomen_op", timezone.localdate())


class ActieForm(PersonalDataFormMixin, ModelFieldsForm):
    class Meta:
        model = Actie
        fields = [
            "title",
            "description",
            "eigenaar",
            "partners",
            "themas",
            "signalen",
            "status",
            "deadline",
            "voortgang",
            "budget",
        ]
        field_classes = {
            "partners": ModelMultipleChoiceField,
            "themas": ModelMultipleChoiceField,
            "signalen": ModelMultipleChoiceField,
            "budget": DutchDecimalField,
        }
        widgets = {
            "deadline": DateInput,
            "partners": forms.CheckboxSelectMultiple,
            "themas": forms.CheckboxSelectMultiple,
            "signalen": forms.CheckboxSelectMultiple,
            "description": Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, signalen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = partner_organisations()
        self.fields["partners"].queryset = partner_organisations()
        self.fields["signalen"].queryset = signalen
        self.fields["signalen"].label_from_instance = lambda s: (
            f"{s.waargenomen_op:%d-%m-%Y} · {s.thema} · {s.text[:60]}"
        )


class KennisnameForm(PersonalDataFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"),
        help_text=_("What does your organisation do with this warning?"),
        widget=Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what your organisation does with it.")},
    )


class CompareForm(forms.Form):
    van = forms.ModelChoiceField(
        label=_("From round"), queryset=ScanRonde.objects.all()
    )
    naar = forms.ModelChoiceField(label=_("To round"), queryset=ScanRonde.objects.all())
