"""Media in S3-compatible object storage: private, and out only through our views.

A real S3 API (moto's server on a free local port, fixtures in conftest) stands in
for the gemeente's object store; settings are built from the same
environment variables as in production.
"""

import hashlib
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from buurtaanpak.messages import BASE
from portal.rapportage.models import Rapport
from tests.s3 import BUCKET, S3_ENV, object_keys
from tests.visie.factories import PDF_BYTES, pdf_upload
from visie.models import Bron


def _anonymous_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _download(client, rapport: Rapport):
    return client.get(
        reverse("rapportage:rapport_download", kwargs={"uid": rapport.uid})
    )


def test_a_report_is_stored_in_the_bucket_and_downloaded_only_by_whom_may(
    s3, s3_endpoint, personas, client_for, django_capture_on_commit_callbacks
):
    griffier = client_for(personas.griffier)
    with django_capture_on_commit_callbacks(execute=True):
        response = griffier.post(
            reverse("rapportage:rapport_request"),
            {"kind": "voortgang", "audience": "raad", "title": ""},
        )
    assert response.status_code == 302
    rapport = Rapport.objects.get()
    assert rapport.status == Rapport.Status.KLAAR, rapport.error

    key = f"media/{rapport.file.name}"
    assert object_keys(s3) == [key]
    assert not list(Path(settings.MEDIA_ROOT).rglob(f"{rapport.uid}*"))
    # Only the bucket owner is granted anything; an unsigned request is refused.
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [g["Grantee"]["Type"] for g in grants] == ["CanonicalUser"]
    assert _anonymous_status(f"{s3_endpoint}/{BUCKET}/{key}") == 403

    download = _download(client_for(personas.griffier), rapport)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == rapport.sha256
    # Not published yet: the raad and other partners do not even see it exists.
    assert _download(client_for(personas.raadslid), rapport).status_code == 404
    assert _download(client_for(personas.outsider), rapport).status_code == 404
    assert _download(client_for(None), rapport).status_code == 302


def test_a_report_whose_object_is_gone_gives_404_not_an_error(s3, personas, client_for):
    from tests.rapportage.factories import make_rapport

    rapport = make_rapport(requested_by=personas.griffier)
    s3.delete_object(Bucket=BUCKET, Key=f"media/{rapport.file.name}")
    assert _download(client_for(personas.griffier), rapport).status_code == 404


def test_a_source_document_goes_to_the_bucket_and_out_through_the_view(
    s3, personas, client_for
):
    response = client_for(personas.medewerker).post(
        reverse("visie:bron_create"),
        {"title": "Coalitieakkoord", "soort": "beleid", "upload": pdf_upload()},
    )
    assert response.status_code == 302
    bron = Bron.objects.get()
    assert object_keys(s3) == [f"media/{bron.file.name}"]

    url = reverse("visie:bron_download", args=[bron.pk])
    download = client_for(personas.outsider).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert client_for(personas.raadslid).get(url).status_code == 403


def test_two_files_of_the_same_name_are_both_kept(s3):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    first = default_storage.save("bronnen/2026/stuk.pdf", ContentFile(b"een"))
    second = default_storage.save("bronnen/2026/stuk.pdf", ContentFile(b"twee"))
    assert first != second
    with default_storage.open(first) as handle:
        assert handle.read() == b"een"


def _check(env: dict, var: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE,
        # The embedded mode's files (secret key, broker folders) go to the
        # test's own folder, not into the checkout.
        env={**clean, **env, "VAR_DIR": str(var)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env, message",
    [
        (
            {"S3_ENDPOINT_URL": "https://s3.example.nl"},
            "S3_BUCKET is required when S3_ENDPOINT_URL is set",
        ),
        (
            {"S3_BUCKET": BUCKET, "S3_ACCESS_KEY_ID": "portal"},
            "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together",
        ),
        (
            {"S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": "s3.example.nl"},
            "S3_ENDPOINT_URL must be an http(s) address",
        ),
        (
            {"S3_BUCKET": BUCKET, "S3_ADDRESSING_STYLE": "sideways"},
            "S3_ADDRESSING_STYLE must be one of",
        ),
    ],
)
def test_an_incomplete_s3_configuration_is_refused_at_start_up(env, message, tmp_path):
    result = _check(env, tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_complete_s3_configuration_starts(tmp_path):
    code = (
        "from django.core.files.storage import storages;"
        "s = storages['default'];"
        "print('RESULT', type(s).__name__, s.bucket_name, s.default_acl,"
        " s.file_overwrite)"
    )
    env = {**S3_ENV, "S3_ENDPOINT_URL": "https://s3.example.nl"}
    clean = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE,
        env={**clean, **env, "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT"))
    assert line.split()[1:] == ["S3Storage", BUCKET, "None", "False"]
