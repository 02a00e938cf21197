"""The merge and the diff, over random edits of random texts.

A text is paragraphs of sentences; every sentence is unique ("Zin 7 huis."),
so "is this passage in the result" is a plain question. Each side edits the
base: deletes, inserts and rewrites sentences and whole paragraphs. Sentences
share most of their words, which is what makes aligning them hard; for the
diff's "whole sentences" promise they share none ("huis7 plein7.").
"""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from visie.text import diff, has_conflict_markers, three_way_merge

WORDS = ["huis", "straat", "plein", "school", "park", "wijk", "jeugd", "buurt"]
SENTENCE = re.compile(r"Zin \d+ [a-z]+\.|[a-z]+\d+ [a-z]+\d+\.")
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def versions(draw, *, distinct: bool = False):
    """(base, theirs, yours) as lists of paragraphs, each a list of sentences."""
    counter = iter(range(10_000))

    def sentence():
        n, word = next(counter), draw(st.sampled_from(WORDS))
        if distinct:
            return f"{word}{n} {draw(st.sampled_from(WORDS))}{n}."
        return f"Zin {n} {word}."

    def paragraph():
        return [sentence() for _ in range(draw(st.integers(1, 4)))]

    base = [paragraph() for _ in range(draw(st.integers(0, 5)))]

    def edit(text):
        text = [list(p) for p in text]
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(
                st.sampled_from(
                    ["add paragraph", "drop paragraph", "add", "drop", "rewrite"]
                )
            )
            if kind == "add paragraph" or not text:
                text.insert(draw(st.integers(0, len(text))), paragraph())
                continue
            p = draw(st.integers(0, len(text) - 1))
            if kind == "drop paragraph":
                del text[p]
            elif kind == "add":
                text[p].insert(draw(st.integers(0, len(text[p]))), sentence())
            else:
                s = draw(st.integers(0, len(text[p]) - 1))
                if kind == "drop" and len(text[p]) > 1:
                    del text[p][s]
                else:
                    text[p][s] = sentence()
        return text

    return base, edit(base), edit(base)


def _text(paragraphs) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs)


def _sentences(text: str) -> set[str]:
    return set(SENTENCE.findall(text))


def _merged(base, theirs, yours):
    merge = three_way_merge(_text(base), _text(theirs), _text(yours))
    shown = (
        merge.text
        if merge.clean
        else merge.with_markers(theirs="Versie van Peter", yours="Jouw", end="Einde")
    )
    return merge, shown


@SETTINGS
@given(versions())
def test_every_passage_added_on_either_side_is_in_the_merged_text(texts):
    base, theirs, yours = (_sentences(_text(t)) for t in texts)
    _merge, shown = _merged(*texts)
    assert (theirs - base) | (yours - base) <= _sentences(shown)


@SETTINGS
@given(versions())
def test_every_passage_both_sides_kept_is_in_the_merged_text(texts):
    _base, theirs, yours = (_sentences(_text(t)) for t in texts)
    _merge, shown = _merged(*texts)
    assert theirs & yours <= _sentences(shown)


@SETTINGS
@given(versions())
def test_a_passage_deleted_on_one_side_and_kept_on_the_other_is_gone_after_an_automatic_merge(  # noqa: E501
    texts,
):
    base, theirs, yours = (_sentences(_text(t)) for t in texts)
    merge, shown = _merged(*texts)
    if merge.clean:
        assert not ((base - theirs) & _sentences(shown))
        assert not ((base - yours) & _sentences(shown))


@SETTINGS
@given(versions())
def test_the_merge_page_starts_with_every_conflicting_passage_of_both_sides(texts):
    merge, shown = _merged(*texts)
    present = _sentences(shown)
    for conflict in merge.conflicts:
        assert _sentences(conflict.theirs) | _sentences(conflict.yours) <= present
    assert has_conflict_markers(shown) == (not merge.clean)


@SETTINGS
@given(versions())
def test_an_edit_on_one_side_only_is_taken_over_exactly(texts):
    base, theirs, _yours = (_text(t) for t in texts)
    assert three_way_merge(base, theirs, base).text == theirs
    assert three_way_merge(base, base, theirs).text == theirs
    assert three_way_merge(base, theirs, theirs).text == theirs


@SETTINGS
@given(versions())
def test_a_diff_keeps_every_character_of_both_texts(texts):
    old, new = _text(texts[0]), _text(texts[1])
    changes = diff(old, new)
    assert "".join(c.text for c in changes if c.op != "insert") == old
    assert "".join(c.text for c in changes if c.op != "delete") == new


@SETTINGS
@given(versions(distinct=True))
def test_a_diff_shows_each_added_or_removed_sentence_whole(texts):
    """No sentence is cut into words interleaved with another sentence's."""
    old, new = _text(texts[0]), _text(texts[1])
    inserted = "".join(c.text for c in diff(old, new) if c.op == "insert")
    deleted = "".join(c.text for c in diff(old, new) if c.op == "delete")
    for sentence in _sentences(new) - _sentences(old):
        assert sentence in inserted
    for sentence in _sentences(old) - _sentences(new):
        assert sentence in deleted
