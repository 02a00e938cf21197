import hashlib
import io
import json
import zipfile

from django.core.management import call_command
from django.urls import reverse

from core.audit.models import AuditEntry
from tests.rapportage.factories import make_rapport
from tests.scans import factories as f

REDEN = "Jaarlijkse overdracht aan het gemeentearchief"


def _open(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def test_a_beheerder_downloads_a_self_describing_archive(personas, client_for):
    signaal = f.signaal(
        f.buurt(), personas.woonkracht10, "organisatie", text="Hangplek"
    )
    rapport = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    make_rapport(requested_by=personas.griffier, title="Concept")

    client = client_for(personas.beheerder)
    assert client.get(reverse("archief:export")).status_code == 200
    response = client.post(reverse("archief:export"), {"reden": REDEN})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = _open(b"".join(response.streaming_content))
    manifest = json.loads(archive.read("manifest.json"))
    models = {m["model"]: m for m in manifest["models"]}
    assert "scans.signaal" in models
    assert any(f["name"] == "text" for f in models["scans.signaal"]["fields"])
    records = json.loads(archive.read(models["scans.signaal"]["file"]))
    assert records[0]["pk"] == signaal.pk
    assert records[0]["fields"]["text"] == "Hangplek"
    [document] = manifest["documents"]
    assert document["rapport"] == rapport.pk
    assert document["sha256_ok"] is True
    pdf = archive.read(document["file"])
    assert hashlib.sha256(pdf).hexdigest() == document["sha256"]


def test_secrets_stay_out_of_the_archive(personas, client_for):
    response = client_for(personas.beheerder).post(
        reverse("archief:export"), {"reden": REDEN}
    )
    archive = _open(b"".join(response.streaming_content))
    users = archive.read("records/partners.user.json").decode()
    assert "password" not in users
    assert "pbkdf2" not in users and "md5$" not in users
    invitations = json.loads(archive.read("records/partners.invitation.json"))
    assert all("token_hash" not in r["fields"] for r in invitations)


def test_the_export_is_audited_with_its_reason_and_counts_per_organisation(
    personas, client_for
):
    gebied = f.buurt()
    f.signaal(gebied, personas.politie, "organisatie", text="Vaste hangplek")
    f.signaal(gebied, personas.politie, "partners")
    f.signaal(gebied, personas.welzijn, "openbaar")
    client_for(personas.beheerder).post(reverse("archief:export"), {"reden": REDEN})
    entry = AuditEntry.objects.get(object_type="archief.export")
    assert entry.actor == personas.beheerder
    assert entry.action == "export"
    assert entry.details["reden"] == REDEN
    assert REDEN in entry.object_label
    counts = entry.details["per_organisatie"]
    assert counts["Politie"]["signaal"] == {"organisatie": 1, "partners": 1}
    assert counts["Stichting Welzijn Alblasserdam"]["signaal"] == {"openbaar": 1}


def test_an_export_without_a_reason_is_refused_and_leaves_no_trace(
    personas, client_for
):
    client = client_for(personas.beheerder)
    for data in ({}, {"reden": "   "}):
        response = client.post(reverse("archief:export"), data)
        assert response.status_code == 400
        assert "Geef de reden van deze export." in response.content.decode()
        assert response["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(object_type="archief.export").exists()


def test_others_cannot_export_and_leave_no_entry(personas, client_for):
    for user in (personas.coordinator, personas.griffier, personas.raadslid):
        response = client_for(user).post(reverse("archief:export"), {"reden": REDEN})
        assert response.status_code == 403
    assert not AuditEntry.objects.filter(object_type="archief.export").exists()


def test_the_command_writes_the_archive(personas, tmp_path, capsys):
    target = tmp_path / "archief.zip"
    call_command("export_archive", str(target), reden=REDEN)
    assert "Archief geschreven" in capsys.readouterr().out
    with zipfile.ZipFile(target) as archive:
        assert "manifest.json" in archive.namelist()
