"""Cutting a text into pieces to compare: paragraphs, lines, sentences, words."""

import difflib
import re


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


def lines(text: str) -> list[str]:
    return _pieces(_LINE_BREAK, text)


def sentences(text: str) -> list[str]:
    return _pieces(_SENTENCE_BREAK, text)


# Word-level alignment is quadratic; beyond this many tokens on a side (a
# few paragraphs) a changed stretch is compared as a whole instead.
WORDS_COMPARED = 1000


def words(text: str) -> list[str] | None:
    """The words, spaces and marks of a text; None if there are too many."""
    tokens = _TOKEN.findall(text or "")
    return tokens if len(tokens) <= WORDS_COMPARED else None


def matcher(_isjunk, a, b) -> difflib.SequenceMatcher:
    # No autojunk: in a long text the frequent words must still anchor.
    return difflib.SequenceMatcher(None, a, b, autojunk=False)


def excerpt(text: str, length: int = 80) -> str:
    """A passage on one line, shortened for a message."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
