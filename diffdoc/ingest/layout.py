"""Rebuild paragraphs from lines: drop page furniture, collect PDF footnotes, join hard wraps.

Text extracted from PDFs or hard-wrapped at 72/80 columns gives lines, not paragraphs. The
rules here are named and small:

- page furniture: page numbers ("2/5", "- 3 -", "Page 4 of 9"), UN job numbers
  ("25-16680 (E)") and barcodes ("*2516680*"), and short lines repeated at page breaks;
- footnotes printed under a "_____" separator, up to the next page's furniture;
- line joining: a line continues the paragraph above it unless the next word would have fit
  on the line above (so the break was intentional), the line starts a label or a list, or the
  line above is a heading; hyphens at line end are resolved from the document's own words.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from diffdoc.ingest.structure import (
    LABEL,
    Draft,
    ends_sentence,
    find_label,
    is_heading_text,
    join_text,
)

_PAGE_MARKERS = (
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),  # 2/5
    re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$"),  # - 3 -
    re.compile(r"^(?:Page|page|PAGE)\s+\d{1,4}(?:\s+of\s+\d{1,4})?$"),
    re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?$"),  # UN job number: 25-16680 (E)
    re.compile(r"^\\?\*\d{7,}\\?\*$"),  # UN barcode: *2516680*
)
_FOOTNOTE_RULE = re.compile(r"^_{5,}$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_BULLET = re.compile(r"^(?:[-*+•·▪]\s)")
_HYPHENATED = re.compile(r"(\w+)-$")
_WORD = re.compile(r"\w+(?:-\w+)*")
SHORT_LINE = 60
# Readers prefix a line with this mark (and a level digit) to say "this line is a heading".
HEADING_MARK = "\ue000"


def is_blank(line: str) -> bool:
    """Blank, or only spaces of any kind (a no-break space on its own is a blank line)."""
    return not line.strip()


def is_page_marker(line: str) -> bool:
    """Page numbers, job numbers, barcodes: printed on every page, never wording."""
    text = line.strip()
    return any(pattern.match(text) for pattern in _PAGE_MARKERS)


@dataclass(frozen=True)
class Layout:
    """Lines with the page furniture blanked out, and the footnotes found under rules."""

    lines: list[str]
    footnotes: list[Draft]


def _repeated_short_lines(lines: Sequence[str]) -> set[str]:
    counts = Counter(line.strip() for line in lines if not is_blank(line))
    return {
        text
        for text, count in counts.items()
        if count >= 2
        and len(text) <= SHORT_LINE
        and not ends_sentence(text)
        and not LABEL.fullmatch(text)
        and not is_heading_text(text)
        and not text.startswith(HEADING_MARK)
    }


def remove_page_furniture(lines: Sequence[str]) -> list[str]:
    """Blank out runs of furniture lines (page markers, repeated short lines) that hold a
    page marker, and repeated short lines standing alone where a page break cut a sentence."""
    lines = [line.replace("\f", "") if line.strip() != "\f" else "" for line in lines]
    repeated = _repeated_short_lines(lines)
    out = list(lines)
    index = 0
    while index < len(lines):
        if is_blank(lines[index]):
            index += 1
            continue
        end = index
        run: list[int] = []
        while end < len(lines) and (
            is_blank(lines[end]) or is_page_marker(lines[end]) or lines[end].strip() in repeated
        ):
            if not is_blank(lines[end]):
                run.append(end)
            end += 1
        if any(is_page_marker(lines[i]) for i in run):
            for i in run:
                out[i] = ""
        index = max(end, index + 1)
    return _remove_running_headers(out, repeated)


def _remove_running_headers(lines: list[str], repeated: set[str]) -> list[str]:
    standalone: dict[str, list[int]] = {}
    cut_headers: set[str] = set()
    for index, line in enumerate(lines):
        text = line.strip()
        if text not in repeated:
            continue
        before = _neighbour(lines, index, -1)
        after = _neighbour(lines, index, 1)
        if (index == 0 or is_blank(lines[index - 1])) and (
            index + 1 == len(lines) or is_blank(lines[index + 1])
        ):
            standalone.setdefault(text, []).append(index)
            if before and after and not ends_sentence(before) and after[:1].islower():
                cut_headers.add(text)
    out = list(lines)
    for text in cut_headers:
        for index in standalone[text]:
            out[index] = ""
    return out


def _neighbour(lines: Sequence[str], index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(lines):
        if not is_blank(lines[index]):
            return lines[index].strip()
        index += step
    return None


def extract_footnotes(lines: Sequence[str], furniture: Sequence[str]) -> Layout:
    """Move footnotes printed under a "_____" rule (up to the next page break) out of the text.

    `furniture` is `lines` with page furniture blanked: a page's footnotes end where its
    furniture begins.
    """
    body = list(furniture)
    notes: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(lines):
        if not _FOOTNOTE_RULE.match(lines[index].strip()):
            index += 1
            continue
        body[index] = ""
        index += 1
        while index < len(lines) and not (
            furniture[index] != lines[index] or _FOOTNOTE_RULE.match(lines[index].strip())
        ):
            text = lines[index].strip()
            body[index] = ""
            start = _FOOTNOTE_START.match(text)
            if start:
                notes.append((start.group(1), [start.group(2)]))
            elif text and notes:
                notes[-1][1].append(text)
            elif text:
                notes.append(("", [text]))
            index += 1
    words = document_words(lines)
    footnotes = [
        Draft(join_lines(parts, words), kind="footnote", label=label or None)
        for label, parts in notes
    ]
    return Layout(body, footnotes)


def document_words(lines: Sequence[str]) -> Counter[str]:
    """Every word of the text, lowercased: evidence for resolving line-end hyphens."""
    return Counter(word.lower() for line in lines for word in _WORD.findall(line))


def join_lines(lines: Sequence[str], words: Counter[str] | None = None) -> str:
    """Join the lines of one paragraph; a line-end hyphen is dropped only when the document
    spells the joined word without it elsewhere ("develop-" + "ment"), kept otherwise
    ("action-" + "oriented")."""
    text = ""
    for line in lines:
        line = line.strip()
        hyphen = _HYPHENATED.search(text)
        if hyphen and line[:1].islower():
            head = hyphen.group(1)
            tail = _WORD.match(line)
            joined = (head + (tail.group(0) if tail else "")).lower()
            if words is not None and words[joined] > 0:
                text = text[:-1] + line
            else:
                text += line
        else:
            text = join_text(text, line)
    return text


def estimate_width(lines: Sequence[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None for one paragraph per line.

    Wrapped text has most of its lines close to one length (72, 80...); text with a long
    line per paragraph has no such column.
    """
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) >= 20)
    if len(lengths) < 5:
        return None
    p95 = lengths[int(0.95 * (len(lengths) - 1))]
    if p95 > 110:
        return None
    near = sum(1 for length in lengths if length >= 0.75 * p95)
    if near < 0.5 * len(lengths):
        return None
    return max(length for length in lengths if length <= 1.15 * p95)


LineTest = Callable[[str, str], bool]


def starts_paragraph(previous: str, line: str, width: int | None) -> bool:
    """Whether `line` starts a new paragraph after `previous` within one blank-free chunk."""
    before, text = previous.strip(), line.strip()
    if LABEL.fullmatch(before):
        return False  # "1." alone on its line: the text follows
    if previous.endswith("  ") or previous.endswith("\\"):
        return False  # explicit line break inside a paragraph (Markdown)
    if is_heading_text(before) or (
        is_heading_text(text) and (width is None or _fits(before, text, width))
    ):
        return True
    first_word = text.split()[0] if text.split() else ""
    if find_label(text) or _BULLET.match(text):
        return ends_sentence(before) or width is None or _fits(before, text, width)
    if width is None:
        # One paragraph per line; a lowercase start or a colon above means the line goes on.
        return not (text[:1].islower() or before.endswith(":"))
    if not first_word:
        return False
    if ends_sentence(before) and not text[:1].islower():
        return _fits(before, text, width)
    return len(before) + 1 + len(first_word) <= 0.8 * width


def _fits(before: str, text: str, width: int) -> bool:
    """Would the first word of `text` have fitted at the end of `before`?"""
    first_word = text.split()[0] if text.split() else ""
    return len(before) + 1 + len(first_word) <= width


def chunks(lines: Sequence[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    out: list[list[str]] = [[]]
    for line in lines:
        if is_blank(line):
            if out[-1]:
                out.append([])
        else:
            out[-1].append(line)
    return [chunk for chunk in out if chunk]


def paragraphs(lines: Sequence[str], width: int | None) -> list[list[str]]:
    """Split the text into paragraphs, each a list of its lines."""
    out: list[list[str]] = []
    for chunk in chunks(lines):
        out.append([chunk[0]])
        for previous, line in itertools.pairwise(chunk):
            if starts_paragraph(previous, line, width):
                out.append([line])
            else:
                out[-1].append(line)
    return out


def rebuild(lines: Sequence[str]) -> tuple[list[str], list[Draft]]:
    """Plain-text paragraphs (hard wraps joined, furniture dropped) and footnotes."""
    furniture = remove_page_furniture(lines)
    layout = extract_footnotes(lines, furniture)
    width = estimate_width(layout.lines)
    words = document_words(layout.lines)
    texts = [join_lines(paragraph, words) for paragraph in paragraphs(layout.lines, width)]
    return texts, layout.footnotes
