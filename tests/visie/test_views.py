import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from core.policy import Rubricering
from tests.visie.factories import (
    PDF_BYTES,
    make_afspraak,
    make_bron,
    make_document,
    make_opmerking,
    pdf_upload,
)
from visie import services
from visie.models import Bron, Ondertekening, Revisie

pytestmark = pytest.mark.django_db


def _edit(client, sectie, text, base, **extra):
    return client.post(
        reverse("visie:sectie_edit", args=[sectie.pk]),
        {"text": text, "message": "", "base": base or "", **extra},
    )


def test_the_second_of_two_editors_lands_on_the_merge_page_with_their_text(
    personas, client_for
):
    _doc, (sectie,) = make_document(personas)
    base = sectie.current_revisie_id
    response = _edit(client_for(personas.coordinator), sectie, "Tekst van Peter", base)
    assert response.status_code == 302
    client = client_for(personas.medewerker)
    response = _edit(client, sectie, "Tekst van Sanne", base)
    draft = Revisie.objects.get(text="Tekst van Sanne")
    assert response["Location"] == reverse(
        "visie:sectie_merge", args=[sectie.pk, draft.pk]
    )
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Tekst van Sanne" in body and "Tekst van Peter" in body
    assert '<mark class="conflict">' in body
    # The form starts from both versions, between markers, never from one.
    assert (
        "&lt;&lt;&lt;&lt;&lt;&lt;&lt; Versie van peter\nTekst van Peter\n"
        "======= Uw versie\nTekst van Sanne\n" in body
    )
    assert "Iemand anders heeft deze sectie opgeslagen" in body


def test_saving_the_merged_text_applies_it_and_settles_the_draft(personas, client_for):
    _doc, (sectie,) = make_document(personas)
    base = sectie.current_revisie_id
    _edit(client_for(personas.coordinator), sectie, "Tekst van Peter", base)
    client = client_for(personas.medewerker)
    _edit(client, sectie, "Tekst van Sanne", base)
    draft = Revisie.objects.get(text="Tekst van Sanne")
    sectie.refresh_from_db()
    response = _edit(
        client, sectie, "Peter en Sanne", sectie.current_revisie_id, draft=draft.pk
    )
    assert response.status_code == 302
    sectie.refresh_from_db()
    draft.refresh_from_db()
    assert sectie.text == "Peter en Sanne"
    assert not draft.is_open_draft


def test_script_in_markdown_is_shown_harmlessly_on_the_section_page(
    personas, client_for
):
    _doc, (sectie,) = make_document(personas)
    client = client_for(personas.medewerker)
    _edit(
        client,
        sectie,
        "Hoi <script>alert(1)</script> [x](javascript:alert(1))",
        sectie.current_revisie_id,
    )
    body = client.get(sectie.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert 'href="javascript:' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_a_section_over_200_kb_gets_a_dutch_message_and_keeps_the_text(
    personas, client_for
):
    _doc, (sectie,) = make_document(personas)
    big = "woord " * 40_000
    response = _edit(
        client_for(personas.medewerker), sectie, big, sectie.current_revisie_id
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "langer dan 200 KB" in body
    assert "woord woord woord" in body
    assert sectie.revisies.count() == 1


def test_editing_an_adopted_visie_says_so_in_dutch_and_keeps_the_typed_text(
    personas, client_for
):
    document, (sectie,) = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    services.versie_vaststellen(versie=versie, user=personas.procesbegeleider)
    client = client_for(personas.medewerker)
    response = client.get(reverse("visie:sectie_edit", args=[sectie.pk]), follow=True)
    assert "Deze visie is vastgesteld" in response.content.decode()
    response = _edit(client, sectie, "Mijn late tekst", sectie.current_revisie_id)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Deze visie is vastgesteld" in body and "Mijn late tekst" in body


def test_signing_twice_shows_a_dutch_message(personas, client_for):
    document, _ = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    client = client_for(personas.coordinator)
    url = reverse("visie:ondertekening_create", args=[versie.pk])
    data = {"organisation": personas.woonkracht10.pk, "besluit": "akkoord"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "heeft versie 1 al ondertekend" in response.content.decode()
    assert Ondertekening.objects.count() == 1


def test_the_overview_marks_sign_offs_of_older_versions_as_outdated(
    personas, client_for
):
    document, _ = make_document(personas)
    v1 = services.versie_release(document=document, user=personas.procesbegeleider)
    services.ondertekening_create(
        versie=v1,
        user=personas.coordinator,
        organisation=personas.woonkracht10,
        besluit="akkoord",
    )
    services.versie_release(document=document, user=personas.procesbegeleider)
    url = reverse("visie:ondertekening_overview", args=[document.slug])
    body = client_for(personas.raadslid).get(url).content.decode()
    assert "akkoord — verouderd" in body
    assert "nog niet ondertekend" in body


def test_two_accountable_organisations_in_a_row_get_a_dutch_message(
    personas, client_for
):
    document, _ = make_document(personas)
    url = reverse("visie:afspraak_create", args=[document.slug])
    response = client_for(personas.procesbegeleider).post(
        url,
        {
            "title": "Buurtoverleg",
            "status": "gepland",
            f"rol_{personas.woonkracht10.pk}": "A",
            f"rol_{personas.welzijn.pk}": "A",
        },
    )
    assert response.status_code == 200
    assert "maar één organisatie eindverantwoordelijk" in response.content.decode()
    assert document.afspraken.count() == 0


def _upload(client, upload, **extra):
    return client.post(
        reverse("visie:bron_create"),
        {
            "title": "Stuk",
            "soort": "beleid",
            "rubricering": "partners",
            "upload": upload,
            **extra,
        },
    )


def test_an_upload_that_claims_to_be_pdf_but_is_not_is_refused(personas, client_for):
    fake = SimpleUploadedFile(
        "rapport.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    response = _upload(client_for(personas.medewerker), fake)
    assert response.status_code == 200
    assert "geen PDF-" in response.content.decode()
    assert Bron.objects.count() == 0


def test_a_pdf_with_another_extension_is_refused(personas, client_for):
    response = _upload(client_for(personas.medewerker), pdf_upload("plaatje.png"))
    assert "eindigt op “.png”" in response.content.decode()
    assert Bron.objects.count() == 0


@override_settings(UPLOAD_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused_with_the_limit_named(personas, client_for):
    response = _upload(client_for(personas.medewerker), pdf_upload())
    assert response.status_code == 200
    assert "de grens is 100" in response.content.decode()
    assert Bron.objects.count() == 0


def test_a_pdf_is_stored_privately_and_served_as_an_attachment(personas, client_for):
    response = _upload(client_for(personas.medewerker), pdf_upload())
    bron = Bron.objects.get()
    assert response.status_code == 302
    assert bron.content_type == "application/pdf"
    download = client_for(personas.outsider).get(
        reverse("visie:bron_download", args=[bron.pk])
    )
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert (
        client_for(personas.raadslid)
        .get(reverse("visie:bron_download", args=[bron.pk]))
        .status_code
        == 403
    )


def test_a_docx_is_recognised_by_its_content(personas, client_for):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    upload = SimpleUploadedFile("uitvoeringsprogramma.docx", buffer.getvalue())
    assert _upload(client_for(personas.medewerker), upload).status_code == 302
    assert Bron.objects.get().content_type.endswith("wordprocessingml.document")


def test_the_raad_reads_a_version_with_only_openbare_comments(personas, client_for):
    document, (sectie,) = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    for level in Rubricering.values:
        make_opmerking(
            personas,
            sectie,
            rubricering=level,
            versie=versie,
            text=f"Opmerking {level}",
        )
    body = client_for(personas.raadslid).get(versie.get_absolute_url()).content.decode()
    assert "Opmerking openbaar" in body
    assert "Opmerking partners" not in body
    assert "Opmerking organisatie" not in body
    assert "De buurt is <strong>mooi</strong>" in body


def test_a_raadslid_comments_during_consultatie_and_it_is_public(personas, client_for):
    document, (sectie,) = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    client = client_for(personas.raadslid)
    url = reverse("visie:versie_opmerking", args=[versie.pk, sectie.pk])
    response = client.post(url, {f"s{sectie.pk}-text": "Wat kost dit?"})
    assert response.status_code == 302
    body = client.get(versie.get_absolute_url()).content.decode()
    assert "Wat kost dit?" in body
    assert "openbaar" in body


def test_comments_of_another_organisation_marked_organisatie_stay_hidden(
    personas, client_for
):
    _doc, (sectie,) = make_document(personas)
    make_opmerking(
        personas,
        sectie,
        rubricering=Rubricering.ORGANISATIE,
        text="Alleen Woonkracht10",
    )
    own = client_for(personas.coordinator).get(sectie.get_absolute_url())
    other = client_for(personas.outsider).get(sectie.get_absolute_url())
    assert "Alleen Woonkracht10" in own.content.decode()
    assert "Alleen Woonkracht10" not in other.content.decode()


def test_a_section_shows_the_evidence_it_cites_as_links(personas, client_for):
    _doc, (sectie,) = make_document(personas)
    bron = make_bron(personas, with_file=False)
    client = client_for(personas.medewerker)
    response = client.post(
        reverse("visie:citatie_create", args=[sectie.pk]),
        {"target": f"bron:{bron.pk}", "toelichting": "Hier staat het"},
    )
    assert response.status_code == 302
    body = client.get(sectie.get_absolute_url()).content.decode()
    assert f'href="{bron.get_absolute_url()}"' in body
    assert "Hier staat het" in body


def test_comparing_two_versions_shows_the_changed_words(personas, client_for):
    document, (sectie,) = make_document(personas)
    services.versie_release(document=document, user=personas.procesbegeleider)
    services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="De buurt is **prachtig** en veilig, deel 1.",
        message="",
        base_revisie_id=sectie.current_revisie_id,
    )
    services.versie_release(document=document, user=personas.procesbegeleider)
    url = reverse("visie:versie_compare", args=[document.slug]) + "?a=1&b=2"
    body = client_for(personas.raadslid).get(url).content.decode()
    assert "<del>mooi</del><ins>prachtig</ins>" in body


def test_restoring_from_the_history_page(personas, client_for):
    _doc, (sectie,) = make_document(personas)
    first = sectie.current_revisie
    client = client_for(personas.medewerker)
    _edit(client, sectie, "Anders", first.pk)
    response = client.post(
        reverse("visie:revisie_restore", args=[first.pk]), follow=True
    )
    sectie.refresh_from_db()
    assert sectie.text == first.text
    assert "weer de huidige tekst" in response.content.decode()


def test_the_afspraken_matrix_shows_letters_per_organisation(personas, client_for):
    document, _ = make_document(personas)
    make_afspraak(personas, document, title="Buurtoverleg")
    body = (
        client_for(personas.medewerker)
        .get(reverse("visie:afspraak_list", args=[document.slug]))
        .content.decode()
    )
    assert "Buurtoverleg" in body
    assert '<td class="utrecht-table__cell letter">A</td>' in body
    assert '<td class="utrecht-table__cell letter">R</td>' in body


def test_money_in_the_afspraken_reads_as_dutch_euros(personas, client_for):
    from decimal import Decimal

    document, _ = make_document(personas)
    services.afspraak_save(
        document=document,
        user=personas.procesbegeleider,
        title="Jaarlijkse gebiedsscan",
        rollen={personas.welzijn: "A"},
        budget=Decimal("15000.00"),
    )
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    matrix = client_for(personas.medewerker).get(
        reverse("visie:afspraak_list", args=[document.slug])
    )
    frozen = client_for(personas.raadslid).get(versie.get_absolute_url())
    assert "€\u00a015.000,00" in matrix.content.decode()
    assert "€\u00a015.000,00" in frozen.content.decode()


def test_the_procesbegeleider_reorders_sections(personas, client_for):
    document, (first, second) = make_document(personas, secties=2)
    response = client_for(personas.procesbegeleider).post(
        reverse("visie:sectie_move", args=[second.pk]), {"richting": "omhoog"}
    )
    assert response.status_code == 302
    assert list(
        document.secties.order_by("position").values_list("title", flat=True)
    ) == [
        "Sectie 2",
        "Sectie 1",
    ]


def test_a_medewerker_who_tries_to_sign_is_told_who_can(personas, client_for):
    document, _ = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    response = client_for(personas.medewerker).post(
        reverse("visie:ondertekening_create", args=[versie.pk]),
        {"organisation": personas.woonkracht10.pk, "besluit": "akkoord"},
    )
    assert response.status_code == 403
    assert "Alleen de coördinator" in response.content.decode()
    assert Ondertekening.objects.count() == 0
