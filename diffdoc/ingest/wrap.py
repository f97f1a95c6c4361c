"""Hard wraps: how a text was wrapped, and where in a run of lines a paragraph starts.

A line continues the paragraph above it unless the next word would have fitted on the line
above (so the break was intentional), the line starts a label, a list or a heading, or the
line above is a heading.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from diffdoc.ingest.furniture import is_blank
from diffdoc.ingest.wording import (
    LABEL,
    ends_sentence,
    find_label,
    is_heading_text,
    is_standalone_heading,
)
from diffdoc.segment import NO_SPACE_CHAR

_BULLET = re.compile(r"^(?:[-*+•·▪]\s)")
# A sentence that ends a paragraph: a colon or semicolon at a line end usually goes on.
_ENDS_FULL_STOP = re.compile(r"[.!?。！？…]['\"’”»)\]]*$")
# A whole line in bold ("**Peace and Stability**"): a heading line.
BOLD_LINE = re.compile(r"^(?:\*\*[^*]+\*\*|__[^_]+__)$")


@dataclass(frozen=True)
class Wrap:
    """How a text was hard-wrapped: the column, and whether by character count (a tool
    wrapping at 72) or by printed width (a PDF in a proportional font: only roughly)."""

    width: int
    exact: bool


def estimate_wrap(lines: Sequence[str]) -> Wrap | None:
    """How the text was wrapped, or None when it has one paragraph per line.

    Wrapped text has most of its lines close to one length (72, 80...); text with a long
    line per paragraph has no such column. Wrapping is exact when a line practically never
    ends early although the next word would have fitted.
    """
    lengths = [len(line.rstrip()) for line in lines if len(line.strip()) >= 20]
    lengths.sort()
    if len(lengths) < 5:
        return None
    p95 = lengths[int(0.95 * (len(lengths) - 1))]
    if p95 > 110:
        return None
    near = sum(1 for length in lengths if length >= 0.75 * p95)
    if near < 0.5 * len(lengths):
        return None
    width = max(length for length in lengths if length <= 1.15 * p95)
    pairs = [
        (a.strip(), b.strip())
        for a, b in itertools.pairwise(lines)
        if not is_blank(a) and not is_blank(b) and not ends_sentence(a) and a.strip()[-1:] != ","
    ]
    early = sum(1 for a, b in pairs if _fits(a, b, width))
    return Wrap(width, exact=early <= 0.05 * max(len(pairs), 1))


def starts_paragraph(previous: str, line: str, following: str | None, wrap: Wrap | None) -> bool:
    """Whether `line` starts a new paragraph after `previous` within one blank-free chunk.

    `following` is the line after `line` in the chunk, if any: a paragraph's indented first
    line is short, which tells a paragraph break from a sentence that ends at a line end.
    """
    before, text = previous.strip(), line.strip()
    width = wrap.width if wrap else None
    if LABEL.fullmatch(before):
        return False  # "1." alone on its line: the text follows
    if _BULLET.match(text):
        return True
    if BOLD_LINE.match(before) and not BOLD_LINE.match(text):
        return True  # a bold heading line, then its text ("**Peace and Stability**  ")
    if previous.endswith("  ") or previous.endswith("\\"):
        return False  # explicit line break inside a paragraph (Markdown)
    if is_standalone_heading(before) or is_standalone_heading(text):
        return True  # "Article 1" alone on its line is a heading, never wrapped text
    if is_heading_text(before):
        # A titled heading ("II. Implementation of ...") may wrap onto a short line of its own
        # (headings are set in larger type, so fitting by characters says nothing here).
        wrapped = (
            width is not None
            and len(text) < 0.8 * width
            and not ends_sentence(text)
            and not find_label(text)
            and not is_heading_text(text)
        )
        return not wrapped
    if is_heading_text(text) and (width is None or _fits(before, text, width)):
        return True
    if find_label(text):
        return ends_sentence(before) or width is None or _fits(before, text, width)
    if text[:1].islower() and not ends_sentence(before):
        return False  # no blank line, an open sentence, a lowercase word: it goes on
    if wrap is None:
        # One paragraph per line; a lowercase start or a colon above means the line goes on.
        return not (text[:1].islower() or before.endswith(":") or _cjk_continues(before, text))
    if not text:
        return False
    if _ENDS_FULL_STOP.search(before) and not text[:1].islower():
        # The sentence ends where the next word would still have fitted: the break was
        # meant. Text set in a proportional font gets one character of slack.
        return _fits(before, text, wrap.width if wrap.exact else wrap.width - 1)
    return _fits(before, text, int(0.8 * wrap.width))


def _cjk_continues(before: str, text: str) -> bool:
    """Chinese wrapped mid-sentence: a CJK character (not punctuation) on both sides."""
    return bool(
        before
        and text
        and before[-1].isalpha()
        and text[0].isalpha()
        and NO_SPACE_CHAR.match(before[-1])
        and NO_SPACE_CHAR.match(text[0])
    )


def _fits(before: str, text: str, width: int) -> bool:
    """Would the first word of `text` have fitted at the end of `before`?"""
    # Split on plain spaces only: a no-break space is no place to wrap.
    first_word = text.strip().split(" ", 1)[0]
    return len(before) + 1 + len(first_word) <= width


def chunk_spans(lines: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the index of its first line."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():  # is_blank, inlined: this runs once per line
            current = []
        else:
            if not current:
                out.append((index, current))
            current.append(line)
    return out


def chunks(lines: Sequence[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    return [chunk for _, chunk in chunk_spans(lines)]


def split_chunk(chunk: list[str], wrap: Wrap | None) -> list[list[str]]:
    """Split a run of non-blank lines into paragraphs, each a list of its lines."""
    if len(chunk) == 1:
        return [chunk]
    out = [[chunk[0]]]
    for index in range(1, len(chunk)):
        following = chunk[index + 1] if index + 1 < len(chunk) else None
        if starts_paragraph(chunk[index - 1], chunk[index], following, wrap):
            out.append([chunk[index]])
        else:
            out[-1].append(chunk[index])
    return out


def paragraphs(lines: Sequence[str], wrap: Wrap | None) -> list[list[str]]:
    """Split the text into paragraphs, each a list of its lines."""
    return [paragraph for chunk in chunks(lines) for paragraph in split_chunk(chunk, wrap)]
