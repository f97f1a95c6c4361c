"""Paragraph alignment: which old paragraphs became which new ones.

Works on comparison keys only, in five steps, none of them quadratic in the document (steps
3 and 4 run again when step 5 finds that an anchor of step 1 moved):

1. exact anchors: paragraphs whose keys are equal and in order (patience diff: keys unique in
   both sides first, recursing into the gaps, so repeated boilerplate cannot mislead it);
2. leftover paragraphs with equal keys unique in both texts are paired wherever they stand
   (candidate moves);
3. inside each gap between anchors, leftover paragraphs are paired by word similarity with an
   order-keeping dynamic programme that also considers splits (one old paragraph = several
   consecutive new ones) and merges;
4. what is still unpaired is matched across the whole document through an inverted index of
   word shingles: a paragraph moved far away, possibly edited; a pair of step 3 made only
   because the two stood alone in a gap competes here, so a paragraph moved to where a
   similar one was deleted is a move;
5. a longest increasing subsequence over all pairs decides what stayed in order; the other
   one-to-one pairs are moves.

Steps 1-2, 3 and 4 have a module each in this package (anchors, gaps, moves; similarity is
the word measure they share); step 5 and the order in which everything runs are here.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from diffdoc.align.anchors import exact_anchors, longest_increasing, pair_equal_keys
from diffdoc.align.gaps import gap_ranges, pair_gap
from diffdoc.align.moves import MoveIndex, pair_moved
from diffdoc.align.similarity import Bags
from diffdoc.models import BlockOp

__all__ = ["Pairing", "align", "exact_anchors", "longest_increasing"]


class Pairing(NamedTuple):
    """One aligned unit: old paragraph indices and new paragraph indices (a named tuple:
    a large comparison makes tens of thousands)."""

    op: BlockOp
    old: tuple[int, ...]
    new: tuple[int, ...]


def align(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    match: tuple[Sequence[str], Sequence[str]] | None = None,
) -> list[Pairing]:
    """Align paragraphs by their comparison keys; units in reading order of the new text.

    `match` (old, new) are the keys that pairing goes by when they differ from the
    comparison keys (paragraphs without their labels, so that renumbered paragraphs still
    anchor); whether a pair is equal or modified is still decided by the comparison keys.
    """
    labelled_old, labelled_new = old_keys, new_keys
    if match is not None:
        old_keys, new_keys = match
    anchors = exact_anchors(old_keys, new_keys)
    old_free = _free(len(old_keys), (i for i, _ in anchors))
    new_free = _free(len(new_keys), (j for _, j in anchors))
    equal = pair_equal_keys(old_keys, new_keys, old_free, new_free)
    units, old_free, new_free = _match(anchors, equal, old_keys, new_keys)
    # An anchor can be a paragraph that moved unchanged (a tie in step 1 kept it): the gaps
    # it cut then hid splits and merges around it. When the pairs found since say so (it is
    # out of order among them all), align again around the equal pairs that stay in order.
    in_order = _in_order(units)
    if any(anchor not in in_order for anchor in anchors):
        kept = sorted(pair for pair in [*anchors, *equal] if pair in in_order)
        moved = [pair for pair in [*anchors, *equal] if pair not in in_order]
        units, old_free, new_free = _match(kept, moved, old_keys, new_keys)
        in_order = _in_order(units)
    return _order(units, in_order, old_free, new_free, labelled_old, labelled_new)


Unit = tuple[tuple[int, ...], tuple[int, ...]]


def _match(
    anchors: Sequence[tuple[int, int]],
    fixed: Sequence[tuple[int, int]],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
) -> tuple[list[Unit], set[int], set[int]]:
    """Steps 3 and 4 around in-order `anchors` and other `fixed` pairs of equal keys."""
    units: list[Unit] = [((i,), (j,)) for i, j in [*anchors, *fixed]]
    old_free = _free(len(old_keys), (old[0] for old, _ in units))
    new_free = _free(len(new_keys), (new[0] for _, new in units))
    bags = Bags(old_keys, new_keys)
    lone: list[tuple[float, int, int]] = []  # (Dice, old, new) of weak lone pairs
    for old_ids, new_ids in gap_ranges(anchors, len(old_keys), len(new_keys)):
        gap_old = [i for i in old_ids if i in old_free]
        gap_new = [j for j in new_ids if j in new_free]
        for old_unit, new_unit in pair_gap(gap_old, gap_new, bags, lone):
            units.append((old_unit, new_unit))
            old_free.difference_update(old_unit)
            new_free.difference_update(new_unit)

    weak = lone if old_free or new_free else []  # these compete in step 4
    if weak:
        contested = {(i, j) for _, i, j in weak}
        units = [unit for unit in units if (unit[0][0], unit[1][0]) not in contested]
        old_free.update(i for _, i, _ in weak)
        new_free.update(j for _, _, j in weak)
    olds = MoveIndex(bags, sorted(old_free))
    for i, j in pair_moved(olds, sorted(new_free), weak):
        units.append(((i,), (j,)))
        old_free.discard(i)
        new_free.discard(j)
    return units, old_free, new_free


def _in_order(units: list[Unit]) -> set[tuple[int, int]]:
    """(first old, first new) of the units that keep their order: the longest increasing
    run over units taken by first new paragraph (sorts `units` in place)."""
    units.sort(key=itemgetter(1))
    return set(longest_increasing([(old[0], new[0]) for old, new in units]))


def _free(size: int, taken: object) -> set[int]:
    free = set(range(size))
    free.difference_update(taken)  # type: ignore[arg-type]
    return free


# --- 5. order -----------------------------------------------------------------------------------


def _order(
    units: list[Unit],
    in_order: set[tuple[int, int]],
    old_free: set[int],
    new_free: set[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
) -> list[Pairing]:
    """Name each unit's operation (units sorted by first new paragraph, `in_order` those
    that keep their order) and place deletions after what precedes them in the old text."""
    placed: list[tuple[tuple[int, int, int], Pairing]] = []
    owner_end: dict[int, int] = {}  # old index -> last new index of its in-order unit
    for old, new in units:
        ordered = (old[0], new[0]) in in_order
        if len(old) > 1:
            op: BlockOp = "merge"
        elif len(new) > 1:
            op = "split"
        elif not ordered:
            op = "move"
        elif old_keys[old[0]] == new_keys[new[0]]:
            op = "equal"
        else:
            op = "modify"
        if op != "move" and ordered:
            for i in old:
                owner_end[i] = new[-1]
        placed.append(((new[0], 0, 0), Pairing(op, old, new)))
    for j in new_free:
        placed.append(((j, 0, 0), Pairing("insert", (), (j,))))
    anchor_end = -1
    for i in range(len(old_keys)):
        if i in owner_end:
            anchor_end = owner_end[i]
        elif i in old_free:
            placed.append(((anchor_end, 1, i), Pairing("delete", (i,), ())))
    placed.sort(key=itemgetter(0))
    return [pairing for _, pairing in placed]
