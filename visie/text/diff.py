"""The changes between two texts, as whole passages where possible."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape

from visie.text.tokens import (
    matcher,
    normalize_newlines,
    paragraphs,
    sentences,
    words,
)


@dataclass(frozen=True)
class Change:
    """One run of a comparison: kept, inserted or deleted text."""

    op: str  # "equal", "insert" or "delete"
    text: str


def diff(old: str, new: str) -> list[Change]:
    """The changes from old to new, whole paragraphs and sentences where possible.

    Paragraphs are aligned first; within a changed run of paragraphs,
    sentences; a sentence that was edited lightly shows the edited words, one
    deletion and one insertion per edited stretch; anything else is shown as
    the whole old passage deleted and the whole new one inserted.
    """
    old, new = normalize_newlines(old), normalize_newlines(new)
    return list(_coalesce(_diff(old, new, paragraphs, _diff_sentences)))


def _diff(
    old: str, new: str, split: Callable[[str], list[str]], refine: Callable | None
) -> Iterator[Change]:
    a, b = split(old), split(new)
    for op, i1, i2, j1, j2 in matcher(None, a, b).get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            yield Change("equal", before)
        elif op == "replace" and refine is not None:
            yield from refine(before, after)
        else:
            if before:
                yield Change("delete", before)
            if after:
                yield Change("insert", after)


def _diff_sentences(old: str, new: str) -> Iterator[Change]:
    yield from _diff(old, new, sentences, _diff_words)


def _diff_words(old: str, new: str) -> Iterator[Change]:
    a, b = words(old), words(new)
    if a is None or b is None:
        # Many sentences replaced at once: shown whole, and in linear time.
        yield Change("delete", old)
        yield Change("insert", new)
        return
    aligned = matcher(None, a, b)
    # Only a sentence that keeps at least half its words counts as edited;
    # otherwise it was replaced, and is shown as a whole.
    kept = matcher(None, [w for w in a if w.strip()], [w for w in b if w.strip()])
    if kept.ratio() < 0.5:
        yield Change("delete", old)
        yield Change("insert", new)
        return
    # Edits separated only by white space are one edit: "<del>a b</del><ins>c
    # d</ins>" reads better than alternating single words.
    ops = aligned.get_opcodes()
    groups: list[list] = []
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        gap = op == "equal" and not "".join(a[i1:i2]).strip() and 0 < n < len(ops) - 1
        if (op != "equal" or gap) and groups and groups[-1][0] != "equal":
            groups[-1][2], groups[-1][4] = i2, j2
        else:
            groups.append(["change" if gap else op, i1, i2, j1, j2])
    for op, i1, i2, j1, j2 in groups:
        if op == "equal":
            yield Change("equal", "".join(a[i1:i2]))
            continue
        if i2 > i1:
            yield Change("delete", "".join(a[i1:i2]))
        if j2 > j1:
            yield Change("insert", "".join(b[j1:j2]))


def _coalesce(changes: Iterator[Change]) -> Iterator[Change]:
    """Adjacent runs of the same kind as one run; deletions before insertions."""
    pending: list[Change] = []

    def flush():
        for op in ("delete", "insert"):
            text = "".join(c.text for c in pending if c.op == op)
            if text:
                yield Change(op, text)
        pending.clear()

    for change in changes:
        if not change.text:
            continue
        if change.op == "equal":
            yield from flush()
            yield change
        else:
            pending.append(change)
    yield from flush()


def word_diff(old: str, new: str) -> str:
    """HTML of the new text with removed passages in <del>, added ones in <ins>.

    White space around a passage stays outside the mark, so an added
    paragraph is marked as its text, not with the blank line after it.
    """
    parts = []
    for change in diff(old, new):
        if change.op == "equal":
            parts.append(escape(change.text))
            continue
        tag = "ins" if change.op == "insert" else "del"
        text, core = change.text, change.text.strip()
        if not core:
            parts.append(f"<{tag}>{escape(text)}</{tag}>")
            continue
        start = len(text) - len(text.lstrip())
        end = start + len(core)
        parts.append(f"{text[:start]}<{tag}>{escape(core)}</{tag}>{text[end:]}")
    return "".join(parts)
