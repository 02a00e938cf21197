"""Section texts: Markdown rendering, grouped comparison and three-way merging.

Texts are compared and merged in passes from coarse to fine: paragraphs
first, then lines, then words (the merge) or sentences and words (the diff),
so a paragraph added by one partner is one insertion, not words scattered
through a colleague's text.
"""

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape

import nh3
from markdown_it import MarkdownIt
from merge3 import Merge3

_ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
    "ul", "ol", "li", "a", "strong", "em", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto"}

# Raw HTML in the source is shown as text, not interpreted; nh3 then removes
# anything the renderer itself might produce outside the allowed set.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(source: str) -> str:
    """Safe HTML for a Markdown text: headings, lists, links, tables, emphasis."""
    html = _md.render(source or "")
    html = html.replace("<th>", '<th scope="col">')
    html = re.sub(r"<h[1-2]>", "<h3>", html)
    html = re.sub(r"</h[1-2]>", "</h3>", html)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def normalize_newlines(text: str) -> str:
    """Browsers post CRLF from a textarea; texts are stored and merged with LF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


# Tokenisers. Each returns pieces that join back to exactly the input, with
# the separators as pieces of their own so they can anchor an alignment.
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n(?:[ \t]*\n)*)")
_LINE_BREAK = re.compile(r"(\n)")
_SENTENCE_BREAK = re.compile(r"((?<=[.!?])[ \t]+|[ \t]*\n[ \t\n]*)")
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


class _Piece(str):
    """A piece of text that compares by a key.

    Between paragraphs, lines and sentences, white space is keyed by the
    piece before it: the blank line after one paragraph is not the blank line
    after another. Otherwise every blank line of a long text matches every
    other, and aligning two texts of a few hundred paragraphs takes minutes
    instead of milliseconds. (Words are compared plainly: a stretch compared
    word by word is short.)
    """

    def __new__(cls, text: str, key):
        piece = super().__new__(cls, text)
        piece.key = key
        return piece

    def __eq__(self, other):
        if isinstance(other, _Piece):
            return self.key == other.key
        return str.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self.key)


def _keyed(pieces: list[str]) -> list[str]:
    keyed, before = [], ""
    for piece in pieces:
        if piece.strip():
            keyed.append(_Piece(piece, piece))
            before = piece
        else:
            keyed.append(_Piece(piece, (piece, before)))
    return keyed


def _pieces(pattern: re.Pattern, text: str) -> list[str]:
    return _keyed([piece for piece in pattern.split(text) if piece])


def paragraphs(text: str) -> list[str]:
    return _pieces(_PARAGRAPH_BREAK, text)


def _lines(text: str) -> list[str]:
    return _pieces(_LINE_BREAK, text)


def _sentences(text: str) -> list[str]:
    return _pieces(_SENTENCE_BREAK, text)


# Word-level alignment is quadratic; beyond this many tokens on a side (a
# few paragraphs) a changed stretch is compared as a whole instead.
_WORDS_COMPARED = 1000


def _words(text: str) -> list[str] | None:
    """The words, spaces and marks of a text; None if there are too many."""
    tokens = _TOKEN.findall(text or "")
    return tokens if len(tokens) <= _WORDS_COMPARED else None


def _matcher(_isjunk, a, b) -> difflib.SequenceMatcher:
    # No autojunk: in a long text the frequent words must still anchor.
    return difflib.SequenceMatcher(None, a, b, autojunk=False)


# ---------------------------------------------------------------------------
# Comparison


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
    for op, i1, i2, j1, j2 in _matcher(None, a, b).get_opcodes():
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
    yield from _diff(old, new, _sentences, _diff_words)


def _diff_words(old: str, new: str) -> Iterator[Change]:
    a, b = _words(old), _words(new)
    if a is None or b is None:
        # Many sentences replaced at once: shown whole, and in linear time.
        yield Change("delete", old)
        yield Change("insert", new)
        return
    matcher = _matcher(None, a, b)
    # Only a sentence that keeps at least half its words counts as edited;
    # otherwise it was replaced, and is shown as a whole.
    kept = _matcher(None, [w for w in a if w.strip()], [w for w in b if w.strip()])
    if kept.ratio() < 0.5:
        yield Change("delete", old)
        yield Change("insert", new)
        return
    # Edits separated only by white space are one edit: "<del>a b</del><ins>c
    # d</ins>" reads better than alternating single words.
    ops = matcher.get_opcodes()
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


# ---------------------------------------------------------------------------
# Three-way merge

PARAGRAPH, LINE, WORD = 0, 1, 2
_SPLIT = {PARAGRAPH: paragraphs, LINE: _lines}
_JOIN = {PARAGRAPH: "\n\n", LINE: "\n"}

# Lines that mark a conflict in a text prepared for merging. "=======" alone
# is a Markdown heading underline, so the middle marker counts only with the
# label that follows it.
_MARKER = re.compile(r"^(?:<{7}|>{7}|={7}[ \t]+\S)", re.MULTILINE)


def has_conflict_markers(text: str) -> bool:
    return bool(_MARKER.search(text or ""))


@dataclass(frozen=True)
class Chunk:
    """A stretch of the three texts; merged is None where they conflict."""

    base: str
    theirs: str
    yours: str
    merged: str | None

    @property
    def is_conflict(self) -> bool:
        return self.merged is None


@dataclass(frozen=True)
class MergeResult:
    chunks: tuple[Chunk, ...]

    @property
    def conflicts(self) -> list[Chunk]:
        return [c for c in self.chunks if c.is_conflict]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    @property
    def text(self) -> str:
        """The merged text; only for a merge without conflicts."""
        if not self.clean:
            raise ValueError("The merge has conflicts; use with_markers().")
        return "".join(c.merged for c in self.chunks)

    def with_markers(self, *, theirs: str, yours: str, end: str) -> str:
        """The merged text with both sides of every conflict, between markers.

        Each conflict becomes a block of its own, separated by blank lines:
        "<<<<<<< theirs", their passage, "======= yours", your passage,
        ">>>>>>> end". Nothing of either side is left out.
        """
        out, gap = "", False
        for chunk in self.chunks:
            if not chunk.is_conflict:
                if gap and chunk.merged:
                    # One blank line after a block, whatever followed it.
                    out += "\n" + chunk.merged.lstrip("\n")
                    gap = False
                else:
                    out += chunk.merged
                continue
            if out.strip():
                out = out.rstrip("\n") + "\n\n"
            out += (
                f"<<<<<<< {theirs}\n{chunk.theirs.strip(chr(10))}\n"
                f"======= {yours}\n{chunk.yours.strip(chr(10))}\n"
                f">>>>>>> {end}\n"
            )
            gap = True
        return out


def three_way_merge(base: str, theirs: str, yours: str) -> MergeResult:
    """Merge two edits of the same base text.

    Changes are merged paragraph by paragraph; where both sides changed the
    same stretch, line by line; where both changed the same line, word by
    word, unless the two edits fall in the same sentence. Two passages
    inserted at the same place are both kept (theirs first). What remains is
    a conflict, at the level of whole lines.
    """
    base, theirs, yours = (normalize_newlines(t) for t in (base, theirs, yours))
    return MergeResult(tuple(_merge(base, theirs, yours, PARAGRAPH)))


def _merge(base: str, theirs: str, yours: str, level: int) -> Iterator[Chunk]:
    for b, t, y in _regions(base, theirs, yours, _SPLIT[level]):
        if t == y:
            yield Chunk(b, t, y, t)
        elif t == b:
            yield Chunk(b, t, y, y)
        elif y == b:
            yield Chunk(b, t, y, t)
        elif not b.strip() and t.strip() and y.strip():
            yield Chunk(b, t, y, _both_inserted(t, y, _JOIN[level]))
        elif level == PARAGRAPH:
            yield from _merge(b, t, y, LINE)
        else:
            yield Chunk(b, t, y, _merge_words(b, t, y))


def _regions(
    base: str, theirs: str, yours: str, split: Callable[[str], list[str]]
) -> Iterator[tuple[str, str, str]]:
    """Stretches of (base, theirs, yours): alternately changed and in sync."""
    b, t, y = split(base), split(theirs), split(yours)
    merge = Merge3(b, t, y, sequence_matcher=_matcher)
    iz = it = iy = 0
    for zmatch, zend, tmatch, tend, ymatch, yend in merge.find_sync_regions():
        if zmatch > iz or tmatch > it or ymatch > iy:
            yield "".join(b[iz:zmatch]), "".join(t[it:tmatch]), "".join(y[iy:ymatch])
        if zend > zmatch:
            same = "".join(b[zmatch:zend])
            yield same, same, same
        iz, it, iy = zend, tend, yend


def _both_inserted(theirs: str, yours: str, join: str) -> str:
    if theirs.endswith("\n") or yours.startswith("\n"):
        return theirs + yours
    return theirs + join + yours


def _merge_words(base: str, theirs: str, yours: str) -> str | None:
    """Word by word; None if the two edits overlap or fall in one sentence."""
    b, t, y = _words(base), _words(theirs), _words(yours)
    if b is None or t is None or y is None:
        return None
    sentence = _sentence_numbers(b)
    out: list[str] = []
    touched_t: set = set()
    touched_y: set = set()
    merge = Merge3(b, t, y, sequence_matcher=_matcher)
    iz = it = iy = 0
    for zmatch, zend, tmatch, tend, ymatch, yend in merge.find_sync_regions():
        bb, tt, yy = (
            "".join(b[iz:zmatch]),
            "".join(t[it:tmatch]),
            "".join(y[iy:ymatch]),
        )
        if tt == yy:
            out.append(tt)
        elif tt == bb:
            out.append(yy)
            touched_y |= _touched(sentence, iz, zmatch)
        elif yy == bb:
            out.append(tt)
            touched_t |= _touched(sentence, iz, zmatch)
        else:
            return None
        out.extend(b[zmatch:zend])
        iz, it, iy = zend, tend, yend
    if touched_t & touched_y:
        return None
    return "".join(out)


def _sentence_numbers(tokens: list[str]) -> list[int]:
    """For each word token, the number of the sentence it belongs to.

    A sentence ends at ".", "!" or "?" followed by white space, or at a line
    break; the white space after it still belongs to it.
    """
    numbers, current = [], 0
    after_stop = ended = False
    for token in tokens:
        blank = not token.strip()
        if ended and not blank:
            current += 1
            ended = False
        numbers.append(current)
        if blank:
            ended = ended or after_stop or "\n" in token
            after_stop = False
        else:
            after_stop = token in {".", "!", "?"}
    return numbers


def _touched(sentence: list[int], start: int, end: int) -> set:
    """The sentences an edit of base tokens [start, end) touches.

    An insertion between two sentences touches neither, only that gap.
    """
    if end > start:
        return {("sentence", n) for n in sentence[start:end]}
    if start == 0 or start == len(sentence):
        return {("gap", start)}
    if sentence[start] != sentence[start - 1]:
        return {("gap", start)}
    return {("sentence", sentence[start])}


def excerpt(text: str, length: int = 80) -> str:
    """A passage on one line, shortened for a message."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
