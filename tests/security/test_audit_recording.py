"""Views of sensitive records leave an entry in the audit trail."""

from django.urls import reverse

from buurtaanpak.audit.models import AuditEntry
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
