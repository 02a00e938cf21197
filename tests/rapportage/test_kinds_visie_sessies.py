"""The visie document and sessieverslag kinds (skipped until their apps land)."""

from django.urls import reverse

from portal.rapportage.models import Rapport
from tests.rapportage.pdftext import text_of
from tests.rapportage.subjects import (
    VERSLAG_TEXT,
    released_versie,
    sessie_with_verslag,
)


def _flat(rapport) -> str:
    return "".join(text_of(rapport).split())


def test_a_visie_report_shows_the_frozen_version_afspraken_and_sign_offs(
    personas, request_rapport
):
    versie_pk = released_versie(personas)
    rapport = request_rapport(
        user=personas.griffier, kind="visie", audience="raad", subject_pk=versie_pk
    )
    assert rapport.status == Rapport.Status.KLAAR, rapport.error
    text = _flat(rapport)
    assert "Sectie1" in text and "Sectie2" in text
    assert "BuurtoverlegSouburgh" in text  # the afspraken matrix
    assert "Woonkracht10" in text  # a sign-off
    assert "Openbarevraag" in text  # openbaar comments do reach the raad


def test_a_sessieverslag_shows_attendance_minutes_and_public_outcomes(
    personas, request_rapport
):
    sessie_pk = sessie_with_verslag(personas)
    rapport = request_rapport(
        user=personas.griffier,
        kind="sessieverslag",
        audience="raad",
        subject_pk=sessie_pk,
    )
    assert rapport.status == Rapport.Status.KLAAR, rapport.error
    text = _flat(rapport)
    assert "".join(VERSLAG_TEXT.split()) in text
    assert "1van2" in text  # attendance as counts, never names
    assert personas.raadslid.get_full_name().replace(" ", "") not in text
    assert "Speelplekopknappen" in text


def test_the_request_form_offers_versions_and_sessions(personas, client_for):
    released_versie(personas)
    sessie_with_verslag(personas)
    page = client_for(personas.griffier).get(reverse("rapportage:rapport_request"))
    content = page.content.decode()
    assert 'name="versie"' in content
    assert 'name="sessie"' in content
    assert "Raadswerksessie Souburgh" in content


def test_a_visie_report_without_a_version_is_refused_with_a_message(
    personas, client_for
):
    released_versie(personas)
    response = client_for(personas.griffier).post(
        reverse("rapportage:rapport_request"), {"kind": "visie", "audience": "raad"}
    )
    assert response.status_code == 200
    assert "Kies de visieversie." in response.content.decode()
    assert not Rapport.objects.exists()


def test_session_minutes_without_a_session_are_refused_with_a_message(
    personas, client_for
):
    sessie_with_verslag(personas)
    response = client_for(personas.griffier).post(
        reverse("rapportage:rapport_request"),
        {"kind": "sessieverslag", "audience": "raad"},
    )
    assert response.status_code == 200
    assert "Kies de sessie." in response.content.decode()
    assert not Rapport.objects.exists()
