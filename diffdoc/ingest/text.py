"""Plain-text reader: hard-wrapped or one paragraph per line, with or without page furniture.

Text extracted from PDFs or hard-wrapped at 72/80 columns gives lines, not paragraphs.
`rebuild` turns them into paragraphs with steps that live in small modules, in this order:

- `furniture`: page numbers, job numbers, barcodes, running headers and page edges;
- `footnotes`: footnotes printed under a "_____" rule;
- `wrap`: how the text was wrapped and where a paragraph starts;
- `hyphens`: joining a paragraph's lines and resolving line-end hyphens (and, in text cut
  into pages by form feeds, giving back hyphens an extractor dropped).

Then `label_columns` gives labels printed in a column of their own to their paragraphs, and
`structure` decides each paragraph's kind (heading, list item, closing...).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress, count
from operator import ne

from diffdoc.ingest.footnotes import extract_footnotes
from diffdoc.ingest.furniture import remove_page_furniture
from diffdoc.ingest.hyphens import (
    close_split_hyphens,
    document_words,
    join_lines,
    restore_extractor_hyphens,
)
from diffdoc.ingest.label_columns import distribute_label_columns
from diffdoc.ingest.structure import RawParagraph, assemble
from diffdoc.ingest.wrap import Wrap, chunk_spans, chunks, estimate_wrap, split_chunk
from diffdoc.models import Document, Source


def read_text(text: str, *, source: Source | None = None) -> Document:
    """Read plain text into a Document, rebuilding paragraphs from its lines."""
    return assemble(distribute_label_columns(rebuild(text.split("\n"))), source=source)


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


def rebuild(lines: Sequence[str]) -> list[RawParagraph]:
    """Plain-text paragraphs (hard wraps joined, furniture dropped), then the footnotes.

    A paragraph after a soft break (a page break, or none but line lengths) says so
    (`RawParagraph.soft_break`), so that a sentence cut there can be joined again.
    """
    if any("\f" in line for line in lines):  # a PDF's text layer, from an extractor
        lines = restore_extractor_hyphens(lines)
    furniture = remove_page_furniture(lines)
    layout = extract_footnotes(lines, furniture)
    wrap = estimate_wrap(layout.lines)
    words = document_words(layout.lines)
    paras = [
        RawParagraph(
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
    return paras + layout.footnotes
