from django import forms
from django.utils.translation import gettext_lazy as _

from core.audit.models import AuditEntry
from core.widgets import DateInput


class AuditFilterForm(forms.Form):
    # A search term: never stored.
    unguarded_fields = ("actor",)

    actor = forms.CharField(label=_("User"), required=False, max_length=254)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("all actions")), *AuditEntry.Action.choices],
    )
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def __init__(self, *args, object_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("all kinds"))] + [
            (t, t) for t in object_types
        ]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date lies before the start date."))
        return cleaned
