"""Three-way merge of two edits of one section text (ADR 0204)."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from merge3 import Merge3

from visie.text.tokens import lines, matcher, normalize_newlines, paragraphs, words

PARAGRAPH, LINE = 0, 1
_SPLIT = {PARAGRAPH: paragraphs, LINE: lines}
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
    merge = Merge3(b, t, y, sequence_matcher=matcher)
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
    b, t, y = words(base), words(theirs), words(yours)
    if b is None or t is None or y is None:
        return None
    sentence = _sentence_numbers(b)
    out: list[str] = []
    touched_t: set = set()
    touched_y: set = set()
    merge = Merge3(b, t, y, sequence_matcher=matcher)
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
