"""The word differences between a passage and its source, for the HTML page's side by side."""

from __future__ import annotations

from diffdoc.models import Segment
from diffdoc.normalize import DEFAULT_KEY
from diffdoc.reuse.query import ReuseResult
from diffdoc.wordiff import diff_words


def source_diffs(result: ReuseResult) -> dict[tuple[int, int], tuple[Segment, ...]]:
    """(passage number, source number) -> the word diff from the source to the passage."""
    found = {}
    for number, passage in enumerate(result.passages):
        text = result.paragraphs[passage.paragraph][passage.start : passage.end]
        for index, source in enumerate(passage.sources):
            found[(number, index)] = diff_words(source.text, text, DEFAULT_KEY).segments
    return found
