"""Rebuild paragraphs from lines: drop page furniture, collect footnotes, join hard wraps.

Text extracted from PDFs or hard-wrapped at 72/80 columns gives lines, not paragraphs. The
steps live in small modules, named here in the order `rebuild` runs them:

- `furniture`: page numbers, job numbers, barcodes, running headers and page edges;
- `footnotes`: footnotes printed under a "_____" rule;
- `wrap`: how the text was wrapped and where a paragraph starts;
- `hyphens`: joining a paragraph's lines and resolving line-end hyphens.

The names other modules use are importable from here as well.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress, count
from operator import ne

from diffdoc.ingest.footnotes import FOOTNOTE_RULE, Layout, extract_footnotes
from diffdoc.ingest.furniture import (
    _PAGE_MARKER,
    HEADING_MARK,
    SHORT_LINE,
    _is_repeated,
    _may_be_marker,
    furniture_key,
    is_blank,
    is_page_marker,
    remove_page_furniture,
)
from diffdoc.ingest.hyphens import (
    _HYPHENATED,
    _WORD,
    close_split_hyphens,
    document_words,
    drops_hyphen,
    join_lines,
    restore_extractor_hyphens,
)
from diffdoc.ingest.structure import Draft
from diffdoc.ingest.wrap import (
    BOLD_LINE,
    Wrap,
    chunk_spans,
    chunks,
    estimate_wrap,
    paragraphs,
    split_chunk,
    starts_paragraph,
)

# The names Markdown's reader and markup module have used.
_FOOTNOTE_RULE = FOOTNOTE_RULE
_BOLD_LINE = BOLD_LINE

__all__ = [
    "BOLD_LINE",
    "FOOTNOTE_RULE",
    "HEADING_MARK",
    "SHORT_LINE",
    "_BOLD_LINE",
    "_FOOTNOTE_RULE",
    "_HYPHENATED",
    "_PAGE_MARKER",
    "_WORD",
    "Layout",
    "Wrap",
    "_is_repeated",
    "_may_be_marker",
    "chunks",
    "close_split_hyphens",
    "document_words",
    "drops_hyphen",
    "estimate_wrap",
    "extract_footnotes",
    "furniture_key",
    "is_blank",
    "is_page_marker",
    "join_lines",
    "paragraph_runs",
    "paragraphs",
    "rebuild",
    "remove_page_furniture",
    "starts_paragraph",
]


def paragraph_runs(
    lines: Sequence[str], furniture: Sequence[str], body: Sequence[str], wrap: Wrap | None
) -> list[tuple[list[str], bool]]:
    """Each paragraph's lines, and whether the break before it is soft: a page break, or
    no blank line (only line lengths said a paragraph starts).

    `furniture` is `lines` with page furniture blanked, `body` that with footnotes blanked
    too (`extract_footnotes`). A line the furniture rules changed marks a page break.
    """
    # Indexes of changed lines, found in C loops: most texts have none.
    breaks = list(compress(count(), map(ne, lines, furniture)))
    out: list[tuple[list[str], bool]] = []
    if not breaks:
        for chunk in chunks(body):
            paragraphs_ = split_chunk(chunk, wrap)
            out.append((paragraphs_[0], False))
            # No blank line between: the break is a guess from line lengths.
            out.extend((paragraph, True) for paragraph in paragraphs_[1:])
        return out
    end = -1  # the last line of the previous run of lines
    for start, chunk in chunk_spans(body):
        after = bisect_right(breaks, end)
        soft_break = after < len(breaks) and breaks[after] < start
        end = start + len(chunk) - 1
        for paragraph in split_chunk(chunk, wrap):
            out.append((paragraph, soft_break))
            soft_break = True  # no blank line: the break is a guess from line lengths
    return out


def rebuild(lines: Sequence[str]) -> list[Draft]:
    """Plain-text paragraphs (hard wraps joined, furniture dropped), then the footnotes.

    A paragraph after a soft break (a page break, or none but line lengths) says so
    (`Draft.soft_break`), so that a sentence cut there can be joined again.
    """
    if any("\f" in line for line in lines):  # a PDF's text layer, from an extractor
        lines = restore_extractor_hyphens(lines)
    furniture = remove_page_furniture(lines)
    layout = extract_footnotes(lines, furniture)
    wrap = estimate_wrap(layout.lines)
    words = document_words(layout.lines)
    drafts = [
        Draft(
            # join_lines, inlined for the usual one-line paragraph
            close_split_hyphens(paragraph[0].strip())
            if len(paragraph) == 1
            else join_lines(paragraph, words),
            None,
            "",
            None,
            soft_break,  # positional: cheaper, and this runs once per paragraph
        )
        for paragraph, soft_break in paragraph_runs(lines, furniture, layout.lines, wrap)
    ]
    return drafts + layout.footnotes
