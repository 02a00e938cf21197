"""PDF quality and safe rendering: PDF/UA, fonts, page furniture, the fetcher."""

from datetime import date

import pytest
from django.utils import timezone

from portal.rapportage import pdf
from portal.rapportage.models import Rapport
from tests.rapportage.pdftext import reader, text_of

LETTER = {
    "kenmerk": "Z-2026-00412",
    "date": date(2026, 11, 24),
    "text": (
        "Wij informeren u over de **voortgang** van de Buurtaanpak.\n\n"
        "## Wat er is bereikt\n\n- De visie is ondertekend.\n- Twee scans.\n"
    ),
    "burgemeester": "J. van der Linden",
    "secretaris": "A.M. Verhoef",
}


@pytest.fixture
def voortgang(griffier, gebied, budget, django_capture_on_commit_callbacks):
    """A raadsinformatiebrief as the griffie makes one: requested, then written."""
    from portal.rapportage import services
    from portal.rapportage.services import brieven

    with django_capture_on_commit_callbacks(execute=True):
        rapport = services.rapport_request(
            user=griffier, kind="voortgang", audience="raad"
        )
        brieven.brief_save(rapport=rapport, by=griffier, **LETTER)
    rapport.refresh_from_db()
    return rapport


def test_the_report_is_tagged_pdf_ua_in_dutch_with_its_title(voortgang):
    document = reader(voortgang)
    root = document.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert document.metadata.title == voortgang.title
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid" in xmp


def test_every_font_in_the_report_is_embedded(voortgang):
    for page in reader(voortgang).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            assert "DejaVu" in font["/BaseFont"]


def test_every_page_shows_the_gemeente_the_date_and_its_number(voortgang):
    document = reader(voortgang)
    today = timezone.localdate()
    total = len(document.pages)
    assert voortgang.page_count == total
    for number, page in enumerate(document.pages, start=1):
        text = page.extract_text()
        assert "Gemeente Alblasserdam" in text
        assert f"Pagina {number} van {total}" in text
        assert str(today.year) in text


def test_the_pages_are_a4(voortgang):
    box = reader(voortgang).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210
    assert round(float(box.height) / 72 * 25.4) == 297


def test_the_raadsinformatiebrief_carries_the_colleges_letter_and_its_signatories(
    voortgang,
):
    text = " ".join(text_of(voortgang).split())
    assert "Raadsinformatiebrief" in text
    assert "Kenmerk Z-2026-00412" in text
    assert "Datum 24 november 2026" in text
    assert "Geachte raad," in text
    # The college's Markdown, rendered: a heading and a list, no markup signs.
    assert "Wij informeren u over de voortgang van de Buurtaanpak." in text
    assert "Wat er is bereikt" in text and "##" not in text and "**" not in text
    assert "Met vriendelijke groet," in text
    assert "Burgemeester en wethouders van Alblasserdam," in text
    assert "Secretaris Burgemeester A.M. Verhoef J. van der Linden" in text
    # The annexes come after the letter.
    assert text.index("J. van der Linden") < text.index("Bijlagen")


def test_the_raadsinformatiebrief_has_the_budget_in_its_annex(voortgang):
    text = text_of(voortgang)
    assert "Begroting en besteding" in text
    # 2025: 100.000 budget, 30.000 committed, 9.400,10 spent, 60.599,90 left.
    assert "€ 100.000,00" in text
    assert "€ 30.000,00" in text
    assert "€ 9.400,10" in text
    assert "€ 60.599,90" in text
    assert "Met vriendelijke groet," in text


def test_the_area_map_is_an_svg_with_a_title_for_screen_readers(
    griffier, gebied, django_capture_on_commit_callbacks
):
    from portal.rapportage import services

    rapport = services.rapport_request(
        user=griffier, kind="gebiedsscan", audience="raad", gebied=gebied
    )
    html = services.render_html(rapport)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'role="img"' in html
    assert (
        '<title id="kaart-titel">Kaart met de begrenzing van Redersbuurt</title>'
        in html
    )
    assert '<path d="M' in html


def test_user_text_is_escaped_not_rendered_as_markup(griffier, gebied):
    from portal.rapportage import services

    rapport = services.rapport_request(
        user=griffier,
        kind="voortgang",
        audience="raad",
        title='<img src="https://evil.example/x.png"><script>alert(1)</script>',
    )
    html = services.render_html(rapport)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert '<img src="https://evil.example' not in html


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/logo.png",
        "https://example.com/static/css/pdf.css",
        "https://rapport.invalid/media/rapporten/x.pdf",
        "https://rapport.invalid/static/../../settings.py",
        "https://rapport.invalid/static/%2e%2e/%2e%2e/buurtaanpak/settings.py",
        "https://rapport.invalid/static/css/does-not-exist.css",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.url_fetcher().fetch(url)


def test_the_fetcher_serves_static_files_and_data_uris():
    fetcher = pdf.url_fetcher()
    css = fetcher.fetch("https://rapport.invalid/static/css/pdf.css")
    assert b"@page" in css.read()
    data = fetcher.fetch("data:text/plain;base64,aGFsbG8=")
    assert data.read() == b"hallo"


def test_a_report_that_links_outside_static_still_renders_without_it():
    html = (
        '<html lang="nl"><head><title>t</title></head><body><p>Tekst</p>'
        '<img src="file:///etc/passwd" alt="x">'
        '<img src="http://127.0.0.1:9/x.png" alt="y"></body></html>'
    )
    result = pdf.html_to_pdf(html)
    assert result.content.startswith(b"%PDF")
    assert result.page_count == 1


def test_the_stored_file_is_outside_any_public_url(voortgang, settings):
    assert voortgang.file.path.startswith(str(settings.MEDIA_ROOT))
    assert not settings.MEDIA_URL.startswith(settings.STATIC_URL)
    assert voortgang.status == Rapport.Status.KLAAR
