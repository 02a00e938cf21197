import re

import pytest

from visie.text import (
    has_conflict_markers,
    render_markdown,
    three_way_merge,
    word_diff,
)


def test_script_tags_in_markdown_are_shown_as_text_not_run():
    html = render_markdown("Hallo <script>alert('x')</script>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_lose_their_target():
    html = render_markdown(
        "[klik](javascript:alert(1)) en [site](https://alblasserdam.nl)"
    )
    assert "javascript:" not in html.replace("[klik](javascript:alert(1))", "")
    assert 'href="https://alblasserdam.nl"' in html


def test_event_handler_attributes_never_reach_the_page():
    html = render_markdown(
        '<img src=x onerror="alert(1)"> <a href="#" onclick="x()">a</a>'
    )
    assert "<img" not in html
    assert not re.search(r"<[a-z][^>]*\son\w+=", html)


def test_headings_lists_tables_and_emphasis_are_rendered():
    html = render_markdown(
        "## Ambitie\n\n- een\n- twee\n\n**vet** en *schuin*\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h3>Ambitie</h3>" in html
    assert "<li>een</li>" in html
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert '<th class="utrecht-table__header-cell" scope="col">a</th>' in html
    assert '<td class="utrecht-table__cell">1</td>' in html
    assert '<table class="utrecht-table utrecht-table--html-table">' in html


def test_word_diff_marks_removed_and_added_words():
    diff = word_diff("De wijk is mooi.", "De buurt is heel mooi.")
    assert "<del>wijk</del><ins>buurt</ins>" in diff
    assert "<ins>heel</ins> mooi" in diff


def test_word_diff_escapes_html_in_the_texts():
    diff = word_diff("a", "a <b>")
    assert "<b>" not in diff
    assert "&lt;" in diff


BASE = "De buurt is mooi.\n\nWe werken samen.\n\nDe wijk is veilig."
TOP = "Jongeren krijgen een eigen plek."
BOTTOM = "De politie loopt vaker door de buurt."


def test_two_texts_with_a_paragraph_each_at_opposite_ends_are_not_interleaved():
    diff = word_diff(TOP + "\n\n" + BASE, BASE + "\n\n" + BOTTOM)
    assert diff == f"<del>{TOP}</del>\n\n{BASE}\n\n<ins>{BOTTOM}</ins>"


def test_a_rewritten_sentence_is_shown_whole_not_word_by_word():
    diff = word_diff(
        "De buurt is mooi. Wij gaan morgen naar de markt om appels te kopen.",
        "De buurt is mooi. Zij willen vandaag peren eten bij de buren thuis.",
    )
    assert diff == (
        "De buurt is mooi. "
        "<del>Wij gaan morgen naar de markt om appels te kopen.</del>"
        "<ins>Zij willen vandaag peren eten bij de buren thuis.</ins>"
    )


def test_neighbouring_edited_words_are_one_edit():
    diff = word_diff("De buurt is erg mooi.", "De buurt is heel erg fijn mooi.")
    assert diff == "De buurt is <ins>heel</ins> erg <ins>fijn</ins> mooi."
    diff = word_diff("Wij gaan naar de markt.", "Wij lopen samen naar de markt.")
    assert diff == "Wij <del>gaan</del><ins>lopen samen</ins> naar de markt."


def test_merge_markers_are_found_and_a_heading_underline_is_not():
    assert has_conflict_markers("a\n<<<<<<< Versie van peter\nb")
    assert has_conflict_markers("a\n>>>>>>> Einde verschil")
    assert has_conflict_markers("a\n======= Uw versie\nb")
    assert not has_conflict_markers("Ambitie\n=======\n\ntekst")
    assert not has_conflict_markers("Een pijl <<<<<<< midden in een regel")


@pytest.mark.parametrize(
    ("theirs", "yours", "merged"),
    [
        (
            TOP + "\n\n" + BASE,
            BASE + "\n\n" + BOTTOM,
            TOP + "\n\n" + BASE + "\n\n" + BOTTOM,
        ),
        (
            BASE.replace("mooi", "prachtig"),
            BASE.replace("samen.", "samen met bewoners."),
            "De buurt is prachtig.\n\nWe werken samen met bewoners.\n\n"
            "De wijk is veilig.",
        ),
        (
            BASE + "\n\n" + TOP,
            BASE + "\n\n" + BOTTOM,
            BASE + "\n\n" + TOP + "\n\n" + BOTTOM,
        ),
        (
            BASE.replace("De buurt is mooi.\n\n", ""),
            BASE.replace("veilig", "rustig"),
            "We werken samen.\n\nDe wijk is rustig.",
        ),
    ],
    ids=[
        "opposite ends",
        "neighbouring paragraphs",
        "both add a paragraph at the end",
        "one deletes a paragraph, the other edits another",
    ],
)
def test_edits_that_do_not_overlap_merge_by_themselves(theirs, yours, merged):
    result = three_way_merge(BASE, theirs, yours)
    assert result.clean
    assert result.text == merged


def test_edits_in_different_sentences_of_one_paragraph_merge_word_by_word():
    base = "De buurt is mooi. We werken samen. De wijk is veilig."
    result = three_way_merge(
        base,
        base.replace("mooi", "prachtig"),
        base.replace("veilig", "rustig"),
    )
    assert result.text == "De buurt is prachtig. We werken samen. De wijk is rustig."


def test_different_words_of_one_sentence_are_a_conflict():
    base = "De buurt is mooi en veilig."
    result = three_way_merge(
        base, base.replace("mooi", "prachtig"), base.replace("veilig", "rustig")
    )
    assert not result.clean


def test_a_deleted_paragraph_that_the_other_side_edited_is_a_conflict():
    result = three_way_merge(
        BASE,
        BASE.replace("We werken samen.\n\n", ""),
        BASE.replace("samen", "nauw samen"),
    )
    assert [(c.theirs, c.yours) for c in result.conflicts] == [
        ("", "We werken nauw samen.\n\n")
    ]


def test_a_conflict_is_shown_with_both_sides_between_markers():
    result = three_way_merge(
        BASE, BASE.replace("samen", "nauw samen"), BASE.replace("samen", "graag samen")
    )
    assert result.with_markers(theirs="Versie van P", yours="Jouw", end="Einde") == (
        "De buurt is mooi.\n\n"
        "<<<<<<< Versie van P\nWe werken nauw samen.\n"
        "======= Jouw\nWe werken graag samen.\n"
        ">>>>>>> Einde\n\n"
        "De wijk is veilig."
    )
    with pytest.raises(ValueError):
        result.text  # noqa: B018


def test_two_first_texts_of_an_empty_section_are_both_kept():
    assert three_way_merge("", "Tekst van Peter.", "Tekst van Sanne.").text == (
        "Tekst van Peter.\n\nTekst van Sanne."
    )
