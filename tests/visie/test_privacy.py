"""Comments go through the personal-data guard."""

import pytest
from django.urls import reverse

from tests.visie.factories import make_document
from visie.models import Opmerking

pytestmark = pytest.mark.django_db


def _comment(client, sectie, text, **extra):
    return client.post(
        reverse("visie:opmerking_create", args=[sectie.pk]),
        {"text": text, "rubricering": "partners", **extra},
    )


def test_a_comment_with_a_bsn_is_refused(personas, client_for):
    _doc, (sectie,) = make_document(personas)
    response = _comment(client_for(personas.medewerker), sectie, "Bewoner 111222333")
    assert response.status_code == 200
    assert "BSN" in response.content.decode()
    assert Opmerking.objects.count() == 0


def test_a_phone_number_needs_confirmation_and_then_is_saved(personas, client_for):
    _doc, (sectie,) = make_document(personas)
    client = client_for(personas.medewerker)
    response = _comment(client, sectie, "Bel het buurthuis op 078 691 23 45")
    assert response.status_code == 200
    assert 'type="checkbox" name="confirmed"' in response.content.decode()
    assert Opmerking.objects.count() == 0
    response = _comment(
        client, sectie, "Bel het buurthuis op 078 691 23 45", confirmed="on"
    )
    assert response.status_code == 302
    assert Opmerking.objects.count() == 1
