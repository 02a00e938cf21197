"""Every admin page of a model with a level asks the policy."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core import policy
from partners.admin import ClassifiedAdmin
from tests.visie.factories import make_document


def test_every_model_admin_of_a_classified_model_asks_the_policy():
    registered = admin.site._registry
    classified = [m for m in registered if policy.kind_of(m) is not None]
    assert classified, "no classified model in the admin: nothing checked"
    for model in classified:
        assert isinstance(registered[model], ClassifiedAdmin), model
    for model, model_admin in registered.items():
        for inline in model_admin.inlines:
            # An inline would show a classified record without asking.
            assert policy.kind_of(inline.model) is None, (model, inline.model)


@pytest.mark.django_db
def test_the_beheerder_finds_another_organisations_text_nowhere_in_the_admin(
    personas, client_for
):
    from visie.models import Opmerking

    p = personas
    _document, [sectie] = make_document(p)
    texts = {
        level: Opmerking.objects.create(
            sectie=sectie,
            text=f"Tekst van Welzijn op niveau {level}",
            rubricering=level,
            author=p.outsider,
            organisation=p.welzijn,
        )
        for level in policy.LEVELS
    }
    client = client_for(p.beheerder)
    changelist = reverse("admin:visie_opmerking_changelist")
    listed = client.get(changelist).content.decode()
    searched = client.get(changelist, {"q": "Welzijn"}).content.decode()
    for level, opmerking in texts.items():
        change = reverse("admin:visie_opmerking_change", args=[opmerking.pk])
        response = client.get(change)
        shown = policy.is_public(level)
        assert (response.status_code == 200) is shown, level
        assert (opmerking.text in response.content.decode()) is shown, level
        assert (change in listed) is shown, level
        assert (change in searched) is shown, level
        history = reverse("admin:visie_opmerking_history", args=[opmerking.pk])
        assert (client.get(history).status_code == 200) is shown, level
