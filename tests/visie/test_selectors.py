import pytest

from core.policy import Rubricering
from tests.visie.factories import make_afspraak, make_document, make_opmerking
from visie import selectors, services

pytestmark = pytest.mark.django_db


def test_versie_for_raad_gives_frozen_sections_sign_offs_afspraken_and_openbaar_only(
    personas,
):
    document, (sectie,) = make_document(personas)
    make_afspraak(personas, document)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    services.ondertekening_create(
        versie=versie,
        user=personas.coordinator,
        organisation=personas.woonkracht10,
        besluit="akkoord",
    )
    for level in Rubricering.values:
        make_opmerking(personas, sectie, rubricering=level, text=level)
    services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="Later gewijzigd",
        message="",
        base_revisie_id=sectie.current_revisie_id,
    )
    data = selectors.versie_for_raad(versie)
    assert [s.text for s in data.secties] == ["De buurt is **mooi** en veilig, deel 1."]
    assert [o.text for o in data.opmerkingen[sectie.pk]] == ["openbaar"]
    assert [o.organisation for o in data.ondertekeningen] == [personas.woonkracht10]
    assert data.afspraken[0]["title"] == "Buurtoverleg"
    assert data.is_latest


def test_partner_readers_see_partners_and_their_own_organisatie_comments(personas):
    _doc, (sectie,) = make_document(personas)
    for level in Rubricering.values:
        make_opmerking(personas, sectie, rubricering=level, text=level)

    def seen(user):
        return sorted(
            selectors.opmerkingen_visible_to(user).values_list("text", flat=True)
        )

    assert seen(personas.coordinator) == ["openbaar", "organisatie", "partners"]
    assert seen(personas.outsider) == ["openbaar", "partners"]
    assert seen(personas.procesbegeleider) == ["openbaar", "partners"]
    assert seen(personas.raadslid) == ["openbaar"]
    assert seen(personas.griffier) == ["openbaar"]


def test_the_raad_sees_only_documents_with_a_released_version(personas):
    document, _ = make_document(personas)
    assert list(selectors.documents_visible_to(personas.raadslid)) == []
    services.versie_release(document=document, user=personas.procesbegeleider)
    assert [d.pk for d in selectors.documents_visible_to(personas.raadslid)] == [
        document.pk
    ]


def test_a_section_without_session_outcomes_shows_none(personas):
    _doc, (sectie,) = make_document(personas)
    assert selectors.opbrengsten_of(sectie, personas.medewerker) == []


def test_linked_outcomes_show_as_the_policy_lets_each_reader_read_them(
    personas,
):
    from datetime import timedelta

    from django.utils import timezone

    from sessies import services as sessie_services
    from tests.sessies.factories import make_sessie

    _doc, (sectie,) = make_document(personas)
    sessie = make_sessie(
        personas.coordinator,
        personas.woonkracht10,
        soort="partneroverleg",
        start=timezone.now() - timedelta(days=1),
    )
    for level in Rubricering.values:
        sessie_services.opbrengst_create(
            sessie=sessie,
            by=personas.coordinator,
            title=level,
            rubricering=level,
            secties=[sectie],
        )

    def shown(user):
        return sorted(o.title for o in selectors.opbrengsten_of(sectie, user))

    assert shown(personas.outsider) == ["openbaar", "partners"]
    assert shown(personas.procesbegeleider) == ["openbaar", "partners"]
    assert shown(personas.medewerker) == ["openbaar", "organisatie", "partners"]
    assert shown(personas.beheerder) == ["openbaar"]
