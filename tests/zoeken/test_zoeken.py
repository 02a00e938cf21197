"""Search finds what the reader may open, and nothing else.

Every kind of record is planted with a word of its own; for every persona,
searching that word gives a hit exactly when the record's own page opens for
that persona. The page is the oracle, so search and pages cannot drift apart.
"""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from scans.models import Rubricering
from sessies.models import Verslag
from tests.conftest import PERSONA_NAMES
from tests.rapportage.factories import make_rapport
from tests.scans import factories as scan_factories
from tests.sessies import factories as sessie_factories
from tests.visie import factories as visie_factories

pytestmark = pytest.mark.django_db

SIGNED_IN = [name for name in PERSONA_NAMES if name != "anonymous"]


def _plant(p) -> dict[str, str]:
    """Records of every searchable kind, each with its own word -> its page."""
    from visie import services as visie_services

    buurt = scan_factories.buurt()
    planted = {}
    for level in Rubricering.values:
        for org in (p.woonkracht10, p.welzijn):
            word = f"kanarie{level}{org.slug}"
            s = scan_factories.signaal(buurt, org, level, text=f"Melding {word} hier")
            planted[word] = s.get_absolute_url()
    actie = scan_factories.actie(buurt, p.woonkracht10, title="Actie kanarieactie")
    planted["kanarieactie"] = actie.get_absolute_url()

    sessie = sessie_factories.make_sessie(
        p.griffier,
        p.griffie,
        title="Werksessie kanariesessie",
        start=timezone.now() - timezone.timedelta(days=2),
    )
    sessie_factories.invite(sessie, p.raadslid)
    planted["kanariesessie"] = sessie.get_absolute_url()
    Verslag.objects.create(sessie=sessie, text="Besproken: kanarieverslag.")
    planted["kanarieverslag"] = reverse("sessies:verslag_detail", args=[sessie.pk])

    published = make_rapport(
        requested_by=p.griffier,
        title="Rapport kanariegepubliceerd",
        published_by=p.griffier,
    )
    planted["kanariegepubliceerd"] = published.get_absolute_url()
    concept = make_rapport(requested_by=p.griffier, title="Rapport kanarieconcept")
    planted["kanarieconcept"] = concept.get_absolute_url()

    document, _secties = visie_factories.make_document(p)
    versie = visie_services.versie_release(document=document, user=p.procesbegeleider)
    versie.secties.update(text="De buurt kanarievisie werkt samen.")
    planted["kanarievisie"] = versie.get_absolute_url()
    return planted


def test_each_persona_finds_exactly_the_records_whose_page_opens(personas, client):
    planted = _plant(personas)
    wrong = []
    for name in SIGNED_IN:
        user = personas.by_name()[name]
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for word, url in planted.items():
            opens = client.get(url).status_code == 200
            page = client.get(reverse("zoeken:zoeken"), {"q": word})
            assert page.status_code == 200
            found = f'href="{url}"' in page.content.decode()
            if found != opens:
                wrong.append(f"{name} {word}: page opens={opens}, found={found}")
    assert not wrong


def test_the_hit_marks_the_word_and_escapes_the_record_text(personas, client_for):
    buurt = scan_factories.buurt()
    scan_factories.signaal(
        buurt,
        personas.woonkracht10,
        Rubricering.OPENBAAR,
        text='Bij de speeltuin <img src=x onerror="alert(1)"> hangjongeren',
    )
    page = client_for(personas.medewerker).get("/zoeken/", {"q": "hangjongeren"})
    html = page.content.decode()
    assert "<mark>hangjongeren</mark>" in html
    snippet = html.split('class="search-results__snippet">')[1].split("</p>")[0]
    assert "<img" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_too_short_and_empty_queries_search_nothing(personas, client_for):
    client = client_for(personas.medewerker)
    assert (
        "Typ minstens twee letters"
        in client.get("/zoeken/", {"q": "a"}).content.decode()
    )
    page = client.get("/zoeken/", {"q": "\x00 "})
    assert page.status_code == 200


def test_a_search_runs_a_bounded_number_of_queries(
    personas, client_for, django_assert_max_num_queries
):
    buurt = scan_factories.buurt()
    for i in range(40):
        scan_factories.signaal(
            buurt, personas.woonkracht10, Rubricering.PARTNERS, text=f"overlast {i}"
        )
    client = client_for(personas.medewerker)
    client.get("/zoeken/", {"q": "overlast"})
    with django_assert_max_num_queries(20):
        page = client.get("/zoeken/", {"q": "overlast"})
    assert page.content.decode().count("<mark>overlast</mark>") == 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming")
def test_on_postgresql_a_word_finds_its_dutch_forms(personas, client_for):
    buurt = scan_factories.buurt()
    scan_factories.signaal(
        buurt, personas.woonkracht10, Rubricering.OPENBAAR, text="Twee hangplekken"
    )
    page = client_for(personas.medewerker).get("/zoeken/", {"q": "hangplek"})
    assert "hangplekken" in page.content.decode()
