from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.fields import DutchDecimalField, UploadField
from core.policy import Rubricering
from core.privacy import PersonalDataFormMixin
from core.sizes import upload_limit_text
from core.widgets import DateInput, Textarea
from partners.selectors import partner_organisations
from visie import citations
from visie.models import Afspraak, Bron, Ondertekening, Raci
from visie.models.document import validate_text_size


class DocumentForm(PersonalDataFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=Textarea(attrs={"rows": 3})
    )


class SectieCreateForm(PersonalDataFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    penvoerder = forms.ModelChoiceField(
        label=_("Lead organisation (penvoerder)"),
        queryset=partner_organisations().order_by("name"),
    )
    text = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        widget=Textarea(attrs={"rows": 10}),
        validators=[validate_text_size],
    )


class SectieSettingsForm(PersonalDataFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    penvoerder = forms.ModelChoiceField(
        label=_("Lead organisation (penvoerder)"),
        queryset=partner_organisations().order_by("name"),
    )


class SectieEditForm(PersonalDataFormMixin, forms.Form):
    """The edit form carries the revision it started from (optimistic locking)."""

    text = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        strip=False,
        widget=Textarea(attrs={"rows": 20}),
        help_text=_(
            "Markdown: # heading, - list item, **bold**, *italic*, "
            "[link text](https://…) and tables with | columns |."
        ),
        validators=[validate_text_size],
    )
    message = forms.CharField(
        label=_("What did you change?"),
        max_length=200,
        required=False,
        help_text=_("A short note for the history, e.g. “Paragraph on youth added”."),
    )
    base = forms.IntegerField(required=False, widget=forms.HiddenInput)
    draft = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ConfirmationMixin(PersonalDataFormMixin):
    """The personal-data guard with the comment form's own confirmation field."""

    confirmation_field = "confirmed"


class OpmerkingForm(ConfirmationMixin, forms.Form):
    quote = forms.CharField(
        label=_("Passage you comment on"),
        max_length=500,
        required=False,
        help_text=_("Copy the words from the text that your comment is about."),
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=Textarea(attrs={"rows": 4}),
        help_text=_(
            "Mention an organisation with @ and its short name, e.g. @welzijn."
        ),
    )
    rubricering = forms.ChoiceField(
        label=_("Who may read this comment?"),
        choices=Rubricering.choices,
        initial=Rubricering.PARTNERS,
        widget=forms.RadioSelect,
        help_text=_(
            "Public: may appear in reports to the council. Partners: all partner "
            "organisations and the process facilitator. Own organisation: only "
            "your colleagues."
        ),
    )
    confirmed = forms.BooleanField(
        label=_("I confirm this text holds no personal data about residents."),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, raad: bool = False, reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if raad or reply:
            # The raad writes openbaar only; a reply takes its thread's level.
            del self.fields["rubricering"]
        if reply:
            del self.fields["quote"]


class OndertekeningForm(PersonalDataFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=partner_organisations()
    )
    besluit = forms.ChoiceField(
        label=_("Decision"),
        choices=Ondertekening.Besluit.choices,
        widget=forms.RadioSelect,
    )
    voorbehoud = forms.CharField(
        label=_("Reservation"),
        required=False,
        max_length=2000,
        widget=Textarea(attrs={"rows": 3}),
        help_text=_("Required when you agree with a reservation."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partner_organisations().filter(
            pk__in=[o.pk for o in organisations]
        )
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("besluit") == Ondertekening.Besluit.VOORBEHOUD
            and not (cleaned.get("voorbehoud") or "").strip()
        ):
            self.add_error("voorbehoud", _("Describe the reservation."))
        return cleaned


class VersieReleaseForm(PersonalDataFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Release note"),
        max_length=300,
        required=False,
        help_text=_("For example: “Version for the consultation round in June”."),
    )


class AfspraakForm(PersonalDataFormMixin, forms.ModelForm):
    """An afspraak row with one RACI choice per organisation."""

    class Meta:
        model = Afspraak
        fields = ["title", "contactpersoon", "uren", "budget", "deadline", "status"]
        field_classes = {"uren": DutchDecimalField, "budget": DutchDecimalField}
        widgets = {"deadline": DateInput}

    def __init__(self, *args, organisations, rollen=None, **kwargs):
        super().__init__(*args, **kwargs)
        from partners.models import User

        self.organisations = list(organisations)
        self.fields["contactpersoon"].queryset = (
            User.objects.filter(
                is_active=True, memberships__organisation__in=self.organisations
            )
            .distinct()
            .order_by("full_name")
        )
        rollen = rollen or {}
        for organisation in self.organisations:
            self.fields[f"rol_{organisation.pk}"] = forms.ChoiceField(
                label=organisation.name,
                required=False,
                choices=[("", _("no role"))] + list(Raci.choices),
                initial=rollen.get(organisation.pk, ""),
            )

    def role_fields(self):
        return [self[f"rol_{o.pk}"] for o in self.organisations]

    def plain_fields(self):
        return [self[name] for name in [*self.Meta.fields, self.confirmation_field]]

    def rollen(self) -> dict:
        return {o: self.cleaned_data.get(f"rol_{o.pk}", "") for o in self.organisations}

    def clean(self):
        cleaned = super().clean()
        accountable = [
            o for o in self.organisations if cleaned.get(f"rol_{o.pk}") == Raci.A
        ]
        if len(accountable) > 1:
            for organisation in accountable:
                self.add_error(
                    f"rol_{organisation.pk}",
                    _("Only one organisation can be accountable (A)."),
                )
        elif not accountable:
            self.add_error(
                None, _("Choose the one organisation that is accountable (A).")
            )
        return cleaned


class BronForm(PersonalDataFormMixin, forms.ModelForm):
    url = forms.URLField(
        label=_("Web address"), required=False, max_length=500, assume_scheme="https"
    )
    upload = UploadField(label=_("File"), required=False)

    class Meta:
        model = Bron
        fields = [
            "title",
            "soort",
            "publisher",
            "published_on",
            "url",
            "description",
            "rubricering",
        ]
        widgets = {
            "published_on": DateInput,
            "description": Textarea,
            "rubricering": forms.RadioSelect,
        }
        help_texts = {
            "rubricering": _(
                "Applies to the description and the file alike. Public: may "
                "appear in reports to the council. Partners: all partner "
                "organisations and the process facilitator. Own organisation: "
                "only your colleagues."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubricering"].choices = Rubricering.choices
        self.fields["upload"].help_text = _(
            "PDF, Word (DOCX), OpenDocument (ODT) or an image; at most %(limit)s."
        ) % {"limit": upload_limit_text()}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("upload"):
            self.add_error("url", _("Give a web address, upload a file, or both."))
        return cleaned


class CitatieForm(PersonalDataFormMixin, forms.Form):
    target = forms.ChoiceField(label=_("Evidence"), choices=())
    toelichting = forms.CharField(
        label=_("Why is it cited?"),
        max_length=500,
        required=False,
        help_text=_("One sentence: what this evidence shows for this section."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + citations.choices()

    def clean_target(self):
        obj = citations.resolve(self.cleaned_data["target"])
        if obj is None:
            raise ValidationError(_("Choose evidence from the list."))
        return obj
