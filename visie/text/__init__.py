"""Section texts: Markdown rendering, grouped comparison and three-way merging.

Texts are compared and merged in passes from coarse to fine: paragraphs
first, then lines, then words (the merge) or sentences and words (the diff),
so a paragraph added by one partner is one insertion, not words scattered
through a colleague's text.
"""

from visie.text.diff import Change, diff, word_diff
from visie.text.markdown import render_markdown
from visie.text.merge import Chunk, MergeResult, has_conflict_markers, three_way_merge
from visie.text.tokens import excerpt, normalize_newlines

__all__ = [
    "Change",
    "Chunk",
    "MergeResult",
    "diff",
    "excerpt",
    "has_conflict_markers",
    "normalize_newlines",
    "render_markdown",
    "three_way_merge",
    "word_diff",
]
