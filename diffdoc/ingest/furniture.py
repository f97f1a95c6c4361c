"""Page furniture: what a printed page repeats around the text, never wording.

Page numbers ("2/5", "- 3 -", "Page 4 of 9"), UN job numbers ("25-16680 (E)") and barcodes
("*2516680*"), short lines repeated at page breaks (running headers), and, where the text
marks its pages with form feeds (a PDF's text layer), the lines repeated at the tops and
bottoms of the pages.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from diffdoc.ingest.wording import LABEL, ends_sentence, find_label, is_heading_text

_PAGE_MARKER = re.compile(
    r"^(?:\d{1,4}\s*/\s*\d{1,4}"  # 2/5
    r"|[-–—]\s*\d{1,4}\s*[-–—]"  # - 3 -
    r"|(?:Page|page|PAGE)\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r"|\d{2}-\d{5}(?:\s*\([A-Z]\))?"  # UN job number: 25-16680 (E)
    r"|\\?\*\d{7,}\\?\*)$"  # UN barcode: *2516680*
)
_BARE_NUMBER = re.compile(r"\d{1,4}")
_DIGITS = re.compile(r"\d+")
# Every page marker starts with a digit or one of these.
_MARKER_FIRST = frozenset("-–—Pp\\*")
SHORT_LINE = 60
# Readers prefix a line with this mark (and a level digit) to say "this line is a heading".
HEADING_MARK = "\ue000"
# How many lines at the top and at the bottom of a page may be furniture.
_EDGE_LINES = 2
# Running headers are at most one line in this many (half): a text of a million one-letter
# paragraphs ("a", "b", ... standing between lowercase lines) is wording, not headers.
_MOST_FURNITURE = 2


def _may_be_marker(text: str) -> bool:
    """False for stripped lines no page marker can start (most lines: they start with a
    letter other than P)."""
    return text[:1] in _MARKER_FIRST or text[:1].isdecimal()


def is_blank(line: str) -> bool:
    """Blank, or only spaces of any kind (a no-break space on its own is a blank line)."""
    return not line.strip()


def is_page_marker(line: str) -> bool:
    """Page numbers, job numbers, barcodes: printed on every page, never wording."""
    return _PAGE_MARKER.match(line.strip()) is not None


def _is_bare_page_number(lines: Sequence[str], index: int) -> bool:
    """A number alone on its line with a blank line (a page break) right before or after."""
    if not _BARE_NUMBER.fullmatch(lines[index].strip()):
        return False
    return (index > 0 and is_blank(lines[index - 1])) or (
        index + 1 < len(lines) and is_blank(lines[index + 1])
    )


def furniture_key(line: str) -> tuple[str, ...]:
    """The words of a line in sorted order: running headers alternate "A/RES/80/3 Title"
    on even pages with "Title A/RES/80/3" on odd ones."""
    return tuple(sorted(line.split()))


def _may_be_furniture(text: str) -> bool:
    """A stripped short line that could be a running header: no sentence, label or heading."""
    return (
        len(text) <= SHORT_LINE
        and not ends_sentence(text)
        and not LABEL.fullmatch(text)
        and not is_heading_text(text)
        and not text.startswith(HEADING_MARK)
    )


def _repeated_short_lines(lines: Sequence[str], stripped: Sequence[str]) -> set[tuple[str, ...]]:
    """Keys of short lines printed more than once that could be running headers;
    `stripped` holds each line stripped."""
    short = [
        line for line, text in zip(lines, stripped, strict=True) if 0 < len(text) <= SHORT_LINE
    ]
    counts = Counter(furniture_key(line) for line in short)
    return {
        key
        for line in short
        if (key := furniture_key(line)) and counts[key] >= 2 and _may_be_furniture(line.strip())
    }


def _without_form_feed(line: str) -> str:
    return line if "\f" not in line else "" if line.strip() == "\f" else line.replace("\f", "")


def _is_repeated(lines: Sequence[str], repeated: set[tuple[str, ...]]) -> list[bool]:
    """Which lines have the furniture key of a repeated short line (cheap on long lines:
    only their first words are split off, and only lines with as many words as some
    repeated line are sorted)."""
    if not repeated:
        return [False] * len(lines)
    sizes = {len(key) for key in repeated}
    most = max(sizes)
    flags = []
    for line in lines:
        # Splitting stops after `most` words: a longer line gives most + 1 pieces, no size.
        words = line.split(maxsplit=most)
        flags.append(len(words) in sizes and tuple(sorted(words)) in repeated)
    return flags


def _edge_key(text: str) -> tuple[str, ...]:
    """A page-edge line's words, numbers made alike: "Page 2" and "Page 3" are one header."""
    return furniture_key(_DIGITS.sub("#", text))


def remove_page_edges(lines: Sequence[str], feeds: Sequence[int]) -> list[str]:
    """Blank the running headers, footers and page numbers of pages cut by form feeds.

    `feeds` are the indexes of the lines holding a form feed. A short line among the first
    or last `_EDGE_LINES` non-blank lines of a page is furniture when a line with the same
    words (numbers aside) stands at the same edge of another page.
    """
    bounds = [-1, *feeds, len(lines)]
    edges: list[tuple[int, tuple[str, ...], str]] = []  # line index, key, "top" or "bottom"
    for start, end in itertools.pairwise(bounds):
        # pdftotext puts the form feed before the next page's first line: that line is
        # the page's first, not part of the break.
        first = start if start >= 0 and lines[start].rsplit("\f", 1)[-1].strip() else start + 1
        page = [i for i in range(first, end) if not is_blank(lines[i])]
        for side, indexes in (("top", page[:_EDGE_LINES]), ("bottom", page[-_EDGE_LINES:])):
            for i in indexes:
                text = lines[i].strip()
                if _may_be_furniture(text) and find_label(text) is None:
                    edges.append((i, _edge_key(text), side))
    counts = Counter((key, side) for _, key, side in edges)
    out = list(lines)
    for i, key, side in edges:
        if counts[(key, side)] >= 2:
            out[i] = ""
    return out


def remove_page_furniture(lines: Sequence[str]) -> list[str]:
    """Blank out runs of furniture lines (page markers, repeated short lines) that hold a
    page marker, and repeated short lines standing alone where a page break cut a sentence."""
    feeds = [i for i, line in enumerate(lines) if "\f" in line]
    if feeds:
        lines = remove_page_edges(lines, feeds)
        for i in feeds:
            lines[i] = _without_form_feed(lines[i])
    # Each line's facts once (stripped once): the rules below would otherwise recompute them.
    stripped = [line.strip() for line in lines]
    repeated = _repeated_short_lines(lines, stripped)
    bare = [
        i
        for i, text in enumerate(stripped)
        if len(text) <= 4 and _BARE_NUMBER.fullmatch(text) and _is_bare_page_number(lines, i)
    ]
    if bare:
        lines = list(lines)
        for i in bare:
            lines[i] = stripped[i] = ""
    blank = [not text for text in stripped]
    marker = [
        bool(text) and _may_be_marker(text) and _PAGE_MARKER.match(text) is not None
        for text in stripped
    ]
    in_repeated = _is_repeated(lines, repeated)
    out = list(lines)
    # Only a run holding a page marker is blanked: without markers there is nothing to do.
    index = 0 if any(marker) else len(lines)
    while index < len(lines):
        if blank[index] or not (marker[index] or in_repeated[index]):
            index += 1  # a blank line, or one that starts no run
            continue
        end = index
        run: list[int] = []
        while end < len(lines) and (blank[end] or marker[end] or in_repeated[end]):
            if not blank[end]:
                run.append(end)
            end += 1
        if any(marker[i] for i in run):
            for i in run:
                out[i] = ""
        index = max(end, index + 1)
    # A line blanked above has an empty key, never a repeated one.
    return _remove_running_headers(
        out, [flag and bool(line) for flag, line in zip(in_repeated, out, strict=True)]
    )


def _remove_running_headers(lines: list[str], in_repeated: Sequence[bool]) -> list[str]:
    """Blank repeated short lines standing alone where a page break cut a sentence;
    `in_repeated` says which lines have the key of a repeated short line."""
    standalone: dict[tuple[str, ...], list[int]] = {}
    cut_headers: set[tuple[str, ...]] = set()
    for index in itertools.compress(range(len(lines)), in_repeated):
        line = lines[index]
        text = furniture_key(line)
        before = _neighbour(lines, index, -1)
        after = _neighbour(lines, index, 1)
        if (index == 0 or is_blank(lines[index - 1])) and (
            index + 1 == len(lines) or is_blank(lines[index + 1])
        ):
            standalone.setdefault(text, []).append(index)
            if before and after and not ends_sentence(before) and after[:1].islower():
                cut_headers.add(text)
    doomed = [index for text in cut_headers for index in standalone[text]]
    if len(doomed) * _MOST_FURNITURE > sum(1 for line in lines if line.strip()):
        return lines  # a page's header is a small share of it: this many lines are wording
    out = list(lines)
    for index in doomed:
        out[index] = ""
    return out


def _neighbour(lines: Sequence[str], index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(lines):
        if not is_blank(lines[index]):
            return lines[index].strip()
        index += step
    return None
