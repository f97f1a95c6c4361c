"""Footnotes printed under a "_____" rule, up to the next page's furniture."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from diffdoc.ingest.furniture import _neighbour, is_blank
from diffdoc.ingest.hyphens import document_words, join_lines
from diffdoc.ingest.structure import RawParagraph

FOOTNOTE_RULE = re.compile(r"^_{5,}$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")


@dataclass(frozen=True)
class Layout:
    """Lines with the page furniture blanked out, and the footnotes found under rules."""

    lines: list[str]
    footnotes: list[RawParagraph]


def extract_footnotes(lines: Sequence[str], furniture: Sequence[str]) -> Layout:
    """Move footnotes printed under a "_____" rule (up to the next page break) out of the text.

    `furniture` is `lines` with page furniture blanked: a page's footnotes end where its
    furniture begins.
    """
    body = list(furniture)
    notes: list[tuple[str, list[str]]] = []
    index = 0
    # Only lines holding "_____" can be rules: visit those, skipping any area consumed below.
    for candidate in [i for i, line in enumerate(lines) if "_____" in line]:
        if candidate < index:
            continue
        index = candidate
        if not FOOTNOTE_RULE.match(lines[index].strip()) or not _FOOTNOTE_START.match(
            _neighbour(lines, index, 1) or ""
        ):
            continue
        body[index] = ""
        index += 1
        while index < len(lines) and not (
            furniture[index] != lines[index] or FOOTNOTE_RULE.match(lines[index].strip())
        ):
            text = lines[index].strip()
            start = _FOOTNOTE_START.match(text)
            if text and not start and index > 0 and is_blank(lines[index - 1]):
                break  # after a blank line only a new footnote continues the area
            body[index] = ""
            if start:
                notes.append((start.group(1), [start.group(2)]))
            elif text and notes:
                notes[-1][1].append(text)
            elif text:
                notes.append(("", [text]))
            index += 1
    words = document_words(lines) if notes else None
    footnotes = [
        RawParagraph(join_lines(parts, words), kind="footnote", label=label or None)
        for label, parts in notes
    ]
    return Layout(body, footnotes)
