"""Agenda items and outcomes point at the visie and the scans."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessies import selectors, services
from tests.scans import factories as scan_factories
from tests.sessies.factories import make_sessie
from tests.visie.factories import make_document

pytestmark = pytest.mark.django_db


def test_an_agenda_item_names_a_visie_section_and_an_area_scan(
    client_for, personas, raadssessie
):
    _document, [sectie] = make_document(personas)
    scan = scan_factories.scan(scan_factories.buurt(), scan_factories.ronde())
    client = client_for(personas.griffier)
    response = client.post(
        reverse("sessies:agendapunt_create", args=[raadssessie.pk]),
        {
            "title": "Bespreking hoofdstuk veiligheid",
            "duration_minutes": "30",
            "visie_sectie": sectie.pk,
            "gebiedsscan": scan.pk,
        },
    )
    assert response.status_code == 302
    page = client.get(raadssessie.get_absolute_url()).content.decode()
    # The griffier may not open the living visie: the agenda names the section
    # without a link that would end in "no access"; the scan page does open.
    assert str(sectie) in page and str(scan) in page
    assert f'href="{sectie.get_absolute_url()}"' not in page
    assert f'href="{scan.get_absolute_url()}"' in page
    assert client.get(scan.get_absolute_url()).status_code == 200
    assert list(sectie.agendapunten.all()) == list(raadssessie.agendapunten.all())


def test_an_outcome_feeds_visie_sections_found_from_the_visie_side(personas):
    _document, secties = make_document(personas, secties=2)
    sessie = make_sessie(
        personas.griffier,
        personas.griffie,
        start=timezone.now() - timedelta(days=1),
    )
    opbrengst = services.opbrengst_create(
        sessie=sessie,
        by=personas.griffier,
        title="Eén aanspreekpunt per buurt",
        rubricering="openbaar",
        secties=[secties[1]],
    )
    assert list(secties[1].opbrengsten.all()) == [opbrengst]
    assert not secties[0].opbrengsten.exists()


def test_an_organisation_level_outcome_shows_on_the_visie_page_to_its_own_only(
    personas,
):
    from visie.selectors import opbrengsten_of

    _document, [sectie] = make_document(personas)
    sessie = make_sessie(
        personas.coordinator,
        personas.woonkracht10,
        soort="partneroverleg",
        start=timezone.now() - timedelta(days=1),
    )
    for rubricering in ("partners", "organisatie"):
        services.opbrengst_create(
            sessie=sessie,
            by=personas.coordinator,
            title=rubricering,
            rubricering=rubricering,
            secties=[sectie],
        )
    assert [o.title for o in opbrengsten_of(sectie, personas.outsider)] == ["partners"]
    assert {o.title for o in opbrengsten_of(sectie, personas.medewerker)} == {
        "partners",
        "organisatie",
    }
    own = selectors.opbrengsten_visible_to(personas.medewerker, sessie)
    other = selectors.opbrengsten_visible_to(personas.outsider, sessie)
    assert {o.title for o in own} == {"partners", "organisatie"}
    assert {o.title for o in other} == {"partners"}
