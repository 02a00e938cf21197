from django import forms
from django.utils.translation import gettext_lazy as _

from core.privacy import PersonalDataFormMixin


class ArchiefExportForm(PersonalDataFormMixin, forms.Form):
    # The reason goes into the audit trail: a BSN is refused there.
    ask_confirmation = False

    reden = forms.CharField(
        label=_("Reason for this export"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The archive holds every organisation's text, also what only that "
            "organisation may read. Say why it is needed, e.g. the yearly "
            "transfer to the municipal archive; the reason goes into the audit "
            "trail with the number of records of each organisation."
        ),
        error_messages={"required": _("Give the reason for this export.")},
    )

    def clean_reden(self) -> str:
        reden = " ".join(self.cleaned_data["reden"].split())
        if not reden:
            raise forms.ValidationError(_("Give the reason for this export."))
        return reden
