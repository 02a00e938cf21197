"""Two partners edit one section at once: the merge keeps both of them."""

import re
from html import unescape

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from tests.visie.factories import make_document
from visie import services
from visie.models import Revisie

pytestmark = pytest.mark.django_db

BASE = "De buurt is mooi.\n\nWe werken samen.\n\nDe wijk is veilig."
TOP = "Jongeren krijgen een eigen plek."
BOTTOM = "De politie loopt vaker door de buurt."


def _edit(client, sectie, text, base, **extra):
    return client.post(
        reverse("visie:sectie_edit", args=[sectie.pk]),
        {"text": text, "message": "", "base": base or "", **extra},
    )


def _section_with(personas, text=BASE):
    _doc, (sectie,) = make_document(personas)
    services.sectie_save(
        sectie=sectie,
        user=personas.procesbegeleider,
        text=text,
        message="",
        base_revisie_id=sectie.current_revisie_id,
    )
    sectie.refresh_from_db()
    return sectie


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _textarea(body: str) -> str:
    match = re.search(r"<textarea[^>]*name=\"text\"[^>]*>(.*?)</textarea>", body, re.S)
    assert match, "no text field on the page"
    return unescape(match.group(1)).lstrip("\n").replace("\r\n", "\n")


def _clash(personas):
    """Peter and Sanne both rewrite the middle sentence; Peter saves first."""
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    theirs = TOP + "\n\n" + BASE.replace("We werken samen.", "We werken nauw samen.")
    yours = BASE.replace("We werken samen.", "We werken graag samen.")
    _edit(_client(personas.coordinator), sectie, theirs, base)
    sanne = _client(personas.medewerker)
    response = _edit(sanne, sectie, yours, base)
    draft = Revisie.objects.get(text=yours)
    sectie.refresh_from_db()
    assert response["Location"] == reverse(
        "visie:sectie_merge", args=[sectie.pk, draft.pk]
    )
    return sectie, sanne, draft, response["Location"]


# --- Edits that do not overlap are merged and saved -------------------------


def test_paragraphs_added_at_opposite_ends_by_two_partners_both_end_up_saved(
    personas, client_for
):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    _edit(client_for(personas.coordinator), sectie, TOP + "\n\n" + BASE, base)
    response = _edit(
        client_for(personas.medewerker), sectie, BASE + "\n\n" + BOTTOM, base
    )
    sectie.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == sectie.get_absolute_url()
    assert sectie.text == TOP + "\n\n" + BASE + "\n\n" + BOTTOM


def test_the_author_is_told_whose_changes_were_merged_in_and_which(
    personas, client_for
):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    _edit(client_for(personas.coordinator), sectie, TOP + "\n\n" + BASE, base)
    client = client_for(personas.medewerker)
    response = _edit(client, sectie, BASE + "\n\n" + BOTTOM, base)
    body = client.get(response["Location"]).content.decode()
    assert "peter heeft deze sectie opgeslagen terwijl u aan het bewerken was" in (body)
    assert f"Nu ook in de tekst, van peter: toegevoegd: “{TOP}”" in body


def test_the_text_as_typed_stays_in_the_history_next_to_the_merged_text(
    personas, client_for
):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    _edit(client_for(personas.coordinator), sectie, TOP + "\n\n" + BASE, base)
    typed = BASE + "\n\n" + BOTTOM
    _edit(client_for(personas.medewerker), sectie, typed, base)
    sectie.refresh_from_db()
    kept = Revisie.objects.get(text=typed)
    assert kept.is_draft and not kept.is_open_draft
    assert kept.base_id == base
    assert sectie.current_revisie.number == kept.number + 1
    assert "samengevoegd met revisie" in sectie.current_revisie.message


def test_a_browser_line_ending_does_not_count_as_a_change(personas, client_for):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    _edit(client_for(personas.coordinator), sectie, TOP + "\n\n" + BASE, base)
    _edit(
        client_for(personas.medewerker),
        sectie,
        (BASE + "\n\n" + BOTTOM).replace("\n", "\r\n"),
        base,
    )
    sectie.refresh_from_db()
    assert sectie.text == TOP + "\n\n" + BASE + "\n\n" + BOTTOM


def test_three_editors_from_one_base_all_end_up_in_the_text(personas, client_for):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    _edit(client_for(personas.coordinator), sectie, TOP + "\n\n" + BASE, base)
    _edit(
        client_for(personas.outsider),
        sectie,
        BASE.replace("We werken samen.", "We werken samen met bewoners."),
        base,
    )
    client = client_for(personas.medewerker)
    response = _edit(client, sectie, BASE + "\n\n" + BOTTOM, base)
    sectie.refresh_from_db()
    assert TOP in sectie.text and "met bewoners" in sectie.text
    assert BOTTOM in sectie.text
    body = client.get(response["Location"]).content.decode()
    assert "peter en fatima hebben deze sectie opgeslagen" in body


def test_the_compare_page_shows_an_added_paragraph_as_one_insertion(
    personas, client_for
):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    client = client_for(personas.medewerker)
    _edit(client, sectie, TOP + "\n\n" + BASE + "\n\n" + BOTTOM, base)
    body = client.get(reverse("visie:sectie_compare", args=[sectie.pk])).content
    body = body.decode()
    assert f"<ins>{TOP}</ins>\n\n" in body
    assert f"\n\n<ins>{BOTTOM}</ins>" in body
    assert body.count("<ins>") == 2 and "<del>" not in body


# --- Overlapping edits open the merge page with both sides --------------------


def test_the_merge_page_shows_base_theirs_and_yours_with_the_conflict_marked(
    personas,
):
    _sectie, sanne, _draft, merge_url = _clash(personas)
    body = sanne.get(merge_url).content.decode()
    for title in ("Waar u beiden van uitging", "Versie van peter"):
        assert title in body
    assert "Uw versie" in body
    assert body.count("[Verschil 1]") == 3
    assert "U hebt beiden op één plek dezelfde passage gewijzigd" in body


def test_the_merge_form_starts_with_both_versions_and_the_changes_that_merged(
    personas,
):
    _sectie, sanne, _draft, merge_url = _clash(personas)
    text = _textarea(sanne.get(merge_url).content.decode())
    assert text == (
        f"{TOP}\n\nDe buurt is mooi.\n\n"
        "<<<<<<< Versie van peter\nWe werken nauw samen.\n"
        "======= Uw versie\nWe werken graag samen.\n"
        ">>>>>>> Einde verschil\n\nDe wijk is veilig."
    )


def test_saving_the_merge_form_unchanged_is_refused_and_loses_nothing(personas):
    sectie, sanne, draft, merge_url = _clash(personas)
    text = _textarea(sanne.get(merge_url).content.decode())
    before = sectie.revisies.count()
    response = sanne.post(
        merge_url,
        {"text": text, "message": "", "base": sectie.current_revisie_id,
         "draft": draft.pk},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "De tekst bevat nog samenvoegmarkeringen" in body
    assert _textarea(body) == text
    sectie.refresh_from_db()
    draft.refresh_from_db()
    assert sectie.revisies.count() == before
    assert "nauw samen" in sectie.text
    assert draft.is_open_draft


def test_keeping_both_versions_without_the_markers_saves_both(personas):
    sectie, sanne, draft, merge_url = _clash(personas)
    text = _textarea(sanne.get(merge_url).content.decode())
    resolved = "\n".join(
        line for line in text.split("\n") if not line.startswith(("<<<", "===", ">>>"))
    )
    response = sanne.post(
        merge_url,
        {"text": resolved, "message": "", "base": sectie.current_revisie_id,
         "draft": draft.pk},
    )  # fmt: skip
    assert response.status_code == 302
    sectie.refresh_from_db()
    draft.refresh_from_db()
    assert "We werken nauw samen." in sectie.text
    assert "We werken graag samen." in sectie.text
    assert TOP in sectie.text
    assert not draft.is_open_draft


def test_markers_typed_on_the_edit_page_are_refused_too(personas, client_for):
    sectie = _section_with(personas)
    client = client_for(personas.medewerker)
    text = "<<<<<<< Versie van peter\nA\n======= Uw versie\nB\n>>>>>>> Einde"
    response = _edit(client, sectie, text, sectie.current_revisie_id)
    assert response.status_code == 200
    assert "samenvoegmarkeringen" in response.content.decode()
    sectie.refresh_from_db()
    assert sectie.text == BASE


def test_a_markdown_heading_underline_is_not_taken_for_a_marker(personas, client_for):
    sectie = _section_with(personas)
    text = "Ambitie\n=======\n\nDe buurt is mooi."
    response = _edit(
        client_for(personas.medewerker), sectie, text, sectie.current_revisie_id
    )
    assert response.status_code == 302
    sectie.refresh_from_db()
    assert sectie.text == text


def test_a_merge_that_races_again_is_merged_against_the_merge_page_text(personas):
    sectie, sanne, draft, merge_url = _clash(personas)
    merge_base = sectie.current_revisie_id
    resolved = TOP + "\n\n" + BASE.replace("We werken samen.", "We werken samen.")
    # Peter saves once more while Sanne is still merging.
    services.sectie_save(
        sectie=sectie,
        user=personas.coordinator,
        text=sectie.text + "\n\n" + BOTTOM,
        message="",
        base_revisie_id=merge_base,
    )
    response = sanne.post(
        merge_url,
        {"text": resolved, "message": "", "base": merge_base, "draft": draft.pk},
    )
    assert response.status_code == 302
    sectie.refresh_from_db()
    assert sectie.text == TOP + "\n\n" + BASE + "\n\n" + BOTTOM


# --- The browser's local copy ---------------------------------------------------


def test_after_a_save_the_next_page_tells_the_browser_to_forget_its_copy(
    personas, client_for
):
    sectie = _section_with(personas)
    base = sectie.current_revisie_id
    client = client_for(personas.medewerker)
    response = _edit(client, sectie, BASE + "\n\n" + BOTTOM, base)
    body = client.get(response["Location"]).content.decode()
    assert f'data-visie-forget="{sectie.pk}:{base}"' in body
    assert static("js/visie-edit.js") in body
    again = client.get(response["Location"]).content.decode()
    assert "data-visie-forget" not in again


def test_after_a_clash_the_merge_page_tells_the_browser_to_forget_its_copy(
    personas,
):
    sectie, sanne, draft, merge_url = _clash(personas)
    body = sanne.get(merge_url).content.decode()
    assert f'data-visie-forget="{sectie.pk}:{draft.base_id}"' in body


def test_the_edit_page_offers_to_restore_a_local_copy_with_dutch_buttons(
    personas, client_for
):
    sectie = _section_with(personas)
    body = (
        client_for(personas.medewerker)
        .get(reverse("visie:sectie_edit", args=[sectie.pk]))
        .content.decode()
    )
    assert "data-local-copy hidden" in body
    assert ">Herstellen</button>" in body and ">Weggooien</button>" in body
    assert f'data-sectie="{sectie.pk}"' in body
    assert "<script src" in body and "<script>" not in body


def test_the_merge_form_sent_twice_saves_once_and_says_saved(personas):
    sectie, sanne, draft, merge_url = _clash(personas)
    data = {
        "text": "We werken nauw en graag samen.",
        "message": "",
        "base": sectie.current_revisie_id,
        "draft": draft.pk,
    }
    assert sanne.post(merge_url, data).status_code == 302
    count = sectie.revisies.count()
    response = sanne.post(merge_url, data, follow=True)
    assert sectie.revisies.count() == count
    assert "De sectie is opgeslagen." in response.content.decode()


def test_nobody_saves_through_someone_elses_merge_page(personas):
    sectie, _sanne, draft, merge_url = _clash(personas)
    response = _client(personas.outsider).post(
        merge_url,
        {"text": "Overgenomen.", "message": "", "base": sectie.current_revisie_id},
    )
    assert response.status_code == 404
    sectie.refresh_from_db()
    assert "Overgenomen" not in sectie.text
