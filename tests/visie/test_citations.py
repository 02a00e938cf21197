import pytest
from django.urls import reverse

from core.policy import Rubricering
from tests.visie.factories import make_bron, make_document, make_opmerking
from visie import citations, services

pytestmark = pytest.mark.django_db


def test_bronnen_are_always_citable_and_missing_scan_models_are_not_offered():
    keys = [k.key for k in citations.available_kinds()]
    assert keys[0] == "bron"
    for kind in citations.KINDS:
        assert (kind.key in keys) == (kind.model() is not None)


def test_a_section_cites_what_every_partner_may_read_never_one_organisations_text(
    personas,
):
    # Opmerking declares its row of the policy, like Signaal: the same rule.
    kind = citations.Kind("opmerking", "visie.Opmerking", "comments")
    _doc, (sectie,) = make_document(personas)
    openbaar = make_opmerking(personas, sectie, rubricering=Rubricering.OPENBAAR)
    partners = make_opmerking(personas, sectie, rubricering=Rubricering.PARTNERS)
    eigen = make_opmerking(personas, sectie, rubricering=Rubricering.ORGANISATIE)
    citable = set(kind.citable().values_list("pk", flat=True))
    assert citable == {openbaar.pk, partners.pk}
    assert eigen.pk not in citable


def test_a_choice_value_resolves_to_the_cited_object(personas):
    bron = make_bron(personas, with_file=False)
    assert citations.resolve(f"bron:{bron.pk}") == bron
    assert citations.resolve("bron:999999") is None
    assert citations.resolve("onbekend:1") is None


def test_a_section_cites_scan_findings_as_links_but_never_a_closed_signaal(
    personas, client_for
):
    from tests.scans import factories as scans

    _doc, (sectie,) = make_document(personas)
    gebied = scans.buurt()
    openbaar = scans.signaal(gebied, personas.politie, "openbaar")
    besloten = scans.signaal(gebied, personas.politie, "organisatie")
    scan = scans.scan(gebied, scans.ronde())
    actie = scans.actie(gebied, personas.welzijn)
    client = client_for(personas.medewerker)
    url = reverse("visie:citatie_create", args=[sectie.pk])
    for value in (
        f"signaal:{openbaar.pk}",
        f"gebiedsscan:{scan.pk}",
        f"actie:{actie.pk}",
    ):
        assert client.post(url, {"target": value}).status_code == 302
    refused = client.post(url, {"target": f"signaal:{besloten.pk}"})
    assert refused.status_code == 200
    assert sectie.citaties.count() == 3
    body = client.get(sectie.get_absolute_url()).content.decode()
    for obj in (openbaar, scan, actie):
        assert f'href="{obj.get_absolute_url()}"' in body
    assert besloten.get_absolute_url() not in body


def test_each_reader_sees_the_cited_items_the_policy_lets_them_read(
    personas, client_for
):
    from tests.scans import factories as scans

    _doc, (sectie,) = make_document(personas)
    signaal = scans.signaal(
        scans.buurt(), personas.politie, "partners", text="Hangplek"
    )
    services.citatie_create(sectie=sectie, user=personas.medewerker, target=signaal)
    url = signaal.get_absolute_url()
    for user, shown in [
        (personas.outsider, True),
        (personas.procesbegeleider, True),
        (personas.beheerder, False),
    ]:
        body = client_for(user).get(sectie.get_absolute_url()).content.decode()
        assert (url in body) is shown, user
