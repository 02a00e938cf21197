import re

from visie.text import render_markdown, word_diff


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
    assert '<th scope="col">a</th>' in html and "<td>1</td>" in html


def test_word_diff_marks_removed_and_added_words():
    diff = word_diff("De wijk is mooi.", "De buurt is heel mooi.")
    assert "<del>wijk</del><ins>buurt</ins>" in diff
    assert "<ins>heel </ins>" in diff


def test_word_diff_escapes_html_in_the_texts():
    diff = word_diff("a", "a <b>")
    assert "<b>" not in diff
    assert "&lt;" in diff
