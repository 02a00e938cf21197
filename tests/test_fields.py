"""A multiple choice of records refuses ids no database column can hold."""

import pytest
from django import forms

from core.fields import ModelMultipleChoiceField
from partners.models import Organisation

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    organisaties = ModelMultipleChoiceField(queryset=Organisation.objects.all())


@pytest.mark.parametrize("value", [str(2**63), str(-(2**64)), "9" * 40, "1e3", "x"])
def test_an_id_beyond_64_bits_or_no_number_is_a_form_error(personas, value):
    form = _Form({"organisaties": [str(personas.politie.pk), value]})
    assert not form.is_valid()
    assert "geen geldige waarde" in form.errors["organisaties"][0]


def test_real_ids_are_chosen(personas):
    form = _Form({"organisaties": [str(personas.politie.pk)]})
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["organisaties"]) == [personas.politie]
