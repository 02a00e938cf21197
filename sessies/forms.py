from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import LocalDateTimeField, ModelMultipleChoiceField
from core.forms import ModelFieldsForm
from core.policy import Rubricering
from core.privacy import PersonalDataFormMixin
from core.widgets import DateInput, Textarea
from partners.models import Organisation
from partners.selectors import partner_organisations, raadsleden
from scans.models import Gebied, Gebiedsscan
from sessies import permissions
from sessies.models import Agendapunt, Antwoord, Mijlpaal, Sessie, Zaal
from sessies.selectors import hoofdpunten
from visie.models import Sectie, Versie


class SessieForm(PersonalDataFormMixin, ModelFieldsForm):
    start = LocalDateTimeField(label=_("Start time"))
    end = LocalDateTimeField(label=_("End time"))
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Sessie
        fields = [
            "soort",
            "title",
            "bob_fase",
            "start",
            "end",
            "zaal",
            "location",
            "online_url",
            "description",
            "capacity",
            "openbaar",
            "buurten",
        ]
        widgets = {"buurten": forms.CheckboxSelectMultiple, "description": Textarea}
        field_classes = {"buurten": ModelMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = permissions.plannable_kinds(user)
        self.fields["soort"].choices = [
            (value, label) for value, label in Sessie.Soort.choices if value in kinds
        ]
        if self.instance is not None:
            del self.fields["soort"]
        self.fields["buurten"].queryset = (
            Gebied.objects.scan_areas().defer("geometry").order_by("name")
        )
        self.fields["buurten"].required = False
        current = self.instance.zaal_id if self.instance is not None else None
        self.fields["zaal"].queryset = Zaal.objects.filter(
            Q(active=True) | Q(pk=current)
        )
        self.fields["zaal"].empty_label = _("— another location, or online only —")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


class SessieCancelForm(PersonalDataFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        help_text=_("Every invitee reads this in the cancellation mail."),
        max_length=1000,
        widget=Textarea(attrs={"rows": 3}),
    )


class AgendapuntForm(PersonalDataFormMixin, ModelFieldsForm):
    class Meta:
        model = Agendapunt
        fields = [
            "parent",
            "title",
            "duration_minutes",
            "presenter",
            "notes",
            "visie_versie",
            "visie_sectie",
            "gebiedsscan",
        ]
        widgets = {"notes": Textarea(attrs={"rows": 3})}

    def __init__(self, *args, sessie, **kwargs):
        super().__init__(*args, **kwargs)
        exclude = self.instance.pk if self.instance is not None else None
        self.fields["parent"].queryset = hoofdpunten(sessie, exclude=exclude)
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = _("— a main item —")
        self.fields["parent"].help_text = _(
            "A sub-item takes part of the time of its main item."
        )
        self.fields["duration_minutes"].min_value = 1
        self.fields["duration_minutes"].max_value = 480
        self.fields["visie_versie"].queryset = Versie.objects.select_related("document")
        self.fields["visie_sectie"].queryset = Sectie.objects.select_related(
            "document"
        ).order_by("document", "position")
        self.fields["gebiedsscan"].queryset = Gebiedsscan.objects.select_related(
            "gebied", "ronde"
        )


class UitnodigenForm(forms.Form):
    # E-mail addresses of invited guests, each checked as an address.
    unguarded_fields = ("gasten",)

    alle_raadsleden = forms.BooleanField(label=_("All council members"), required=False)
    personen = ModelMultipleChoiceField(
        label=_("Or a selection of council members"),
        queryset=raadsleden().none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisaties = ModelMultipleChoiceField(
        label=_("Partner organisations"),
        help_text=_("Every member of the organisation is invited."),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gasten = forms.CharField(
        label=_("External guests"),
        help_text=_(
            "One e-mail address per line. Guests need no account: they answer "
            "through a personal link."
        ),
        required=False,
        widget=Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["personen"].queryset = raadsleden().order_by("full_name")
        self.fields["organisaties"].queryset = partner_organisations().order_by("name")

    def clean_gasten(self):
        from django.core.validators import validate_email

        lines = [
            line.strip()
            for line in self.cleaned_data["gasten"].replace(",", "\n").splitlines()
        ]
        emails, invalid = [], []
        for line in filter(None, lines):
            try:
                validate_email(line)
                emails.append(line.lower())
            except forms.ValidationError:
                invalid.append(line)
        if invalid:
            raise forms.ValidationError(
                _("These are not valid e-mail addresses: %(list)s")
                % {"list": ", ".join(invalid)}
            )
        return emails

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (
            cleaned.get("alle_raadsleden")
            or cleaned.get("personen")
            or cleaned.get("organisaties")
            or cleaned.get("gasten")
        ):
            raise forms.ValidationError(_("Choose at least one person to invite."))
        return cleaned


class RsvpForm(PersonalDataFormMixin, forms.Form):
    antwoord = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Antwoord.AANMELDEN, _("I will attend")),
            (Antwoord.MISSCHIEN, _("Maybe")),
            (Antwoord.AFMELDEN, _("I will not attend")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=1000,
        widget=Textarea(attrs={"rows": 3}),
    )


LEVELS_HELP = _(
    "Public: everyone who sees the session, and council reports of a public "
    "council session. Partners: the partner organisations and the process "
    "facilitator among them. Own organisation: only the organising organisation."
)


class VerslagForm(PersonalDataFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Minutes"), widget=Textarea(attrs={"rows": 14}), max_length=50_000
    )
    rubricering = forms.ChoiceField(
        label=_("Who may read the minutes?"),
        choices=Rubricering.choices,
        widget=forms.RadioSelect,
        help_text=LEVELS_HELP,
    )

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if levels is not None:
            # Only levels the writer can still read: nobody hides text from
            # themselves (core.policy.writable_choices).
            self.fields["rubricering"].choices = levels


class AanwezigheidForm(forms.Form):
    aanwezig = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, uitnodigingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].choices = [
            (str(u.pk), u.display_name) for u in uitnodigingen
        ]


class AmendementForm(PersonalDataFormMixin, forms.Form):
    passage = forms.CharField(
        label=_("Passage to replace"),
        help_text=_(
            "Copy the words from the minutes exactly. Leave empty to add new text "
            "at the end."
        ),
        required=False,
        max_length=5000,
        widget=Textarea(attrs={"rows": 3}),
    )
    text = forms.CharField(
        label=_("New text"),
        help_text=_("Leave empty to delete the passage."),
        required=False,
        max_length=5000,
        widget=Textarea(attrs={"rows": 4}),
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        help_text=_("Why the change is needed (optional)."),
        required=False,
        max_length=2000,
        widget=Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (
            cleaned.get("passage", "").strip() or cleaned.get("text", "").strip()
        ):
            self.add_error(
                "text", _("Give the new text, or the passage to delete, or both.")
            )
        return cleaned


class OpbrengstForm(PersonalDataFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=Textarea(attrs={"rows": 4})
    )
    rubricering = forms.ChoiceField(
        label=_("Classification"),
        choices=Rubricering.choices,
        widget=forms.RadioSelect,
        help_text=_("Only public outcomes appear in council reports."),
    )
    secties = ModelMultipleChoiceField(
        label=_("Visie sections"),
        help_text=_("The sections of the visie this outcome feeds."),
        queryset=Sectie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secties"].queryset = Sectie.objects.select_related(
            "document"
        ).order_by("document", "position")
        if levels is not None:
            self.fields["rubricering"].choices = levels


class MijlpaalForm(PersonalDataFormMixin, ModelFieldsForm):
    class Meta:
        model = Mijlpaal
        fields = ["title", "description", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "description": Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("The end date must not be before the start date.")
            )
        return cleaned


class AntwoordBevestigenForm(PersonalDataFormMixin, forms.Form):
    """The button behind a one-click answer link: the answer is in the link."""

    # A guest's page: a BSN is refused, nothing asks for confirmation.
    ask_confirmation = False

    note = forms.CharField(
        label=_("Explanation (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PubliekAanmeldForm(PersonalDataFormMixin, forms.Form):
    # The resident's own name is the point; a BSN in it is still refused.
    ask_confirmation = False

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("You receive a link to confirm your sign-up."),
    )
    akkoord = forms.BooleanField(
        label=_("I have read what happens to my details (see above)."),
        error_messages={"required": _("Confirm that you have read the notice.")},
    )
