"""From a PDF's positioned lines to paragraphs: furniture, columns, footnotes, title.

Each step is a small function over `Line`s with named tolerances (in points, or in units of
the body font size):

- `drop_furniture`: lines in the top and bottom bands of the pages that repeat on other
  pages (numbers made alike) or are page numbers, and UN job numbers and barcodes anywhere;
- `in_reading_order`: a page of two columns is read column by column;
- `split_footnotes`: smaller lines at the foot of a page, starting with a number, are
  footnotes (continued on the next page when the next foot starts without one);
- `starts_paragraph`: a paragraph starts after a vertical gap, at a first-line indent (also
  the first line of a page or column, measured from that column's left edge), at a
  label after a finished line, at a change of font, or after a line that ends short of the
  margin (its successor's first word would have fitted);
- `title_lines`: the largest text on the first page, when larger than the body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from diffdoc.ingest.furniture import is_page_marker
from diffdoc.ingest.pdf_lines import Line, Page
from diffdoc.ingest.wording import ends_sentence, find_label

# The share of the page height at its top and bottom where running headers and page
# numbers stand.
_BAND = 0.12
# Page numbers and job numbers in any of the usual forms.
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:Page|page|PAGE|p\.)\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?$"
)
_JOB_NUMBER = re.compile(
    r"^(?:(?:GE|NY|V|E)\.?\d{2}-\d{4,6}|\d{2}-\d{5})(?:\s*\([A-Z]\))?(?:\s+\S+){0,3}$"
    r"|^\\?\*\d{7,}\\?\*$"
)
_DIGITS = re.compile(r"\d+")
# How much larger than the body text a heading or the title is set.
_LARGER = 1.1
_SMALLER = 0.92
# A vertical gap wider than this many of the document's line spacings separates paragraphs,
# or wider than this many of the paragraph's own (when it has two lines already).
_GAP = 1.5
_OWN_GAP = 1.3
# A first-line indent: at least this many body font sizes further in than the line before.
_INDENT = 0.8


def body_size(pages: Sequence[Page]) -> float:
    """The font size of most of the text."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _edge_key(line: Line) -> str:
    return " ".join(sorted(_DIGITS.sub("#", line.text).split()))


def is_furniture_text(text: str) -> bool:
    """Page numbers ("3", "3 of 54", "Page 3", "- 3 -"), job numbers ("GE.15-20001 (E)",
    "25-16680 (E)") and barcodes ("*2516680*")."""
    text = text.strip()
    return bool(_PAGE_NUMBER.match(text) or _JOB_NUMBER.match(text)) or is_page_marker(text)


def drop_furniture(pages: Sequence[Page]) -> list[list[Line]]:
    """Each page's lines without running headers, footers, page and job numbers."""
    edges: list[tuple[Line, str]] = []
    for page in pages:
        for line in page.lines:
            if line.baseline > page.height * (1 - _BAND):
                edges.append((line, "top"))
            elif line.baseline < page.height * _BAND:
                edges.append((line, "bottom"))
    pages_with: dict[tuple[str, str], set[int]] = {}
    for line, side in edges:
        pages_with.setdefault((_edge_key(line), side), set()).add(line.page)
    furniture = {
        id(line)
        for line, side in edges
        if len(pages_with[(_edge_key(line), side)]) >= 2
        and not (len(line.text) > 80 and ends_sentence(line.text))
    }
    kept = []
    for page in pages:
        kept.append(
            [
                line
                for line in page.lines
                if id(line) not in furniture
                and not (_JOB_NUMBER.match(line.text) or _is_edge_number(line, page))
            ]
        )
    return kept


def _is_edge_number(line: Line, page: Page) -> bool:
    """A page number in the top or bottom band, or above or below all the page's text."""
    in_band = line.baseline > page.height * (1 - _BAND) or line.baseline < page.height * _BAND
    highest = max(other.baseline for other in page.lines)
    lowest = min(other.baseline for other in page.lines)
    at_edge = line.baseline in (highest, lowest)
    return (in_band or at_edge) and is_furniture_text(line.text)


def in_reading_order(lines: list[Line], width: float) -> list[Line]:
    """Lines of a two-column page column by column; full-width lines between them keep
    their place."""
    middle = width / 2
    left = [line for line in lines if line.x1 < middle + 0.02 * width]
    right = [line for line in lines if line.x0 > middle - 0.02 * width]
    if len(left) < 5 or len(right) < 5 or len(left) + len(right) < 0.8 * len(lines):
        return lines
    out: list[Line] = []
    band: list[Line] = []
    for line in sorted(lines, key=lambda line: -line.baseline):
        if line.x0 < middle - 0.02 * width and line.x1 > middle + 0.02 * width:
            out.extend(_columns(band, middle))
            band = []
            out.append(line)
        else:
            band.append(line)
    out.extend(_columns(band, middle))
    return out


def _columns(band: list[Line], middle: float) -> list[Line]:
    first = [line for line in band if line.x0 < middle]
    second = [line for line in band if line.x0 >= middle]
    for line in second:
        line.column = 1
    return first + second


def split_footnotes(
    lines: list[Line], size: float, open_note: bool
) -> tuple[list[Line], list[list[Line]], bool]:
    """The body lines of a page, its footnotes (each a list of lines; a first one without
    a number continues the previous page's last footnote), and whether that is so."""
    start = len(lines)
    while start > 0 and lines[start - 1].size <= size * _SMALLER:
        start -= 1
    foot = lines[start:]
    rules = 0
    while rules < len(foot) and _RULE.match(foot[rules].text):
        rules += 1  # the rule drawn in underscores above the notes
    foot = foot[rules:]
    if not foot:
        return lines, [], False
    numbered = [_note_number(line) is not None for line in foot]
    if not numbered[0] and not open_note:
        return lines, [], False
    notes: list[list[Line]] = []
    continued = not numbered[0]
    for line, number in zip(foot, numbered, strict=True):
        if number or not notes:
            notes.append([line])
        else:
            notes[-1].append(line)
    return lines[:start], notes, continued


_RULE = re.compile(r"^[_\-–—]{5,}$")


_NOTE_START = re.compile(r"^(\d{1,3})\s*(?=\S)")


def _note_number(line: Line) -> str | None:
    match = _NOTE_START.match(line.text)
    if match is None:
        return None
    if line.starts_superscript or line.text[match.end(1) : match.end(1) + 1] == " ":
        return match.group(1)
    return None


def note_text(lines: list[Line]) -> tuple[str | None, list[str]]:
    """A footnote's number and its lines' text without it."""
    number = _note_number(lines[0])
    texts = [line.text for line in lines]
    if number is not None:
        texts[0] = texts[0][len(number) :].lstrip()
    return number, texts


def title_lines(lines: Sequence[Line], size: float) -> list[Line]:
    """The first page's largest text, when it is larger than the body text."""
    if not lines:
        return []
    largest = max(line.size for line in lines)
    if largest < size * _LARGER:
        return []
    first = next(i for i, line in enumerate(lines) if line.size == largest)
    out = []
    for line in lines[first:]:
        if line.size != largest:
            break
        out.append(line)
    return out


def line_spacing(lines: Sequence[Line]) -> float:
    """The usual distance between the baselines of consecutive body lines."""
    gaps: Counter[float] = Counter()
    for above, below in pairwise(lines):
        gap = above.baseline - below.baseline
        if above.page == below.page and above.column == below.column and 0 < gap < 4 * below.size:
            gaps[round(gap)] += 1
    return float(gaps.most_common(1)[0][0]) if gaps else 14.0


def right_margins(lines: Sequence[Line]) -> dict[int, float]:
    """Where each column's lines end at the longest, ignoring a few that run over."""
    ends: dict[int, list[float]] = {}
    for line in lines:
        ends.setdefault(line.column, []).append(line.x1)
    margins = {}
    for column, values in ends.items():
        values.sort()
        margins[column] = values[int(0.95 * (len(values) - 1))]
    return margins


def _text_start(line: Line) -> float:
    """Where the words after a leading label begin ("1.    Parties ...": at "Parties")."""
    label = find_label(line.text)
    if label is None:
        return line.x0
    wanted = len(label.replace(" ", ""))
    seen = 0
    for char, left, _, _ in line.chars:
        if char == " ":
            continue
        if seen == wanted:
            return left
        seen += 1
    return line.x0


def left_edges(lines: Sequence[Line]) -> dict[tuple[int, int], float]:
    """Where most lines of each page's column begin: its left edge."""
    starts: dict[tuple[int, int], Counter[float]] = {}
    for line in lines:
        starts.setdefault((line.page, line.column), Counter())[round(line.x0)] += 1
    return {place: counts.most_common(1)[0][0] for place, counts in starts.items()}


def starts_paragraph(
    above: Line,
    line: Line,
    size: float,
    spacing: float,
    margins: dict[int, float],
    own: float | None = None,
    edges: dict[tuple[int, int], float] | None = None,
    above_first: bool = False,
) -> bool:
    """Whether `line` begins a new paragraph after `above` (the rules in the module doc);
    `own` is the spacing of the paragraph's last two lines, when on one page and column;
    `edges` the left edges of the pages' columns (`left_edges`), for a first-line indent
    after a page or column break; `above_first`: `above` is its paragraph's first line."""
    if abs(above.size - line.size) > 0.5 or above.bold != line.bold or above.italic != line.italic:
        return True
    same_place = above.page == line.page and above.column == line.column
    gap = above.baseline - line.baseline
    if same_place and (gap > _GAP * spacing or (own is not None and gap > _OWN_GAP * own)):
        return True
    if find_label(line.text) is not None and (
        ends_sentence(above.text) or above.text.rstrip()[-1:] in ",]"
    ):
        return True
    indent = line.x0 - above.x0
    if same_place and indent > _INDENT * size and abs(line.x0 - _text_start(above)) > 0.5 * size:
        return True
    if not same_place and edges is not None:
        # Across a break, each line's indent from its own column's edge: a first line is
        # further in than the line it follows (a quotation indented throughout is not),
        # unless that line is a first line itself, with its own indent.
        own_indent = line.x0 - edges.get((line.page, line.column), line.x0)
        above_indent = 0.0
        if not above_first:
            above_indent = above.x0 - edges.get((above.page, above.column), above.x0)
        if own_indent - above_indent > _INDENT * size and own_indent > _INDENT * size:
            return True
    if above.text.endswith(("-", "\u00ad")) and line.text[:1].islower():
        return False  # a word broken at the line end goes on
    room = margins.get(above.column, above.x1) - above.x1
    return room > line.first_word + 0.6 * size
