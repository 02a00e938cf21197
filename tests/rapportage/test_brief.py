"""The raadsinformatiebrief as the college's letter: written by the griffie or
the gemeente's teams, signed, with the portal's annexes behind it; corrections
say what changed; default titles name their subject."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.rapportage import kinds, services
from portal.rapportage.models import Raadsinformatiebrief, Rapport
from portal.rapportage.services import brieven
from tests.rapportage.factories import make_rapport
from tests.rapportage.pdftext import text_of

LETTER = {
    "kenmerk": "Z-2026-00412",
    "date": "2026-11-24",
    "text": "Wij informeren u over de voortgang.\n\n- De visie is ondertekend.",
    "burgemeester": "J. van der Linden",
    "burgemeester_functie": "burgemeester",
    "secretaris": "A.M. Verhoef",
    "secretaris_functie": "secretaris",
}


@pytest.fixture
def concept(personas):
    """A raadsinformatiebrief the griffie requested; its letter is not written."""
    return make_rapport(requested_by=personas.griffier, brief=False, title="Brief")


def _letter_url(rapport):
    return reverse("rapportage:brief_edit", kwargs={"uid": rapport.uid})


# --- who writes ----------------------------------------------------------------


def test_the_griffie_and_the_gemeentes_teams_write_the_letter_and_nobody_else(
    concept, personas, gemeente_medewerker, gemeente_coordinator, client_for
):
    url = _letter_url(concept)
    for writer in [personas.griffier, gemeente_medewerker, gemeente_coordinator]:
        assert client_for(writer).get(url).status_code == 200, writer
    # Beheer sees the draft but does not write for the college; partners and
    # the raad do not even see it.
    assert client_for(personas.beheerder).get(url).status_code == 403
    for outsider in [
        personas.coordinator,
        personas.procesbegeleider,
        personas.raadslid,
    ]:
        assert client_for(outsider).get(url).status_code == 404, outsider


def test_a_gemeente_author_requests_the_letter_and_is_taken_to_write_it(
    gemeente_medewerker, client_for
):
    client = client_for(gemeente_medewerker)
    form = client.get(reverse("rapportage:rapport_request")).content.decode()
    assert 'value="voortgang"' in form
    response = client.post(
        reverse("rapportage:rapport_request"),
        {"kind": "voortgang", "audience": "raad"},
    )
    rapport = Rapport.objects.get()
    assert response["Location"] == _letter_url(rapport)
    # The author can come back to the draft before publication.
    assert client.get(rapport.get_absolute_url()).status_code == 200


def test_partner_coordinators_no_longer_request_the_colleges_letter(
    coordinator, client_for
):
    form = client_for(coordinator).get(reverse("rapportage:rapport_request"))
    assert 'value="voortgang"' not in form.content.decode()


# --- writing -------------------------------------------------------------------


def test_the_written_letter_is_rendered_again_with_the_colleges_text(
    concept, griffier, client_for, django_capture_on_commit_callbacks
):
    client = client_for(griffier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_letter_url(concept), LETTER)
    assert response["Location"] == concept.get_absolute_url()
    concept.refresh_from_db()
    assert concept.status == Rapport.Status.KLAAR
    text = " ".join(text_of(concept).split())
    assert "Wij informeren u over de voortgang." in text
    assert "Kenmerk Z-2026-00412" in text
    assert "Datum 24 november 2026" in text
    assert "A.M. Verhoef J. van der Linden" in text
    page = client.get(concept.get_absolute_url()).content.decode()
    assert "Z-2026-00412" in page
    assert "Brief aanpassen" in page


def test_the_form_shows_what_is_missing_and_saves_nothing(
    concept, griffier, client_for
):
    response = client_for(griffier).post(
        _letter_url(concept), {**LETTER, "kenmerk": "", "text": " "}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' in content
    assert "Kenmerk: Dit veld is verplicht." in content
    assert not Raadsinformatiebrief.objects.exists()


def test_a_bsn_in_the_letter_is_refused(concept, griffier, client_for):
    response = client_for(griffier).post(
        _letter_url(concept), {**LETTER, "text": "Bewoner met BSN 111222333."}
    )
    assert "burgerservicenummer" in response.content.decode()
    assert not Raadsinformatiebrief.objects.exists()


def test_the_colleges_markdown_is_rendered_safely(concept, griffier):
    brieven.brief_save(
        rapport=concept,
        by=griffier,
        **{
            **LETTER,
            "date": date(2026, 11, 24),
            "text": (
                "## Stand\n\n**Vet** en <script>alert(1)</script>\n\n"
                '<img src="https://evil.example/x.png">\n\n'
                "[klik](javascript:alert(1))"
            ),
        },
    )
    html = services.render_html(Rapport.objects.get(pk=concept.pk))
    assert "<h3>Stand</h3>" in html
    assert "<strong>Vet</strong>" in html
    assert "<script>alert" not in html
    assert '<img src="https://evil' not in html
    assert 'href="javascript' not in html  # the link is refused, left as text


def test_a_letter_saved_during_a_render_wins_over_that_render(personas, griffier):
    from portal.rapportage.services import rapporten

    concept = make_rapport(requested_by=griffier, brief=False, status="wachtrij")
    assert services.rapport_claim(pk=concept.pk)
    in_flight = Rapport.objects.get(pk=concept.pk)
    brieven.brief_save(
        rapport=concept, by=griffier, **{**LETTER, "date": date(2026, 11, 24)}
    )
    # The old render finishes late: it may neither store its file nor fail
    # the new request.
    rapporten._store(in_flight, b"%PDF-oud", 1, "oud")
    rapporten._fail(in_flight, "te laat")
    concept.refresh_from_db()
    assert concept.status == Rapport.Status.WACHTRIJ
    assert not concept.file and concept.error == ""
    assert services.rapport_process(pk=concept.pk) == "klaar"
    assert "Wij informeren u over de voortgang." in text_of(
        Rapport.objects.get(pk=concept.pk)
    )


# --- publication -----------------------------------------------------------------


def test_a_letter_without_the_colleges_text_is_not_published(
    concept, griffier, client_for
):
    page = client_for(griffier).get(concept.get_absolute_url()).content.decode()
    assert "Nog niet klaar voor publicatie:" in page
    response = client_for(griffier).post(
        reverse("rapportage:rapport_publish", kwargs={"uid": concept.uid}),
        follow=True,
    )
    assert "De brief van het college is nog niet geschreven" in (
        response.content.decode()
    )
    concept.refresh_from_db()
    assert not concept.is_published


def test_a_published_letter_never_changes(personas, client_for):
    published = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    assert client_for(personas.griffier).get(_letter_url(published)).status_code == 403
    with pytest.raises(ValidationError, match="gepubliceerde brief"):
        brieven.brief_save(
            rapport=published,
            by=personas.griffier,
            **{**LETTER, "date": date(2026, 12, 1)},
        )
    assert published.brief.date == date(2026, 11, 24)


# --- corrections -----------------------------------------------------------------


@pytest.fixture
def published(personas):
    return make_rapport(
        requested_by=personas.griffier,
        published_by=personas.griffier,
        title="Voortgang november",
    )


def test_a_correction_needs_to_say_what_changed(published, griffier, client_for):
    url = reverse("rapportage:rapport_correct", kwargs={"uid": published.uid})
    form = client_for(griffier).get(url)
    assert "Wat is er gewijzigd" in form.content.decode()
    response = client_for(griffier).post(url, {"title": "Correctie", "change_note": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' in content
    assert "Beschrijf wat de correctie wijzigt." in content
    assert not Rapport.objects.filter(supersedes=published).exists()
    with pytest.raises(ValidationError):
        services.rapport_correct(rapport=published, by=griffier, change_note="  ")


def test_the_change_note_is_on_the_page_and_in_the_pdf_and_the_letter_travels(
    published, personas, client_for, django_capture_on_commit_callbacks
):
    note = "Bijlage 3: de betaling aan Welzijn telt nu als betaald."
    with django_capture_on_commit_callbacks(execute=True):
        correction = services.rapport_correct(
            rapport=published, by=personas.griffier, change_note=note
        )
    correction.refresh_from_db()
    assert correction.title == "Voortgang november (correctie)"
    assert correction.brief.kenmerk == published.brief.kenmerk
    text = " ".join(text_of(correction).split())
    assert "Correctie. Dit rapport vervangt ‘Voortgang november’" in text
    assert f"Wat is er gewijzigd: {note}" in text
    assert "Kenmerk Z-2026-00412" in text
    page = client_for(personas.griffier).get(correction.get_absolute_url())
    assert note in page.content.decode()


def test_the_change_note_shows_in_the_pdf_of_every_kind(personas, gebied):
    original = make_rapport(
        requested_by=personas.griffier,
        kind="gebiedsscan",
        gebied=gebied,
        published_by=personas.griffier,
        title="Scan Redersbuurt",
    )
    correction = services.rapport_correct(
        rapport=original, by=personas.griffier, change_note="De kaart is herzien."
    )
    html = services.render_html(correction)
    assert "Wat is er gewijzigd:</strong> De kaart is herzien." in html


# --- default titles ----------------------------------------------------------------


def test_the_default_title_of_a_session_report_names_the_session(personas):
    from sessies.models import Sessie
    from tests.rapportage.subjects import sessie_with_verslag

    pk = sessie_with_verslag(personas)
    start = datetime(2026, 12, 15, 19, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    Sessie.objects.filter(pk=pk).update(
        title="Werksessie Buurtaanpak Souburgh",
        start=start,
        end=start + timedelta(hours=2),
    )
    title = kinds.get("sessieverslag").default_title(subject_pk=pk)
    assert title == "Sessieverslag Werksessie Buurtaanpak Souburgh, 15 december 2026"


def test_the_default_title_of_an_area_report_names_the_area_and_round(gebied):
    from tests.scans import factories

    ronde = factories.ronde("Voorjaar 2026")
    factories.scan(gebied, ronde)
    title = kinds.get("gebiedsscan").default_title(gebied)
    assert title == "Gebiedsscan-rapport Redersbuurt, Voorjaar 2026"


def test_the_default_title_of_a_vision_report_names_the_version(personas):
    from tests.rapportage.subjects import released_versie

    pk = released_versie(personas)
    title = kinds.get("visie").default_title(subject_pk=pk)
    assert title.startswith("Visiedocument ")
    assert "versie 1" in title


def test_the_default_title_of_the_letter_has_its_date_in_words(griffier):
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import override

    rapport = services.rapport_request(user=griffier, kind="voortgang", audience="raad")
    with override("nl"):
        today = date_format(timezone.localdate(), "j F Y")
    assert rapport.title == f"Voortgangsrapportage Buurtaanpak, {today}"
