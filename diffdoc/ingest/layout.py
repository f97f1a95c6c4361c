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
    """Each paragraph's lines, and whether a page break comes right before it.

    `furniture` is `lines` with page furniture blanked, `body` that with footnotes blanked
    too (`extract_footnotes`). A line the furniture rules changed marks a page break.
    """
    breaks = [
        i for i, (line, kept) in enumerate(zip(lines, furniture, strict=True)) if line != kept
    ]
    out: list[tuple[list[str], bool]] = []
    end = -1  # the last line of the previous run of lines
    for start, chunk in chunk_spans(body):
        page_break = False
        if breaks:
            after = bisect_right(breaks, end)
            page_break = after < len(breaks) and breaks[after] < start
        end = start + len(chunk) - 1
        for paragraph in split_chunk(chunk, wrap):
            out.append((paragraph, page_break))
            page_break = False
    return out


def rebuild(lines: Sequence[str]) -> list[Draft]:
    """Plain-text paragraphs (hard wraps joined, furniture dropped), then the footnotes.

    A paragraph that follows a page break says so (`Draft.page_break`), so that a sentence
    cut by the break can be joined again.
    """
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
            page_break=page_break,
        )
        for paragraph, page_break in paragraph_runs(lines, furniture, layout.lines, wrap)
    ]
    return drafts + layout.footnotes
