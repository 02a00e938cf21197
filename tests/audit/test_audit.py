import pytest
from django.db import connection
from django.urls import reverse

from core.audit.models import AppendOnlyError, AuditEntry
from core.audit.services import Action, record


@pytest.mark.django_db
def test_recording_keeps_who_did_what_to_which_record(medewerker, personas):
    entry = record(actor=medewerker, action=Action.VIEW, obj=personas.politie)
    assert entry.actor_label == f"#{medewerker.pk} {medewerker.email}"
    assert entry.object_type == "partners.organisation"
    assert entry.object_id == str(personas.politie.pk)
    assert entry.object_label == "Politie"


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_through_the_orm(medewerker):
    entry = record(actor=medewerker, action=Action.EXPORT, object_type="scans.signaal")
    entry.object_label = "verdoezeld"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(object_label="x")


@pytest.mark.django_db
def test_postgresql_itself_refuses_to_change_an_entry(medewerker):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    entry = record(actor=medewerker, action=Action.VIEW, object_type="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_the_beheerder_filters_the_trail_and_exports_it_as_csv(
    client_for, beheerder, medewerker, outsider
):
    record(
        actor=medewerker,
        action=Action.VIEW,
        object_type="scans.signaal",
        object_id=1,
        label="Signaal A",
    )
    record(
        actor=outsider,
        action=Action.EXPORT,
        object_type="scans.meting",
        label="Export metingen",
    )
    client = client_for(beheerder)
    page = client.get(reverse("audit:entry_list"), {"action": "export"})
    body = page.content.decode()
    assert "Export metingen" in body
    assert "Signaal A" not in body
    export = client.get(reverse("audit:entry_export"), {"actor": "sanne"})
    content = b"".join(export.streaming_content).decode()
    assert export["Content-Type"].startswith("text/csv")
    assert "Signaal A" in content
    assert "Export metingen" not in content
    # The export itself lands in the trail.
    assert AuditEntry.objects.filter(actor=beheerder, action="export").exists()


@pytest.mark.django_db
def test_a_reversed_date_range_gets_a_dutch_message(client_for, beheerder):
    page = client_for(beheerder).get(
        reverse("audit:entry_list"), {"since": "2026-11-10", "until": "2026-11-01"}
    )
    assert page.status_code == 200
    assert "De einddatum ligt voor de begindatum." in page.content.decode()


@pytest.mark.django_db
def test_the_trail_page_runs_a_bounded_number_of_queries(
    client_for, beheerder, medewerker, django_assert_max_num_queries
):
    client = client_for(beheerder)
    client.get(reverse("audit:entry_list"))
    for i in range(150):
        record(actor=medewerker, action=Action.VIEW, object_type="t", object_id=i)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("audit:entry_list")).status_code == 200


@pytest.mark.django_db
def test_behind_the_proxy_the_entry_keeps_the_clients_address(
    medewerker, personas, rf, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
    entry = record(
        actor=medewerker, action=Action.VIEW, obj=personas.politie, request=request
    )
    assert entry.ip_address == "203.0.113.7"
