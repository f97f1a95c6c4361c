"""The plan of a redline: the paragraphs of a tracked-changes document, before any XML.

A redline is one stream of text in which every piece and every paragraph mark belongs to the
old text, the new text, both or neither. "Accept all" keeps what belongs to the new text and
"Reject all" what belongs to the old; a paragraph mark may belong to neither (the one
between a deleted last paragraph and an inserted one after it). diffdoc.report.docx turns the
plan into revision markup; the plan alone decides what each view holds.

Order: blocks come in the reading order of the new text. A moved paragraph appears twice: at its
old place as a move source (old only) and at its new place as a move destination (new only).
Every other block with old paragraphs keeps the old order (the aligner guarantees it; a block
that broke it would be shown as a move too), so each view gives its side's paragraphs in order.
A paragraph mark is kept by a view when the paragraph has text of that view and more of that
view's text follows, which also handles a deleted or inserted paragraph at the very end.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from diffdoc.models import (
    PARAGRAPH_SEPARATOR,
    BlockChange,
    BlockKind,
    Comparison,
    Document,
    changes,
)
from diffdoc.report.text import paragraph_range

Side = Literal["both", "old", "new", "neither"]
Part = Literal["whole", "from", "to"]  # a block shown once, or a move's source or destination
_SEP = len(PARAGRAPH_SEPARATOR)
QUOTED_DELETIONS = 5  # deleted passages a moved paragraph's comment names


@dataclass(frozen=True)
class Piece:
    """A run of text, the views that keep it, and whether it is moved text (in a move's
    source or destination, as against words inserted or deleted there)."""

    text: str
    side: Literal["both", "old", "new"]
    moved: bool = False


@dataclass
class Paragraph:
    """One paragraph of the redline: its pieces, its mark and how it is shown.

    `mark` says which views keep the paragraph mark at its end (a mark kept by neither view
    only separates the paragraphs on screen). `move` names the move this paragraph is the
    source or destination of (`part`).
    """

    pieces: list[Piece] = field(default_factory=list)
    mark: Side = "both"
    kind: BlockKind = "paragraph"
    part: Part = "whole"
    move: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class _Element:
    block: BlockChange
    part: Part
    move: str | None = None

    @property
    def has_old(self) -> bool:
        return bool(self.block.old) and self.part != "to"

    @property
    def has_new(self) -> bool:
        return bool(self.block.new) and self.part != "from"


@dataclass(frozen=True)
class _Break:
    side: Side


_Token = Piece | _Break


def plan(comparison: Comparison) -> list[Paragraph]:
    """The redline's paragraphs for `comparison`, in reading order."""
    elements = order(comparison.blocks)
    old_later = new_later = False
    marks: list[Side] = []
    for element in reversed(elements):  # which views have text after each element
        marks.append(_side(element.has_old and old_later, element.has_new and new_later))
        old_later |= element.has_old
        new_later |= element.has_new
    paragraphs: list[Paragraph] = []
    for element, mark in zip(elements, reversed(marks), strict=True):
        produced = _paragraphs(element, comparison)
        produced[-1].mark = mark
        paragraphs += produced
    if not paragraphs:
        return [Paragraph()]
    paragraphs[-1].mark = "both"  # the document's last mark belongs to every view
    return paragraphs


def _side(old: bool, new: bool) -> Side:
    if old and new:
        return "both"
    return "old" if old else "new" if new else "neither"


def order(blocks: Sequence[BlockChange]) -> list[_Element]:
    """Blocks in new reading order, each move's source put after the block holding the old
    paragraph just before it. A block shown once whose old paragraphs break the old order
    (the aligner never gives one) is shown as a move, so the views stay right."""
    once = [b for b in blocks if b.op != "move" and b.old]
    kept = {id(b) for b in _ascending(once)}
    moved = [b for b in blocks if b.old and b.new and (b.op == "move" or id(b) not in kept)]
    names = {id(b): f"move{n}" for n, b in enumerate(moved, 1)}
    in_new = [
        _Element(b, "to", names[id(b)]) if id(b) in names else _Element(b, "whole")
        for b in blocks
        if id(b) in names or b.op != "move"
    ]
    holders = [e for e in in_new if e.part == "whole" and e.block.old]
    holder_last = [e.block.old[-1] for e in holders]  # ascending: holders keep the old order
    first: list[_Element] = []
    after: dict[int, list[_Element]] = {}
    for block in sorted(moved, key=lambda b: b.old[0]):
        source = _Element(block, "from", names[id(block)])
        at = bisect_left(holder_last, block.old[0]) - 1
        (after.setdefault(id(holders[at]), []) if at >= 0 else first).append(source)
    ordered = first
    for element in in_new:
        ordered.append(element)
        ordered += after.get(id(element), [])
    return ordered


def _ascending(blocks: list[BlockChange]) -> list[BlockChange]:
    """The longest subsequence of `blocks` (in new order) whose old paragraphs ascend."""
    tails: list[int] = []  # the smallest first old index ending an ascending run of each length
    tail_at: list[int] = []
    previous: list[int] = []
    for position, block in enumerate(blocks):
        length = bisect_left(tails, block.old[0])
        if length == len(tails):
            tails.append(block.old[0])
            tail_at.append(position)
        else:
            tails[length] = block.old[0]
            tail_at[length] = position
        previous.append(tail_at[length - 1] if length else -1)
    run: list[BlockChange] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        run.append(blocks[position])
        position = previous[position]
    return run[::-1]


class _Sides:
    """A block's old and new text with the offsets of the separators between paragraphs."""

    def __init__(self, block: BlockChange, comparison: Comparison) -> None:
        self.old, self.new = block.old_text, block.new_text
        self.old_seps = _separators(comparison.old, block.old)
        self.new_seps = _separators(comparison.new, block.new)

    def tokens(self, side: Literal["old", "new"], start: int, end: int) -> Iterator[_Token]:
        """The text of `side` from `start` to `end` as pieces and breaks of that side's view."""
        text, seps = (self.old, self.old_seps) if side == "old" else (self.new, self.new_seps)
        position = start
        for sep in seps[bisect_left(seps, start - _SEP + 1) :]:
            if sep >= end:
                break
            if sep > position:
                yield Piece(text[position:sep], side)
            if sep >= start:
                yield _Break(side)
            position = max(position, sep + _SEP)
        if position < end:
            yield Piece(text[position:end], side)

    def has_separator(self, side: Literal["old", "new"], start: int, end: int) -> bool:
        seps = self.old_seps if side == "old" else self.new_seps
        at = bisect_left(seps, start - _SEP + 1)
        return at < len(seps) and seps[at] < end


def _separators(document: Document, indices: Sequence[int]) -> list[int]:
    seps, offset = [], 0
    for index in indices[:-1]:
        offset += len(document.blocks[index].text)
        seps.append(offset)
        offset += _SEP
    return seps


def _whole_tokens(block: BlockChange, sides: _Sides) -> Iterator[_Token]:
    """A block shown once: unchanged text (and typography-only changes, as the new text) in
    both views, each change's old text in the old view and its new text in the new."""
    o = n = 0
    for piece in changes(block.segments):
        o_end, n_end = o + len(piece.old), n + len(piece.new)
        structural = sides.has_separator("old", o, o_end) or sides.has_separator("new", n, n_end)
        if piece.kind == "equal" and structural:
            yield from _equal_with_breaks(sides, o, n, len(piece.new))
        elif piece.kind != "change" and not structural:
            yield Piece(piece.new, "both")
        else:
            yield from sides.tokens("old", o, o_end)
            yield from sides.tokens("new", n, n_end)
        o, n = o_end, n_end


def _equal_with_breaks(sides: _Sides, o: int, n: int, length: int) -> Iterator[_Token]:
    """Unchanged text that holds a paragraph separator: a separator on both sides at the same
    place is a break of both views; anywhere else each side's text goes to its own view."""
    cuts = {0, length}
    for seps, base in ((sides.old_seps, o), (sides.new_seps, n)):
        for sep in seps:
            for cut in (sep - base, sep + _SEP - base):
                if 0 < cut < length:
                    cuts.add(cut)
    bounds = sorted(cuts)
    for a, b in pairwise(bounds):
        old_sep = sides.has_separator("old", o + a, o + b)
        new_sep = sides.has_separator("new", n + a, n + b)
        if not (old_sep or new_sep):
            yield Piece(sides.new[n + a : n + b], "both")
        elif old_sep and new_sep and o + a in sides.old_seps and n + a in sides.new_seps:
            yield _Break("both")
        else:
            yield from sides.tokens("old", o + a, o + b)
            yield from sides.tokens("new", n + a, n + b)


def _destination_tokens(block: BlockChange, sides: _Sides) -> Iterator[_Token]:
    """A move's new place: its new text, as moved text except for the words inserted there.
    The words deleted in the move are not repeated here (the move's source shows the old
    paragraph whole, and the comment names them): a deletion inside a move destination is not
    rendered by LibreOffice, and repeating them as plain text would put them in both views."""
    n = 0
    for piece in changes(block.segments):
        n_end = n + len(piece.new)
        moved = piece.kind != "change"
        for token in sides.tokens("new", n, n_end):
            yield Piece(token.text, "new", moved) if isinstance(token, Piece) else token
        n = n_end


def _source_tokens(sides: _Sides) -> Iterator[_Token]:
    for token in sides.tokens("old", 0, len(sides.old)):
        yield Piece(token.text, "old", moved=True) if isinstance(token, Piece) else token


def _paragraphs(element: _Element, comparison: Comparison) -> list[Paragraph]:
    block = element.block
    sides = _Sides(block, comparison)
    if element.part == "from":
        tokens = _source_tokens(sides)
    elif element.part == "to":
        tokens = _destination_tokens(block, sides)
    else:
        tokens = _whole_tokens(block, sides)
    old_kinds = [comparison.old.blocks[i].kind for i in block.old]
    new_kinds = [comparison.new.blocks[j].kind for j in block.new]
    use_new = bool(new_kinds) and element.part != "from"
    paragraphs: list[Paragraph] = []
    old_at = new_at = 0

    def start() -> None:
        old_kind = old_kinds[min(old_at, len(old_kinds) - 1)] if old_kinds else "paragraph"
        kind = new_kinds[min(new_at, len(new_kinds) - 1)] if use_new else old_kind
        paragraphs.append(Paragraph(kind=kind, part=element.part, move=element.move))

    start()
    for token in tokens:
        if isinstance(token, Piece):
            if token.text:
                paragraphs[-1].pieces.append(token)
            continue
        paragraphs[-1].mark = token.side
        old_at += token.side in ("old", "both")
        new_at += token.side in ("new", "both")
        start()
    paragraphs[0].comment = _comment(element)
    return paragraphs


def _comment(element: _Element) -> str | None:
    block = element.block
    deleted = [p.old for p in changes(block.segments) if p.kind == "change"]
    old, new = paragraph_range(block.old), paragraph_range(block.new)
    if element.part == "from":
        return f"Moved to new {new}" + (", and edited there." if deleted else ".")
    if element.part == "to":
        words = [_quote(text) for text in deleted if text.strip()]
        if not deleted:
            return f"Moved from old {old}."
        if not words:
            return f"Moved from old {old}, and edited."
        shown = ", ".join(words[:QUOTED_DELETIONS])
        more = len(words) - QUOTED_DELETIONS
        return f"Moved from old {old}, and edited; deleted: {shown}" + (
            f" and {more} more." if more > 0 else "."
        )
    if block.op == "split":
        return f"Old {old} split into new {new}."
    if block.op == "merge":
        return f"Old {old} merged into new {new}."
    return None


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
