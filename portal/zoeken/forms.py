from django import forms
from django.utils.translation import gettext_lazy as _

from portal.zoeken.selectors import MAX_LENGTH


class SearchForm(forms.Form):
    # A search term: never stored.
    unguarded_fields = ("q",)

    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
