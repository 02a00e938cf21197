"""Bad input beyond the forms' own fields: no CSRF token, a forged invitation,
dangerous file names. Oversized requests: tests/test_request_limits.py."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from partners.models import Invitation, User
from scans.models import Signaal
from tests.scans import factories as f
from tests.visie.factories import PDF_BYTES
from visie.models import Bron

pytestmark = pytest.mark.django_db


def test_a_post_without_a_csrf_token_is_refused_and_saves_nothing(personas):
    buurt = f.buurt(2)
    f.thema()
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.medewerker)
    response = client.post(
        reverse("scans:signaal_create", kwargs={"code": buurt.code}),
        {"thema": "overlast", "soort": "hot_spot", "text": "Zonder token"},
    )
    assert response.status_code == 403
    assert "Formulier niet aanvaard" in response.content.decode()
    assert not Signaal.objects.exists()


@pytest.mark.parametrize("token", ["forged-token-1234", "x" * 64, "..%2F..%2Fadmin"])
def test_a_forged_invitation_token_gets_a_clear_answer_and_creates_nothing(
    client, token
):
    users, invitations = User.objects.count(), Invitation.objects.count()
    url = reverse("partners:invitation_accept", kwargs={"token": token})
    shown = client.get(url)
    posted = client.post(
        url,
        {
            "full_name": "Indringer",
            "password1": "Sterk-w8woord-2026",
            "password2": "Sterk-w8woord-2026",
        },
    )
    for response in (shown, posted):
        assert response.status_code == 404
        assert "uitnodiging" in response.content.decode().lower()
    assert User.objects.count() == users
    assert Invitation.objects.count() == invitations


def _upload(client, name: str, content: bytes):
    return client.post(
        reverse("visie:bron_create"),
        {
            "title": "Stuk",
            "soort": "beleid",
            "rubricering": "partners",
            "upload": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf.exe", PDF_BYTES),
        ("rapport.exe.pdf", b"MZ\x90\x00\x03 a program"),
        ("x.php.pdf", b"<?php system($_GET[1]); ?>"),
        ("foto.jpg.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_an_upload_with_a_double_extension_is_refused(
    personas, client_for, name, content
):
    response = _upload(client_for(personas.medewerker), name, content)
    assert response.status_code == 200
    assert "form-error" in response.content.decode()
    assert not Bron.objects.exists()


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "..\\..\\windows\\x.pdf", "/tmp/../x.pdf"]
)
def test_a_path_traversal_name_is_stored_under_a_generated_name(
    personas, client_for, name
):
    response = _upload(client_for(personas.medewerker), name, PDF_BYTES)
    assert response.status_code == 302
    bron = Bron.objects.get()
    stored = bron.file.name
    assert stored.startswith("bronnen/")
    assert ".." not in stored and "\\" not in stored
    # Named after the content's hash (plus a suffix if that name is taken).
    assert re.fullmatch(rf"{bron.sha256[:16]}(_\w+)?\.pdf", stored.rsplit("/", 1)[-1])
    assert "/" not in bron.filename and ".." not in bron.filename.replace(".pdf", "")
