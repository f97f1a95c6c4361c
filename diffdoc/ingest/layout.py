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
from collections.abc import Sequence
from dataclasses import dataclass

from diffdoc.ingest.structure import (
    LABEL,
    Draft,
    ends_sentence,
    find_label,
    is_heading_text,
    is_standalone_heading,
    joins_without_space,
)

_PAGE_MARKER = re.compile(
    r"^(?:\d{1,4}\s*/\s*\d{1,4}"  # 2/5
    r"|[-–—]\s*\d{1,4}\s*[-–—]"  # - 3 -
    r"|(?:Page|page|PAGE)\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r"|\d{2}-\d{5}(?:\s*\([A-Z]\))?"  # UN job number: 25-16680 (E)
    r"|\\?\*\d{7,}\\?\*)$"  # UN barcode: *2516680*
)
_BARE_NUMBER = re.compile(r"\d{1,4}")
# Every page marker starts with a digit or one of these.
_MARKER_FIRST = frozenset("-–—Pp\\*")


def _may_be_marker(text: str) -> bool:
    """False for stripped lines no page marker can start (most lines: they start with a
    letter other than P)."""
    return text[:1] in _MARKER_FIRST or text[:1].isdecimal()


_FOOTNOTE_RULE = re.compile(r"^_{5,}$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_BULLET = re.compile(r"^(?:[-*+•·▪]\s)")
# A sentence that ends a paragraph: a colon or semicolon at a line end usually goes on.
_ENDS_FULL_STOP = re.compile(r"[.!?。！？…]['\"’”»)\]]*$")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BOLD_LINE = re.compile(r"^(?:\*\*[^*]+\*\*|__[^_]+__)$")
_HYPHENATED = re.compile(r"(\w+)-$")
_WORD = re.compile(r"\w+(?:-\w+)*")
# A hyphen, then only whitespace to the end of its line (lines hold no line feed).
_LINE_END_HYPHEN = re.compile(r"-\s*$", re.MULTILINE)
SHORT_LINE = 60
# Readers prefix a line with this mark (and a level digit) to say "this line is a heading".
HEADING_MARK = "\ue000"


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


@dataclass(frozen=True)
class Layout:
    """Lines with the page furniture blanked out, and the footnotes found under rules."""

    lines: list[str]
    footnotes: list[Draft]


def furniture_key(line: str) -> tuple[str, ...]:
    """The words of a line in sorted order: running headers alternate "A/RES/80/3 Title"
    on even pages with "Title A/RES/80/3" on odd ones."""
    return tuple(sorted(line.split()))


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
        if (key := furniture_key(line))
        and counts[key] >= 2
        and len(text := line.strip()) <= SHORT_LINE
        and not ends_sentence(text)
        and not LABEL.fullmatch(text)
        and not is_heading_text(text)
        and not text.startswith(HEADING_MARK)
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


def remove_page_furniture(lines: Sequence[str]) -> list[str]:
    """Blank out runs of furniture lines (page markers, repeated short lines) that hold a
    page marker, and repeated short lines standing alone where a page break cut a sentence."""
    lines = [line if "\f" not in line else _without_form_feed(line) for line in lines]
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
    # Only lines holding "_____" can be rules: visit those, skipping any area consumed below.
    for candidate in [i for i, line in enumerate(lines) if "_____" in line]:
        if candidate < index:
            continue
        index = candidate
        if not _FOOTNOTE_RULE.match(lines[index].strip()) or not _FOOTNOTE_START.match(
            _neighbour(lines, index, 1) or ""
        ):
            continue
        body[index] = ""
        index += 1
        while index < len(lines) and not (
            furniture[index] != lines[index] or _FOOTNOTE_RULE.match(lines[index].strip())
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
    words = document_words(lines) if notes else Counter()
    footnotes = [
        Draft(join_lines(parts, words), kind="footnote", label=label or None)
        for label, parts in notes
    ]
    return Layout(body, footnotes)


def document_words(lines: Sequence[str]) -> Counter[str]:
    """Every word of the text, lowercased: evidence for resolving line-end hyphens.

    Empty when no line ends with a hyphen, since then nothing needs the evidence.
    """
    joined = "\n".join(lines)
    if joined.count("\n") == len(lines) - 1:  # no line holds a line feed: one regex search
        if not _LINE_END_HYPHEN.search(joined):
            return Counter()
    elif not any(line.rstrip().endswith("-") for line in lines):
        return Counter()
    return Counter(word.lower() for line in lines for word in _WORD.findall(line))


def join_lines(lines: Sequence[str], words: Counter[str] | None = None) -> str:
    """Join the lines of one paragraph; a line-end hyphen is dropped only when the document
    spells the joined word without it elsewhere ("develop-" + "ment"), kept otherwise
    ("action-" + "oriented").

    The paragraph is built as a list of pieces joined once at the end, and only its last
    characters are inspected: a text of thousands of hard-wrapped lines without a paragraph
    break stays linear (growing one string and searching all of it was quadratic).
    """
    if len(lines) == 1:  # the common case: nothing to join
        return close_split_hyphens(lines[0].strip())
    pieces: list[str] = []  # the text so far is "".join(pieces); it never ends in a space
    for line in lines:
        line = line.strip()
        if not line:
            continue  # joining an empty line changes nothing
        head = _hyphenated_word(pieces)
        if head is not None and line[:1].islower():
            tail = _WORD.match(line)
            joined = (head + (tail.group(0) if tail else "")).lower()
            if words is not None and words[joined] > 0:
                pieces[-1] = pieces[-1][:-1]  # drop the hyphen
        elif pieces and not joins_without_space(pieces[-1][-1], line[0]):
            pieces.append(" ")  # join_text: a space, except between CJK characters
        pieces.append(line)
    return close_split_hyphens("".join(pieces))


def _hyphenated_word(pieces: list[str]) -> str | None:
    """The word before a hyphen that ends "".join(pieces), as `_HYPHENATED` finds it, or
    None; reads back only as far as that word reaches."""
    if not pieces or not pieces[-1].endswith("-"):
        return None
    run: list[str] = []
    index = len(pieces) - 1
    piece = pieces[index][:-1]
    while True:
        start = len(piece)
        while start and (piece[start - 1].isalnum() or piece[start - 1] == "_"):  # \w
            start -= 1
        run.append(piece[start:])
        if start or not index:
            break
        index -= 1
        piece = pieces[index]
    return "".join(reversed(run)) or None


# "action- oriented": an extractor joined a line-end hyphen with a space. Not "medium- and
# long-term", where the hyphen is suspended before a conjunction.
_SPLIT_HYPHEN = re.compile(r"(?<=[^\W\d])- (?!(?:and|or|nor|to)\b)(?=[a-z])")


def close_split_hyphens(text: str) -> str:
    """Rejoin a compound that an extractor split after its hyphen ("action- oriented")."""
    # A one-character test first: most paragraphs hold no hyphen at all.
    return _SPLIT_HYPHEN.sub("-", text) if "-" in text and "- " in text else text


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


def estimate_width(lines: Sequence[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None (see `estimate_wrap`)."""
    wrap = estimate_wrap(lines)
    return wrap.width if wrap else None


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
    if _BOLD_LINE.match(before) and not _BOLD_LINE.match(text):
        return True  # a bold heading line, then its text ("**Peace and Stability**  ")
    if previous.endswith("  ") or previous.endswith("\\"):
        return False  # explicit line break inside a paragraph (Markdown)
    if is_standalone_heading(before):
        return True
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
    return bool(before and text and _CJK_CHAR.match(before[-1]) and _CJK_CHAR.match(text[0]))


def _fits(before: str, text: str, width: int) -> bool:
    """Would the first word of `text` have fitted at the end of `before`?"""
    # Split on plain spaces only: a no-break space is no place to wrap.
    first_word = text.strip().split(" ", 1)[0]
    return len(before) + 1 + len(first_word) <= width


def chunks(lines: Sequence[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    out: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():  # is_blank, inlined: this runs once per line
            if out[-1]:
                out.append([])
        else:
            out[-1].append(line)
    return [chunk for chunk in out if chunk]


def paragraphs(lines: Sequence[str], wrap: Wrap | None) -> list[list[str]]:
    """Split the text into paragraphs, each a list of its lines."""
    out: list[list[str]] = []
    for chunk in chunks(lines):
        if len(chunk) == 1:
            out.append(chunk)
            continue
        out.append([chunk[0]])
        for index in range(1, len(chunk)):
            following = chunk[index + 1] if index + 1 < len(chunk) else None
            if starts_paragraph(chunk[index - 1], chunk[index], following, wrap):
                out.append([chunk[index]])
            else:
                out[-1].append(chunk[index])
    return out


def rebuild(lines: Sequence[str]) -> tuple[list[str], list[Draft]]:
    """Plain-text paragraphs (hard wraps joined, furniture dropped) and footnotes."""
    furniture = remove_page_furniture(lines)
    layout = extract_footnotes(lines, furniture)
    wrap = estimate_wrap(layout.lines)
    words = document_words(layout.lines)
    texts = [
        # join_lines, inlined for the usual one-line paragraph
        close_split_hyphens(paragraph[0].strip())
        if len(paragraph) == 1
        else join_lines(paragraph, words)
        for paragraph in paragraphs(layout.lines, wrap)
    ]
    return texts, layout.footnotes
