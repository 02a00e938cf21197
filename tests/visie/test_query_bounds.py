"""List, history and overview pages use a fixed number of queries."""

import pytest
from django.urls import reverse

from core.policy import Rubricering
from partners.models import Organisation
from tests.visie.factories import (
    make_afspraak,
    make_bron,
    make_document,
    make_opmerking,
)
from visie import services

pytestmark = pytest.mark.django_db

# The section page reads sectie.opbrengsten once (a constant, not per row) and
# writes one audit entry for the classified comments it shows.
BOUND = 14


def _world(p, size: int):
    document, secties = make_document(p, secties=size)
    sectie = secties[0]
    for i in range(size):
        services.sectie_save(
            sectie=sectie,
            user=p.medewerker if i % 2 else p.outsider,
            text=f"Tekst {i}",
            message=f"wijziging {i}",
            base_revisie_id=sectie.current_revisie_id,
        )
        sectie.refresh_from_db()
        thread = make_opmerking(p, sectie, text=f"Vraag {i}")
        make_opmerking(p, sectie, text=f"Antwoord {i}", parent=thread)
        make_afspraak(p, document, title=f"Afspraak {i}")
        bron = make_bron(p, with_file=False)
        services.citatie_create(sectie=sectie, user=p.medewerker, target=bron)
    for i in range(size):
        Organisation.objects.create(
            name=f"Partner {i}", slug=f"partner-{i}", kind=Organisation.Kind.PARTNER
        )
    versies = []
    for _ in range(2 if size == 1 else 6):
        versie = services.versie_release(document=document, user=p.procesbegeleider)
        versies.append(versie)
        for s in secties[:size]:
            make_opmerking(
                p, s, versie=versie, rubricering=Rubricering.OPENBAAR, text="Raad?"
            )
    services.ondertekening_create(
        versie=versies[-1],
        user=p.coordinator,
        organisation=p.woonkracht10,
        besluit="akkoord",
    )
    return document, sectie, versies[-1]


PAGES = {
    "index": lambda d, s, v: reverse("visie:index"),
    "document": lambda d, s, v: d.get_absolute_url(),
    "sectie": lambda d, s, v: s.get_absolute_url(),
    "history": lambda d, s, v: reverse("visie:sectie_history", args=[s.pk]),
    "compare": lambda d, s, v: reverse("visie:sectie_compare", args=[s.pk]),
    "overview": lambda d, s, v: reverse("visie:ondertekening_overview", args=[d.slug]),
    "afspraken": lambda d, s, v: reverse("visie:afspraak_list", args=[d.slug]),
    "bronnen": lambda d, s, v: reverse("visie:bron_list"),
    "versie": lambda d, s, v: v.get_absolute_url(),
    "versies": lambda d, s, v: reverse("visie:versie_compare", args=[d.slug]),
}


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("persona", ["medewerker", "raadslid"])
def test_pages_stay_within_the_query_bound(
    personas, client_for, django_assert_max_num_queries, page, size, persona
):
    document, sectie, versie = _world(personas, size)
    client = client_for(getattr(personas, persona))
    url = PAGES[page](document, sectie, versie)
    with django_assert_max_num_queries(BOUND):
        response = client.get(url)
    assert response.status_code in {200, 403}
