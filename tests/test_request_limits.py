"""Oversized forms and uploads are refused in Dutch, with nothing saved.

A file over the limit but inside the request limit comes back as the form,
with everything typed in it kept and an error on the file; a request over the
request limit is refused before its body is read, with the 413 page. Both
name the limit the way the form's help text does.
"""

import html
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.templatetags.static import static
from django.test import RequestFactory
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from core.middleware import RequestSizeLimitMiddleware
from core.sizes import format_size
from tests import htmlforms
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
    assert "hoogstens 5\xa0MB" in page
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


def _limit() -> str:
    return format_size(settings.UPLOAD_MAX_BYTES)


def _file_of(size: int, name: str = "groot.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES + b"0" * (size - len(PDF_BYTES)))


def test_the_limit_is_one_number_written_one_way():
    assert settings.UPLOAD_MAX_BYTES == settings.UPLOAD_MAX_MB * MB
    assert _limit() == f"{settings.UPLOAD_MAX_MB}\xa0MB"
    # A file somewhat over the limit still reaches the form.
    assert settings.REQUEST_MAX_BYTES > 2 * settings.UPLOAD_MAX_BYTES


def _bron_form_in(page: str):
    (form,) = [f for f in htmlforms.post_forms(page) if f.enctype.startswith("multi")]
    return form


def _typed(form) -> dict[str, list[str]]:
    """Something typed or chosen in every field, as a person fills the form."""
    data: dict[str, list[str]] = {}
    for control in form.controls:
        name = control.name
        if control.type in {"hidden", "file"} or name in data:
            continue
        if control.tag == "select":
            options = list(control.element.iter(f"{htmlforms.NS}option"))
            data[name] = [options[-1].get("value")]
        elif control.type in {"radio", "checkbox"}:
            choices = [c for c in form.controls if c.name == name]
            data[name] = [choices[-1].element.get("value", "on")]
        elif control.type == "date":
            data[name] = ["2026-12-31"]
        elif control.type == "url":
            data[name] = ["https://www.alblasserdam.nl/buurtaanpak"]
        elif control.tag == "textarea":
            data[name] = ["Eerste regel.\nTweede regel."]
        else:
            data[name] = [f"Getypt in {name}"]
    return data


def test_a_refused_upload_keeps_every_typed_field_and_names_the_limit(
    personas, client_for
):
    client = client_for(personas.medewerker)
    url = reverse("visie:bron_create")
    page = client.get(url).content.decode()
    form = _bron_form_in(page)
    assert f"hoogstens {_limit()}." in html.unescape(page)
    typed = _typed(form)
    too_large = settings.UPLOAD_MAX_BYTES + 5 * MB
    assert too_large < settings.REQUEST_MAX_BYTES
    response = client.post(url, {**form.data(), **typed, "upload": _file_of(too_large)})
    assert response.status_code == 200
    again = _bron_form_in(response.content.decode())
    for name, values in typed.items():
        shown = [v.replace("\r\n", "\n") for v in again.values(name)]
        assert shown == values, f"{name}: typed {values}, shown {shown}"
    error = response.context["form"].errors["upload"]
    assert error == [
        f"Het bestand is {format_size(too_large)}; de grens is {_limit()}."
    ]
    assert Bron.objects.count() == 0


def test_the_file_input_carries_the_limit_for_the_check_before_sending(
    personas, client_for
):
    page = client_for(personas.medewerker).get(reverse("visie:bron_create"))
    upload = _bron_form_in(page.content.decode()).control("upload").element
    assert upload.get("data-max-bytes") == str(settings.UPLOAD_MAX_BYTES)
    assert _limit() in upload.get("data-too-large")
    assert static("js/upload-limit.js") in page.content.decode()


def test_an_upload_far_over_the_limit_gets_the_413_page_naming_the_file_limit(
    personas, client_for
):
    client = client_for(personas.medewerker)
    big = _file_of(settings.REQUEST_MAX_BYTES + MB)
    response = client.post(reverse("visie:bron_create"), _bron_form(upload=big))
    assert response.status_code == 413
    page = response.content.decode()
    assert f"Een bestand mag hoogstens {_limit()} zijn" in page
    assert "knop Vorige" in page
    assert Bron.objects.count() == 0


def test_an_upload_just_over_the_file_limit_gets_a_form_error(personas, client_for):
    client = client_for(personas.medewerker)
    upload = _file_of(settings.UPLOAD_MAX_BYTES + 1)
    response = client.post(reverse("visie:bron_create"), _bron_form(upload=upload))
    assert response.status_code == 200
    assert f"de grens is {_limit()}" in response.content.decode()
    assert Bron.objects.count() == 0


def test_an_upload_at_the_limit_is_accepted(personas, client_for):
    client = client_for(personas.medewerker)
    upload = _file_of(settings.UPLOAD_MAX_BYTES)
    response = client.post(reverse("visie:bron_create"), _bron_form(upload=upload))
    assert response.status_code == 302
    assert Bron.objects.get().size == settings.UPLOAD_MAX_BYTES


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
    assert "hoogstens 5\xa0MB" in page
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
    "content_type, limit",
    [
        ("application/x-www-form-urlencoded", "DATA_UPLOAD_MAX_MEMORY_SIZE"),
        (MULTIPART_CONTENT, "REQUEST_MAX_BYTES"),
    ],
)
def test_the_body_is_never_read_when_its_length_is_over_the_limit(
    content_type, limit, db
):
    size = getattr(settings, limit) + 1
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
