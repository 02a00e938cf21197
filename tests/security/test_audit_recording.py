"""Views of sensitive records leave an entry in the audit trail."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.audit.models import AuditEntry
from scans.models import Oordeel
from tests.rapportage.factories import make_rapport
from tests.scans import factories as f


def _detail(signaal):
    return reverse("scans:signaal_detail", kwargs={"pk": signaal.pk})


def test_viewing_an_organisatie_signaal_is_recorded(personas, client_for):
    signaal = f.signaal(f.buurt(), personas.woonkracht10, "organisatie")

    response = client_for(personas.medewerker).get(_detail(signaal))

    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.actor == personas.medewerker
    assert entry.action == "view"
    assert entry.object_type == "scans.signaal"
    assert entry.object_id == str(signaal.pk)
    assert entry.classification == "organisatie"


def test_viewing_a_partners_signaal_is_recorded(personas, client_for):
    signaal = f.signaal(f.buurt(), personas.woonkracht10, "partners")
    client_for(personas.outsider).get(_detail(signaal))
    assert AuditEntry.objects.filter(classification="partners").count() == 1


def test_a_public_signaal_is_not_recorded(personas, client_for):
    signaal = f.signaal(f.buurt(), personas.woonkracht10, "openbaar")
    client_for(personas.medewerker).get(_detail(signaal))
    assert not AuditEntry.objects.exists()


def test_an_outsider_or_raadslid_without_access_leaves_no_entry(personas, client_for):
    signaal = f.signaal(f.buurt(), personas.woonkracht10, "organisatie")
    assert client_for(personas.outsider).get(_detail(signaal)).status_code == 404
    assert client_for(personas.raadslid).get(_detail(signaal)).status_code == 403
    assert not AuditEntry.objects.exists()


def _download(rapport):
    return reverse("rapportage:rapport_download", kwargs={"uid": rapport.uid})


def test_downloading_an_unpublished_report_is_recorded(personas, client_for):
    rapport = make_rapport(requested_by=personas.griffier, title="Concept")

    response = client_for(personas.griffier).get(_download(rapport))

    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action) == (personas.griffier, "export")
    assert entry.object_id == str(rapport.pk)


def test_a_published_report_download_is_not_recorded(personas, client_for):
    rapport = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    assert client_for(personas.raadslid).get(_download(rapport)).status_code == 200
    assert not AuditEntry.objects.exists()


def test_a_raadslid_cannot_download_a_draft_and_leaves_no_entry(personas, client_for):
    rapport = make_rapport(requested_by=personas.griffier, title="Concept")
    assert client_for(personas.raadslid).get(_download(rapport)).status_code == 404
    assert not AuditEntry.objects.exists()


def test_a_list_of_classified_police_signals_is_recorded_with_their_ids(
    personas, client_for
):
    buurt = f.buurt()
    own = f.signaal(buurt, personas.politie, "organisatie", text="Politie: hennep")
    shared = f.signaal(buurt, personas.woonkracht10, "partners")
    f.signaal(buurt, personas.woonkracht10, "openbaar")

    response = client_for(personas.politie_medewerker).get(
        reverse("scans:signaal_list")
    )

    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.actor == personas.politie_medewerker
    assert entry.action == "view"
    assert entry.object_type == "scans.signaal"
    assert entry.classification == "organisatie"  # the most restricted shown
    assert sorted(entry.details["ids"]) == sorted([own.pk, shared.pk])


@pytest.mark.django_db(transaction=True)
def test_a_kept_list_of_signals_is_recorded_as_a_fresh_one(personas, client_for):
    """The page of the list is kept for the next readers (ADR 0016); each
    reading of it is recorded with the ids and level of what it showed."""
    buurt = f.buurt()
    own = f.signaal(buurt, personas.politie, "organisatie", text="Politie: hennep")
    shared = f.signaal(buurt, personas.woonkracht10, "partners")
    f.signaal(buurt, personas.woonkracht10, "openbaar")
    client = client_for(personas.politie_medewerker)

    for _ in range(3):
        assert client.get(reverse("scans:signaal_list")).status_code == 200

    entries = list(AuditEntry.objects.all())
    assert len(entries) == 3
    for entry in entries:
        assert entry.actor == personas.politie_medewerker
        assert entry.object_type == "scans.signaal"
        assert entry.classification == "organisatie"
        assert sorted(entry.details["ids"]) == sorted([own.pk, shared.pk])


def test_the_signals_on_a_gebied_page_are_recorded(personas, client_for):
    buurt = f.buurt()
    signaal = f.signaal(buurt, personas.woonkracht10, "partners")
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})
    client_for(personas.outsider).get(url)
    entry = AuditEntry.objects.get()
    assert entry.details["ids"] == [signaal.pk]
    assert entry.classification == "partners"


def test_the_signals_and_judgements_of_a_gebied_page_are_recorded_in_one_statement(
    personas, client_for
):
    buurt = f.buurt()
    signaal = f.signaal(buurt, personas.woonkracht10, "partners")
    oordeel = Oordeel.objects.create(
        scan=f.scan(buurt, f.ronde()),
        thema=f.thema(),
        organisation=personas.politie,
        score=2,
        toelichting="Hangplek bij de werfkade",
        rubricering="organisatie",
    )
    client = client_for(personas.politie_medewerker)
    url = reverse("scans:gebied_detail", kwargs={"code": buurt.code})

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    entries = {e.object_type: e for e in AuditEntry.objects.all()}
    assert entries["scans.signaal"].details["ids"] == [signaal.pk]
    assert entries["scans.signaal"].classification == "partners"
    assert entries["scans.oordeel"].details["ids"] == [oordeel.pk]
    assert entries["scans.oordeel"].classification == "organisatie"
    assert all(e.actor == personas.politie_medewerker for e in entries.values())
    inserts = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('INSERT INTO "audit_auditentry"')
    ]
    assert len(inserts) == 1


def test_a_page_with_only_public_records_leaves_no_entry(personas, client_for):
    f.signaal(f.buurt(), personas.woonkracht10, "openbaar")
    client_for(personas.medewerker).get(reverse("scans:signaal_list"))
    assert not AuditEntry.objects.exists()


def test_exporting_the_measurements_is_recorded(personas, client_for):
    response = client_for(personas.medewerker).get(reverse("scans:export_csv"))
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.action == "export"
    assert entry.object_type == "scans.meting"
    assert entry.classification == "partners"


def test_classified_comments_shown_on_a_section_are_recorded(personas, client_for):
    from tests.visie.factories import make_document
    from visie import services

    document, secties = make_document(personas)
    sectie = secties[0]
    opmerking = services.opmerking_create(
        sectie=sectie,
        user=personas.politie_medewerker,
        text="Alleen voor de politie",
        rubricering="organisatie",
    )
    client_for(personas.politie_medewerker).get(sectie.get_absolute_url())
    entry = AuditEntry.objects.get()
    assert entry.object_type == "visie.opmerking"
    assert entry.details["ids"] == [opmerking.pk]
    assert entry.classification == "organisatie"


def test_a_nul_in_a_filter_neither_breaks_the_list_nor_the_trail(personas, client_for):
    f.signaal(f.buurt(), personas.woonkracht10, "partners")
    response = client_for(personas.medewerker).get(
        reverse("scans:signaal_list"), {"q": "a\x00b", "gebied": "\x00"}
    )
    assert response.status_code == 200
