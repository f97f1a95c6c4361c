"""The rows of the HTML report: what each side shows, in reading order of the new text.

Pure data for the templates (diffdoc/report/templates/); no markup is built here. Paragraph
numbers are 1-based, as in the other reports for people. Every old and every new paragraph is
shown exactly once with its number: a moved paragraph's old number sits in a `moved-away` row at
its old place, its new number in the `move` row at its new place, and the two link to each other.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from diffdoc.brackets import outer_spans
from diffdoc.models import PARAGRAPH_SEPARATOR, BlockChange, BlockOp, Comparison, changes

MIN_RUN = 3  # unchanged paragraphs in a row that are collapsed behind a summary

# A piece of a paragraph: "" plain text, "del" deleted, "ins" inserted, "typo" text that differs
# from the other side only typographically (`other` holds the other side's text).
PieceKind = Literal["", "del", "ins", "typo"]
RowKind = Literal["same", "change", "moved-away"]

OP_NAMES: dict[BlockOp, str] = {
    "equal": "unchanged",
    "modify": "modified",
    "insert": "inserted",
    "delete": "deleted",
    "move": "moved",
    "split": "split",
    "merge": "merged",
}


@dataclass(frozen=True, slots=True)
class Piece:
    kind: PieceKind
    text: str
    other: str = ""
    bracketed: bool = False  # inside [negotiation brackets] (shown with class neg-bracket)
    short: bool = False  # a whole insertion or deletion of one or two characters (outlined)

    @property
    def changed(self) -> bool:
        """Deleted or inserted text (not plain, not a typographic variant)."""
        return self.kind in ("del", "ins")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of one side: its number (0 when unknown), anchor id and pieces."""

    number: int
    anchor: str
    pieces: tuple[Piece, ...]

    @property
    def plain(self) -> bool:
        """One piece of unmarked text (the template writes it without a loop)."""
        return len(self.pieces) == 1 and not self.pieces[0].kind and not self.pieces[0].bracketed


@dataclass(frozen=True, slots=True)
class InlineParagraph:
    """A paragraph of the inline redline, with the numbers to cite it by.

    `numbers` reads `4 → 3` (old ¶ 4 is new ¶ 3; `5–6 → 5` for a merge), `old 7` for a
    deleted paragraph, `new 8` for an inserted one; `title` says the same in words.
    """

    numbers: str
    title: str
    pieces: tuple[Piece, ...]


def inline_numbers(old: Sequence[int], new: int | None) -> tuple[str, str]:
    """The label and title of an inline paragraph from its old numbers and its new number."""
    old_label = paragraph_label(old).removeprefix("¶ ")
    if old_label and new:
        return f"{old_label} → {new}", f"old ¶ {old_label}, new ¶ {new}"
    if old_label:
        return f"old {old_label}", f"old ¶ {old_label}, not in the new version"
    if new:
        return f"new {new}", f"new ¶ {new}, not in the old version"
    return "", ""


@dataclass(frozen=True, slots=True)
class Link:
    """A note with a link inside the report: `before` `label` (linked to `href`)."""

    before: str
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class Row:
    """One aligned unit. `change` rows carry their change number and anchor."""

    kind: RowKind
    op: BlockOp
    block_kind: str  # the kind of the first block shown: heading, title, paragraph, ...
    anchor: str
    number: int
    old: tuple[Paragraph, ...]
    new: tuple[Paragraph, ...]
    inline: tuple[InlineParagraph, ...]
    note: Link | None
    section: str | None
    section_anchor: str
    typo_only: bool = False  # an unchanged row whose sides differ in typography

    @property
    def is_run(self) -> bool:
        return False

    @property
    def op_name(self) -> str:
        return OP_NAMES[self.op]

    @property
    def is_heading(self) -> bool:
        return self.block_kind in ("heading", "title")


@dataclass(frozen=True, slots=True)
class Run:
    """Unchanged rows collapsed behind "N unchanged paragraphs"."""

    rows: tuple[Row, ...]

    @property
    def is_run(self) -> bool:
        return True

    @property
    def first(self) -> int:
        return self.rows[0].new[0].number

    @property
    def last(self) -> int:
        return self.rows[-1].new[-1].number

    @property
    def range_label(self) -> str:
        """`¶ 4–6`, or `old ¶ 16–26, new ¶ 17–27` where earlier changes shifted the numbers."""
        new = f"{self.first}–{self.last}"
        old = f"{self.rows[0].old[0].number}–{self.rows[-1].old[-1].number}"
        return f"¶ {new}" if old == new else f"old ¶ {old}, new ¶ {new}"


Item = Row | Run


def paragraph_label(numbers: Sequence[int]) -> str:
    """`¶ 3` or `¶ 3–5` from 1-based numbers; an empty string for none."""
    if not numbers:
        return ""
    first, last = numbers[0], numbers[-1]
    return f"¶ {first}" if first == last else f"¶ {first}–{last}"


def _numbers(indices: Sequence[int]) -> list[int]:
    return [i + 1 for i in indices]


def _split(pieces: Iterator[Piece], count: int) -> list[list[Piece]]:
    """Pieces cut into paragraphs at PARAGRAPH_SEPARATOR; at least `count` paragraphs."""
    paragraphs: list[list[Piece]] = [[]]
    for piece in pieces:
        parts = piece.text.split(PARAGRAPH_SEPARATOR)
        for position, part in enumerate(parts):
            if position:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Piece(piece.kind, part, piece.other, short=piece.short))
    paragraphs = [p for p in paragraphs if p]
    while len(paragraphs) < count:
        paragraphs.append([])
    return paragraphs


def mark_brackets(pieces: Sequence[Piece], skip: PieceKind | None = None) -> tuple[Piece, ...]:
    """Pieces cut at the edges of bracketed negotiation text, the bracketed parts marked.

    Brackets are found in the text the pieces spell out (footnote markers and links are not
    brackets); pieces of kind `skip` (the deletions of the inline view) are left out of that
    text and unmarked.
    """
    if not any("[" in p.text or "]" in p.text for p in pieces):
        return tuple(pieces)
    text = "".join(p.text for p in pieces if p.kind != skip)
    spans = outer_spans(text)
    if not spans:
        return tuple(pieces)
    marked: list[Piece] = []
    offset = 0
    for piece in pieces:
        if piece.kind == skip:
            marked.append(piece)
            continue
        start, end = offset, offset + len(piece.text)
        offset = end
        cuts = sorted({start, end, *(x for span in spans for x in span if start < x < end)})
        for a, b in itertools.pairwise(cuts):
            inside = any(s <= a and b <= e for s, e in spans)
            text = piece.text[a - start : b - start]
            marked.append(Piece(piece.kind, text, piece.other, inside, piece.short))
    return tuple(marked)


def _is_break(old: str, new: str) -> bool:
    """A paragraph break against a space (a split or merge): shown by the row, not marked."""
    return PARAGRAPH_SEPARATOR in old or PARAGRAPH_SEPARATOR in new


def _is_short(text: str) -> bool:
    """One or two characters besides spaces: a mark too small to see without help."""
    return 0 < len(text.strip()) < 3


def _side_pieces(block: BlockChange, side: Literal["old", "new"]) -> list[Piece]:
    pieces: list[Piece] = []
    mark: PieceKind = "del" if side == "old" else "ins"
    for change in changes(block.segments):
        text, other = (change.old, change.new) if side == "old" else (change.new, change.old)
        if change.kind == "equal" or _is_break(change.old, change.new):
            pieces.append(Piece("", text))
        elif change.kind == "cosmetic":
            pieces.append(Piece("typo", text, other))
        elif text:
            pieces.append(Piece(mark, text, short=_is_short(text)))
    return pieces


def _inline_pieces(block: BlockChange) -> list[Piece]:
    """One column: deletions and insertions in place, paragraph breaks of the new side.

    A deleted passage that held a paragraph break shows it as a pilcrow.
    """
    pieces: list[Piece] = []
    for change in changes(block.segments):
        if change.kind == "equal" or (
            change.kind == "cosmetic" and _is_break(change.old, change.new)
        ):
            pieces.append(Piece("", change.new))
        elif change.kind == "cosmetic":
            pieces.append(Piece("typo", change.new, change.old))
        else:
            if change.old:
                old = change.old.replace(PARAGRAPH_SEPARATOR, " ¶ ")
                pieces.append(Piece("del", old, short=_is_short(change.old)))
            if change.new:
                pieces.append(Piece("ins", change.new, short=_is_short(change.new)))
    return pieces


def _paragraphs(
    pieces: list[Piece], indices: Sequence[int], prefix: str, anchored: bool = True
) -> tuple[Paragraph, ...]:
    split = _split(iter(pieces), len(indices))
    numbers = _numbers(indices)
    return tuple(
        Paragraph(
            numbers[k] if k < len(numbers) else 0,
            f"{prefix}-{numbers[k]}" if anchored and k < len(numbers) else "",
            mark_brackets(paragraph),
        )
        for k, paragraph in enumerate(split)
    )


class _Anchors:
    """Section anchors (`section-III`, then `section-III-2`, ...), unique within the page."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counts: dict[str, int] = {}
        self.by_section: dict[str, str] = {}

    def heading(self, section: str | None, text: str) -> str:
        slug = re.sub(r"[^\w]+", "-", (section or text)).strip("-")[:48] or "untitled"
        base = f"section-{slug}"
        anchor = base
        while anchor in self.used:  # each base resumes where it stopped: no quadratic scan
            self.counts[base] = self.counts.get(base, 1) + 1
            anchor = f"{base}-{self.counts[base]}"
        self.used.add(anchor)
        if section is not None:
            self.by_section.setdefault(section, anchor)
        return anchor


def _moved_away_positions(blocks: Sequence[BlockChange]) -> dict[int, list[int]]:
    """Where each moved paragraph used to be, for the `moved-away` rows: position of the block
    after which its old place falls (-1 for the start) -> positions of the moved blocks."""
    olds: list[tuple[int, int]] = sorted(
        (i, position)
        for position, block in enumerate(blocks)
        if block.op != "move"
        for i in block.old
    )
    keys = [i for i, _ in olds]
    places: dict[int, list[int]] = {}
    for position, block in enumerate(blocks):
        if block.op != "move" or not block.old:
            continue
        before = bisect_left(keys, block.old[0]) - 1
        places.setdefault(olds[before][1] if before >= 0 else -1, []).append(position)
    for moved in places.values():
        moved.sort(key=lambda position: blocks[position].old[0])
    return places


def _has_word_changes(block: BlockChange) -> bool:
    return any(segment.op != "equal" for segment in block.segments)


class RowBuilder:
    """Turns a Comparison's blocks into rows; changes are numbered in reading order."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.anchors = _Anchors()
        self.change_numbers: dict[int, int] = {}  # block position -> change number
        for position, block in enumerate(comparison.blocks):
            if block.op != "equal":
                self.change_numbers[position] = len(self.change_numbers) + 1

    @property
    def change_count(self) -> int:
        return len(self.change_numbers)

    def _first(self, block: BlockChange) -> tuple[str | None, str, str]:
        """Section, kind and text of the first block shown (new side first)."""
        document, indices = (
            (self.comparison.new, block.new) if block.new else (self.comparison.old, block.old)
        )
        if not indices:
            return None, "paragraph", ""
        first = document.blocks[indices[0]]
        return first.section, first.kind, first.text

    def _section_anchor(self, section: str | None, kind: str, text: str) -> str:
        if kind not in ("heading", "title"):
            return ""
        return self.anchors.heading(section if kind == "heading" else None, text)

    def same(self, block: BlockChange) -> Row:
        section, kind, text = self._first(block)
        # One old and one new paragraph (equal keys); built directly: most rows are like this.
        i, j = block.old[0] + 1, block.new[0] + 1
        typo_only = len(block.segments) > 1
        pieces = (
            tuple(_side_pieces(block, "new")) if typo_only else (Piece("", block.segments[0].text),)
        )
        return Row(
            "same", block.op, kind, self._section_anchor(section, kind, text), 0,
            (Paragraph(i, f"old-{i}", ()),), (Paragraph(j, f"new-{j}", mark_brackets(pieces)),),
            (), None,
            section, "", typo_only=typo_only,
        )  # fmt: skip

    def change(self, position: int, block: BlockChange) -> Row:
        number = self.change_numbers[position]
        section, kind, text = self._first(block)
        old_pieces = _side_pieces(block, "old")
        old_numbers, new_numbers = _numbers(block.old), _numbers(block.new)
        note: Link | None = None
        if block.op == "move":
            # The old paragraph's number and anchor are at its old place (the moved-away row);
            # here the old side shows the word changes, if any.
            href = f"#old-{old_numbers[0]}" if old_numbers else ""
            note = Link("moved from", f"old {paragraph_label(old_numbers)}", href)
            old = (
                _paragraphs(old_pieces, block.old, "old", anchored=False)
                if _has_word_changes(block)
                else ()
            )
        else:
            old = _paragraphs(old_pieces, block.old, "old")
            if block.op == "split":
                note = Link(
                    f"old {paragraph_label(old_numbers)} split into",
                    paragraph_label(new_numbers),
                    "",
                )
            elif block.op == "merge":
                note = Link(
                    f"old {paragraph_label(old_numbers)} merged into",
                    paragraph_label(new_numbers),
                    "",
                )
        new = _paragraphs(_side_pieces(block, "new"), block.new, "new")
        # Each inline paragraph is one of the new side's (all of a deletion is one): it is
        # cited by its new number and by the old numbers of the whole block.
        inline = tuple(
            InlineParagraph(
                *inline_numbers(old_numbers, new_numbers[k] if k < len(new_numbers) else None),
                mark_brackets(p, skip="del"),
            )
            for k, p in enumerate(_split(iter(_inline_pieces(block)), 1))
        )
        return Row(
            "change", block.op, kind, f"change-{number}", number, old, new, inline, note,
            section, self._section_anchor(section, kind, text),
        )  # fmt: skip

    def moved_away(self, position: int, block: BlockChange) -> Row:
        section = self.comparison.old.blocks[block.old[0]].section
        number = self.change_numbers[position]
        note = Link("moved to", paragraph_label(_numbers(block.new)), f"#change-{number}")
        old = _paragraphs([Piece("", block.old_text)], block.old, "old")
        return Row(
            "moved-away", block.op, "paragraph", "", number, old, (), (), note, section, "",
        )  # fmt: skip

    def items(self) -> list[Item]:
        """Rows in reading order, runs of MIN_RUN or more unchanged paragraphs collapsed."""
        blocks = self.comparison.blocks
        moved_away = _moved_away_positions(blocks)
        items: list[Item] = []
        pending: list[Row] = []

        def flush() -> None:
            if len(pending) >= MIN_RUN:
                items.append(Run(tuple(pending)))
            else:
                items.extend(pending)
            pending.clear()

        def place_moved(after: int) -> None:
            for position in moved_away.get(after, ()):
                flush()
                items.append(self.moved_away(position, blocks[position]))

        place_moved(-1)
        for position, block in enumerate(blocks):
            if block.op != "equal":
                flush()
                items.append(self.change(position, block))
            else:
                row = self.same(block)
                if row.is_heading:
                    flush()
                    items.append(row)
                else:
                    pending.append(row)
            place_moved(position)
        flush()
        return items
