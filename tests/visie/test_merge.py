"""Two partners edit one section at once: the merge keeps both of them."""

import pytest
from django.urls import reverse

from tests.visie.factories import make_document
from visie import services

pytestmark = pytest.mark.django_db

BASE = "De buurt is mooi.\n\nWe werken samen.\n\nDe wijk is veilig."


def _edit(client, sectie, text, base, **extra):
    return client.post(
        reverse("visie:sectie_edit", args=[sectie.pk]),
        {"text": text, "message": "", "base": base or "", **extra},
    )


def _section_with(personas, text=BASE):
    _doc, (sectie,) = make_document(personas)
    services.sectie_save(
        sectie=sectie,
        user=personas.procesbegeleider,
        text=text,
        message="",
        base_revisie_id=sectie.current_revisie_id,
    )
    sectie.refresh_from_db()
    return sectie


def test_paragraphs_added_at_opposite_ends_by_two_partners_both_end_up_saved(
    personas, client_for
):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    top = "Jongeren krijgen een eigen plek.\n\n" + BASE
    bottom = BASE + "\n\nDe politie loopt vaker door de buurt."
    _edit(client_for(personas.coordinator), sectie, top, base)
    response = _edit(client_for(personas.medewerker), sectie, bottom, base)
    sectie.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == sectie.get_absolute_url()
    assert sectie.text == (
        "Jongeren krijgen een eigen plek.\n\n"
        + BASE
        + "\n\nDe politie loopt vaker door de buurt."
    )
