"""Regression tests for the findings of the trust review ("Trust by construction").

- The griffier read the police's judgement and every measurement on the scan
  and area pages, while the measurements CSV refused it.
- The beheerder read Welzijn's organisatie-level comment in the admin.
- Bronnen (and their files) had no classification.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.policy import Rubricering
from scans.models import Oordeel
from tests.scans import factories as f
from tests.visie.factories import make_bron, make_document, pdf_upload

pytestmark = pytest.mark.django_db

HANGPLEK = "Vaste hangplek bij de werfkade in de avonduren; meer meldingen."
WAARDE = "37,125"


@pytest.fixture
def scan_of_the_police(personas):
    buurt = f.buurt(2, name="Redersbuurt")
    scan = f.scan(buurt, f.ronde())
    f.meting(scan, f.indicator(), "37.125", personas.politie)
    Oordeel.objects.create(
        scan=scan,
        thema=f.thema(),
        organisation=personas.politie,
        score=2,
        toelichting=HANGPLEK,
        rubricering=Rubricering.PARTNERS,
        author=personas.politie_medewerker,
    )
    return scan


def _pages(scan):
    return [scan.get_absolute_url(), scan.gebied.get_absolute_url()]


def test_the_griffier_reads_no_judgement_and_no_figure_of_the_police(
    client_for, personas, scan_of_the_police
):
    client = client_for(personas.griffier)
    for url in _pages(scan_of_the_police):
        response = client.get(url)
        assert response.status_code == 200
        assert HANGPLEK not in response.content.decode()
    assert (
        WAARDE not in client.get(scan_of_the_police.get_absolute_url()).content.decode()
    )


def test_a_partner_does_read_them_so_the_check_above_can_fail(
    client_for, personas, scan_of_the_police
):
    client = client_for(personas.outsider)
    for url in _pages(scan_of_the_police):
        assert HANGPLEK in client.get(url).content.decode()
    assert WAARDE in client.get(scan_of_the_police.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "persona", ["griffier", "raadslid", "beheerder", "outsider", "procesbegeleider"]
)
def test_the_scan_page_and_the_csv_agree_on_the_figures(
    client_for, personas, scan_of_the_police, persona
):
    client = client_for(personas.by_name()[persona])
    page = client.get(scan_of_the_police.get_absolute_url())
    csv = client.get(reverse("scans:export_csv"))
    on_page = page.status_code == 200 and WAARDE in page.content.decode()
    in_csv = csv.status_code == 200 and WAARDE in csv.content.decode("utf-8-sig")
    assert on_page == in_csv
    assert on_page == (persona in {"outsider", "procesbegeleider"})


def test_the_beheerder_reads_no_organisatie_comment_in_the_admin(client_for, personas):
    from visie.models import Opmerking

    _document, [sectie] = make_document(personas)
    opmerking = Opmerking.objects.create(
        sectie=sectie,
        text="Interne zorg van Welzijn over de jongerenwerker",
        rubricering=Rubricering.ORGANISATIE,
        author=personas.outsider,
        organisation=personas.welzijn,
    )
    client = client_for(personas.beheerder)
    url = reverse("admin:visie_opmerking_change", args=[opmerking.pk])
    response = client.get(url, follow=True)
    assert opmerking.text not in response.content.decode()
    listed = client.get(reverse("admin:visie_opmerking_changelist"))
    assert url not in listed.content.decode()


def test_a_bron_and_its_file_follow_their_level(client_for, personas):
    p = personas
    bron = make_bron(p, rubricering=Rubricering.ORGANISATIE, user=p.politie_medewerker)
    assert bron.organisation == p.politie
    urls = [bron.get_absolute_url(), reverse("visie:bron_download", args=[bron.pk])]
    for user in (p.outsider, p.procesbegeleider, p.beheerder):
        for url in urls:
            assert client_for(user).get(url).status_code == 404, (user, url)
        listed = client_for(user).get(reverse("visie:bron_list")).content.decode()
        assert bron.title not in listed
    colleague = client_for(p.politie_medewerker)
    for url in urls:
        assert colleague.get(url).status_code == 200
    shared = make_bron(p, rubricering=Rubricering.PARTNERS)
    download = reverse("visie:bron_download", args=[shared.pk])
    assert client_for(p.outsider).get(download).status_code == 200
    assert client_for(p.beheerder).get(download).status_code == 404


def test_the_bron_form_asks_for_the_level_and_stores_the_organisation(
    client_for, personas
):
    from visie.models import Bron

    client = client_for(personas.outsider)
    form = client.get(reverse("visie:bron_create")).content.decode()
    assert 'name="rubricering"' in form and 'type="radio"' in form
    response = client.post(
        reverse("visie:bron_create"),
        {
            "title": "Notitie jongerenwerk",
            "soort": "onderzoek",
            "rubricering": "organisatie",
            "upload": pdf_upload(),
        },
    )
    assert response.status_code == 302
    bron = Bron.objects.get(title="Notitie jongerenwerk")
    assert (bron.rubricering, bron.organisation) == ("organisatie", personas.welzijn)


def test_judgement_and_note_forms_ask_for_the_level(
    client_for, personas, scan_of_the_police
):
    from scans.models import Meting

    client = client_for(personas.medewerker)
    scan = f.scan(f.buurt(3), f.ronde())
    for name in ("scans:oordeel_create", "scans:meting_create"):
        page = client.get(reverse(name, args=[scan.pk])).content.decode()
        assert 'name="rubricering"' in page and 'type="radio"' in page, name
    client.post(
        reverse("scans:oordeel_create", args=[scan.pk]),
        {
            "thema": f.thema().pk,
            "score": "3",
            "toelichting": "Rustig",
            "rubricering": "openbaar",
        },
    )
    assert scan.oordelen.get().rubricering == "openbaar"
    client.post(
        reverse("scans:meting_create", args=[scan.pk]),
        {
            "indicator": f.indicator().pk,
            "value": "4",
            "gemeten_op": "2025-03-31",
            "note": "Telling door de wijkagent",
        },
    )
    # Without a choice the note stays with the organisation that entered it.
    assert Meting.objects.get(scan=scan).rubricering == "organisatie"
    other = client_for(personas.outsider).get(scan.get_absolute_url())
    assert "Telling door de wijkagent" not in other.content.decode()
    own = client_for(personas.coordinator).get(scan.get_absolute_url())
    assert "Telling door de wijkagent" in own.content.decode()


def test_the_griffier_writes_minutes_only_at_levels_it_can_read(client_for, personas):
    from sessies.models import Verslag
    from tests.sessies.factories import make_sessie

    p = personas
    sessie = make_sessie(
        p.griffier, p.griffie, start=timezone.now() - timezone.timedelta(days=1)
    )
    client = client_for(p.griffier)
    url = reverse("sessies:verslag_edit", args=[sessie.pk])
    form = client.get(url).content.decode()
    assert 'value="openbaar"' in form and 'value="organisatie"' in form
    assert 'value="partners"' not in form
    response = client.post(url, {"text": "Verslag", "rubricering": "partners"})
    assert response.status_code == 200
    assert not Verslag.objects.exists()
    client.post(url, {"text": "Verslag", "rubricering": "organisatie"})
    assert Verslag.objects.get().rubricering == "organisatie"


def test_reading_classified_judgements_bronnen_and_minutes_leaves_a_trace(
    client_for, personas, scan_of_the_police
):
    from core.audit.models import AuditEntry
    from sessies import services as sessie_services
    from tests.sessies.factories import make_sessie

    p = personas
    oordeel = scan_of_the_police.oordelen.get()
    client_for(p.griffier).get(scan_of_the_police.gebied.get_absolute_url())
    assert not AuditEntry.objects.filter(object_type="scans.oordeel").exists()
    client = client_for(p.outsider)
    client.get(scan_of_the_police.gebied.get_absolute_url())
    entry = AuditEntry.objects.get(object_type="scans.oordeel")
    assert (entry.actor, entry.classification) == (p.outsider, "partners")
    assert entry.details["ids"] == [oordeel.pk]

    bron = make_bron(p, rubricering=Rubricering.PARTNERS)
    client.get(reverse("visie:bron_download", args=[bron.pk]))
    assert AuditEntry.objects.filter(
        object_type="visie.bron", object_id=str(bron.pk), actor=p.outsider
    ).exists()

    sessie = make_sessie(
        p.coordinator,
        p.woonkracht10,
        soort="partneroverleg",
        start=timezone.now() - timezone.timedelta(days=1),
    )
    verslag = sessie_services.verslag_save(
        sessie=sessie, by=p.coordinator, text="Besproken", rubricering="organisatie"
    )
    client_for(p.medewerker).get(reverse("sessies:verslag_detail", args=[sessie.pk]))
    entry = AuditEntry.objects.get(object_type="sessies.verslag")
    assert (entry.classification, entry.details["ids"]) == ("organisatie", [verslag.pk])


def test_the_audit_trail_names_a_bron_without_its_classified_title(
    client_for, personas
):
    p = personas
    bron = make_bron(p, rubricering=Rubricering.ORGANISATIE, user=p.politie_medewerker)
    client_for(p.politie_medewerker).get(bron.get_absolute_url())
    client = client_for(p.beheerder)
    for name in ("audit:entry_list", "audit:entry_export"):
        response = client.get(reverse(name))
        raw = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        body = raw.decode("utf-8-sig")
        assert f"bron {bron.pk}" in body
        assert bron.title not in body
