"""Oversized forms and uploads are refused early, in Dutch, with nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.test import RequestFactory
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from core.middleware import RequestSizeLimitMiddleware
from tests.visie.factories import PDF_BYTES
from visie.models import Bron

MB = 1024 * 1024
TOO_LARGE = "Wat u verstuurde is te groot"


def _bron_form(**extra) -> dict:
    return {"title": "Stuk", "soort": "beleid", "rubricering": "partners", **extra}


def test_a_10_mb_form_post_gets_the_dutch_413_page_and_saves_nothing(
    personas, client_for
):
    client = client_for(personas.medewerker)
    response = client.post(
        reverse("visie:bron_create"),
        _bron_form(description="x" * (10 * MB), url="https://example.nl/stuk"),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert TOO_LARGE in page
    assert "hoogstens 5,0\xa0MB" in page
    assert "Er is niets van opgeslagen" in page
    assert Bron.objects.count() == 0


def test_the_413_page_also_answers_a_visitor_who_is_not_signed_in(client):
    response = client.post(
        reverse("account_login"),
        "login=" + "a" * (10 * MB),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()


def test_an_upload_far_over_the_limit_is_refused_before_parsing(personas, client_for):
    client = client_for(personas.medewerker)
    big = SimpleUploadedFile("groot.pdf", PDF_BYTES + b"0" * (20 * MB))
    response = client.post(reverse("visie:bron_create"), _bron_form(upload=big))
    assert response.status_code == 413
    assert "hoogstens 11,0\xa0MB" in response.content.decode()
    assert Bron.objects.count() == 0


def test_an_upload_just_over_the_file_limit_gets_a_form_error(personas, client_for):
    client = client_for(personas.medewerker)
    upload = SimpleUploadedFile("bijna.pdf", PDF_BYTES + b"0" * (10 * MB + 512 * 1024))
    response = client.post(reverse("visie:bron_create"), _bron_form(upload=upload))
    assert response.status_code == 200
    page = response.content.decode()
    assert "de grens is 10,0\xa0MB" in page
    assert Bron.objects.count() == 0


def test_long_text_fields_in_a_multipart_form_get_the_413_page(personas, client_for):
    # Under the request limit, so Django's parser finds the 5 MB field limit.
    client = client_for(personas.medewerker)
    response = client.post(
        reverse("visie:bron_create"),
        _bron_form(description="x" * (6 * MB), url="https://example.nl/stuk"),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert TOO_LARGE in page
    assert "hoogstens 5,0\xa0MB" in page
    assert Bron.objects.count() == 0


def test_another_unreadable_form_gets_a_dutch_400_page(personas, client_for):
    client = client_for(personas.medewerker)
    fields = "&".join(f"f{i}=1" for i in range(1200))
    response = client.post(
        reverse("visie:bron_create"),
        fields,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.content.decode()
    assert Bron.objects.count() == 0


class _Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


@pytest.mark.parametrize(
    "content_type, size",
    [
        ("application/x-www-form-urlencoded", 5 * MB + 1),
        (MULTIPART_CONTENT, 11 * MB + 1),
    ],
)
def test_the_body_is_never_read_when_its_length_is_over_the_limit(
    content_type, size, db
):
    environ = RequestFactory()._base_environ(
        REQUEST_METHOD="POST",
        PATH_INFO="/visie/bronnen/nieuw/",
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": _Unreadable()},
    )
    request = WSGIRequest(environ)

    def view(request):
        request.POST  # noqa: B018 - what a view would do first
        raise AssertionError("the request reached the view")

    response = RequestSizeLimitMiddleware(view)(request)
    assert response.status_code == 413


def test_a_form_within_the_limits_is_let_through(personas, client_for):
    body = encode_multipart("BoUnDaRy", _bron_form(url="https://example.nl/stuk"))
    response = client_for(personas.medewerker).post(
        reverse("visie:bron_create"),
        body,
        content_type="multipart/form-data; boundary=BoUnDaRy",
    )
    assert response.status_code == 302
    assert Bron.objects.count() == 1
