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
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import itemgetter
from typing import NamedTuple

from diffdoc.models import BlockOp
from diffdoc.segment import rough_words

# Word similarity (Dice over word bags) needed to pair two paragraphs...
PAIR_MIN = 0.5  # ...inside a gap, where position supports the pairing
ALONE_MIN = 0.4  # ...when they are the only two paragraphs between two pairs
MOVE_MIN = 0.6  # ...anywhere in the document
SPLIT_MIN = 0.8  # ...between one paragraph and the concatenation of several
PIECE_MIN = 0.7  # share of each piece's words found in the other side of a split/merge
MAX_PIECES = 6  # most paragraphs one paragraph can be split into or merged from
GAP_CELLS = 40_000  # larger gaps are paired along a band around their diagonal
BAND = 60
SHINGLE = 3  # words per shingle in the move index
COMMON_SHINGLE = 50  # shingles found in more old paragraphs than this are boilerplate
CANDIDATES = 5  # old paragraphs scored per new paragraph when looking for moves
CONTEST_MARGIN = 0.25  # bonus of a lone pair of step 3 competing with the moves of step 4

Bag = Counter[str]


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
    equal = _pair_equal_keys(old_keys, new_keys, old_free, new_free)
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
    bags = _Bags(old_keys, new_keys)
    lone: list[tuple[float, int, int]] = []  # (Dice, old, new) of weak lone pairs
    for old_ids, new_ids in _gaps(anchors, len(old_keys), len(new_keys)):
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
    olds = _MoveIndex(bags, sorted(old_free))
    for i, j in _pair_moved(olds, sorted(new_free), weak):
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


# --- 1. exact anchors ---------------------------------------------------------------------------


def exact_anchors(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """In-order pairs of equal keys (patience diff with common prefix/suffix trimming)."""
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            pairs.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_in_order(a, alo, ahi, b, blo, bhi)
        if not anchors:
            pairs.extend(_first_occurrences(a, alo, ahi, b, blo, bhi))
            continue
        prev_a, prev_b = alo, blo
        for i, j in anchors:
            pairs.append((i, j))
            if prev_a < i and prev_b < j:  # a gap empty on either side holds no pair
                stack.append((prev_a, i, prev_b, j))
            prev_a, prev_b = i + 1, j + 1
        stack.append((prev_a, ahi, prev_b, bhi))
    pairs.sort()
    return pairs


def _unique_in_order(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_a = {a[i]: i for i in range(alo, ahi) if count_a[a[i]] == 1}
    pairs = [(where_a[b[j]], j) for j in range(blo, bhi) if count_b[b[j]] == 1 and b[j] in where_a]
    return longest_increasing(pairs)


def _first_occurrences(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Only repeated keys left: pair them greedily in order (boilerplate runs)."""
    positions: dict[str, list[int]] = defaultdict(list)
    for j in range(blo, bhi):
        positions[b[j]].append(j)
    pairs: list[tuple[int, int]] = []
    last = blo - 1
    for i in range(alo, ahi):
        candidates = positions.get(a[i])
        if not candidates:
            continue
        k = bisect.bisect_right(candidates, last)
        if k < len(candidates):
            last = candidates[k]
            pairs.append((i, last))
    return pairs


def longest_increasing(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (given in order of their second item) whose first
    items increase; ties go to the earliest pairs, so the result is deterministic."""
    tails: list[int] = []  # first item of the last pair of the best run of each length
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (first, _) in enumerate(pairs):
        if not tails or first > tails[-1]:  # extends the longest run: no search needed
            k = len(tails)
            tails.append(first)
            tail_index.append(index)
        else:
            k = bisect.bisect_left(tails, first)
            tails[k] = first
            tail_index[k] = index
        previous.append(tail_index[k - 1] if k else -1)
    result: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        result.append(pairs[index])
        index = previous[index]
    result.reverse()
    return result


# --- 2. equal keys out of order -----------------------------------------------------------------


def _pair_equal_keys(
    old_keys: Sequence[str], new_keys: Sequence[str], old_free: set[int], new_free: set[int]
) -> list[tuple[int, int]]:
    """Pairs of free paragraphs whose key occurs once in each whole text. A repeated key
    (boilerplate) says nothing about where a copy went: a copy deleted here and one added
    there stay a deletion and an insertion."""
    count_old, count_new = Counter(old_keys), Counter(new_keys)
    where_old = {old_keys[i]: i for i in old_free if count_old[old_keys[i]] == 1}
    return [
        (where_old[new_keys[j]], j)
        for j in sorted(new_free)
        if count_new[new_keys[j]] == 1 and new_keys[j] in where_old
    ]


# --- 3. similarity inside gaps ------------------------------------------------------------------


class _Bags:
    """Word bags of paragraphs, computed on demand (only unmatched paragraphs need them)."""

    def __init__(self, old_keys: Sequence[str], new_keys: Sequence[str]) -> None:
        self.keys = (old_keys, new_keys)
        self.cache: tuple[dict[int, Bag], dict[int, Bag]] = ({}, {})
        self.words: tuple[dict[int, list[str]], dict[int, list[str]]] = ({}, {})

    def word_list(self, side: int, index: int) -> list[str]:
        words = self.words[side].get(index)
        if words is None:
            words = self.words[side][index] = rough_words(self.keys[side][index].casefold())
        return words

    def bag(self, side: int, index: int) -> Bag:
        bag = self.cache[side].get(index)
        if bag is None:
            bag = self.cache[side][index] = Counter(self.word_list(side, index))
        return bag


def _size(bag: Bag) -> int:
    return bag.total()


def _common(a: Bag, b: Bag) -> int:
    """Words the two bags share, with multiplicity (the size of their intersection)."""
    shared = a.keys() & b.keys()  # C loops throughout: this runs for every scored pair
    return sum(map(min, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def dice(a: Bag, b: Bag) -> float:
    """Dice similarity of two word bags (0 when both are empty)."""
    total = _size(a) + _size(b)
    return 2 * _common(a, b) / total if total else 0.0


def _gaps(
    anchors: Sequence[tuple[int, int]], old_size: int, new_size: int
) -> list[tuple[range, range]]:
    gaps = []
    prev_i, prev_j = -1, -1
    for i, j in [*anchors, (old_size, new_size)]:
        if i - prev_i > 1 or j - prev_j > 1:
            gaps.append((range(prev_i + 1, i), range(prev_j + 1, j)))
        prev_i, prev_j = i, j
    return gaps


@dataclass(frozen=True)
class _Side:
    """One side of a gap: each paragraph's word bag, its size and its words, in order."""

    bags: list[Bag]
    sizes: list[int]
    words: list[list[str]]
    before: list[int]  # before[k]: words in the first k paragraphs

    @classmethod
    def of(cls, bags: _Bags, side: int, ids: Sequence[int]) -> _Side:
        found = [bags.bag(side, index) for index in ids]
        sizes = [_size(bag) for bag in found]
        words = [bags.word_list(side, i) for i in ids]
        return cls(found, sizes, words, [0, *accumulate(sizes)])

    def too_long(self, whole_size: int, first: int, last: int) -> bool:
        """Paragraphs first..last-1 hold too many words to be `whole` cut up: so do all
        longer runs ending at `last` (the loops over pieces stop here)."""
        joined = self.before[last] - self.before[first]
        return (
            joined >= whole_size
            and joined > 0
            and 2 * whole_size / (whole_size + joined) < SPLIT_MIN
        )


def _pieces_score(whole: Bag, whole_size: int, pieces: _Side, first: int, last: int) -> float:
    """Matched words if paragraphs first..last-1 of `pieces` together are `whole` cut up,
    else 0."""
    sizes = pieces.sizes[first:last]
    joined_size = sum(sizes)
    # Dice can reach at most 2*min/total: when even that is short of SPLIT_MIN, skip the
    # word-by-word work (the float expression matches `dice`, so the cut-off is the same).
    if not whole_size + joined_size or (
        2 * min(whole_size, joined_size) / (whole_size + joined_size) < SPLIT_MIN
    ):
        return 0.0
    for piece, size in zip(pieces.bags[first:last], sizes, strict=True):
        if size == 0 or _common(piece, whole) < PIECE_MIN * size:
            return 0.0
    joined: Bag = Counter(chain.from_iterable(pieces.words[first:last]))
    common = _common(whole, joined)
    if 2 * common / (whole_size + joined_size) < SPLIT_MIN:  # dice(whole, joined)
        return 0.0
    return float(common)


def pair_gap(
    old_ids: Sequence[int],
    new_ids: Sequence[int],
    bags: _Bags,
    lone: list[tuple[float, int, int]] | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Pair a gap's leftover paragraphs in order: modified, split and merged paragraphs.
    Pairs made on the weak evidence of standing alone (Dice under PAIR_MIN) are also added
    to `lone` as (Dice, old, new)."""
    n, m = len(old_ids), len(new_ids)
    if not n or not m:
        return []
    if n == 1 and m == 1:
        return _pair_alone(old_ids[0], new_ids[0], bags, lone)
    # positions inside the gap: (first old, old count, first new, new count)
    spans = [*_best_path(old_ids, new_ids, bags), (n, 1, m, 1)]
    result: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    next_i = next_j = 0
    for i, di, j, dj in spans:
        # One old and one new paragraph left alone between two pairs replaced each other (a
        # renumbered heading, a rewritten sentence): pair them on weaker evidence.
        if i - next_i == 1 and j - next_j == 1:
            result += _pair_alone(old_ids[next_i], new_ids[next_j], bags, lone)
        if i < n:
            result.append((tuple(old_ids[i : i + di]), tuple(new_ids[j : j + dj])))
        next_i, next_j = i + di, j + dj
    return result


def _pair_alone(
    i: int, j: int, bags: _Bags, lone: list[tuple[float, int, int]] | None
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    a, b = bags.bag(0, i), bags.bag(1, j)
    short = _size(a) <= 3 and _size(b) <= 3
    score = dice(a, b)
    if short or score >= ALONE_MIN:
        if lone is not None and score < PAIR_MIN:
            lone.append((score, i, j))
        return [((i,), (j,))]
    return []


def _band(n: int, m: int) -> list[tuple[int, int]]:
    """For each row i of a gap's table, the first and last column j the programme visits:
    all of them in a small gap, else those within BAND of the diagonal, widened so that
    consecutive rows overlap (every cell stays reachable however unequal the sides)."""
    if n * m <= GAP_CELLS:
        return [(0, m)] * (n + 1)

    def inside(i: int, j: int) -> bool:
        return abs(j - i * m / n) <= BAND

    rows = []
    for i in range(n + 1):
        centre = i * m // n
        lo, hi = max(0, centre - BAND - 1), min(m, centre + BAND + 1)
        while not inside(i, lo):
            lo += 1
        while not inside(i, hi):
            hi -= 1
        rows.append((lo, hi))
    for i in range(n):  # row i must reach the first column of row i + 1
        if rows[i][1] < rows[i + 1][0]:
            rows[i] = (rows[i][0], rows[i + 1][0])
    return rows


_START = -1  # move code of the table's origin; 0 marks an unreachable cell


def _best_path(
    old_ids: Sequence[int], new_ids: Sequence[int], bags: _Bags
) -> list[tuple[int, int, int, int]]:
    """Order-keeping pairs, splits and merges maximising matched words (dynamic programme
    over a band of the table: time and memory linear in the gap for large gaps)."""
    n, m = len(old_ids), len(new_ids)
    olds, news = _Side.of(bags, 0, old_ids), _Side.of(bags, 1, new_ids)
    rows = _band(n, m)
    # score[i][j - lo_i] and move[i][j - lo_i] (di * 16 + dj) for the first i old and j new
    # paragraphs of the gap
    score: list[list[float]] = []
    move: list[list[int]] = []

    def get(i: int, j: int) -> float | None:
        lo, hi = rows[i]
        if lo <= j <= hi and move[i][j - lo]:
            return score[i][j - lo]
        return None

    for i in range(n + 1):
        lo, hi = rows[i]
        row_score = [0.0] * (hi - lo + 1)
        row_move = [0] * (hi - lo + 1)
        score.append(row_score)
        move.append(row_move)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row_move[0] = _START
                continue
            options: list[tuple[float, tuple[int, int]]] = []
            if i and (found := get(i - 1, j)) is not None:
                options.append((found, (1, 0)))
            if j and (found := get(i, j - 1)) is not None:
                options.append((found, (0, 1)))
            if i and j:
                a, b = olds.bags[i - 1], news.bags[j - 1]
                a_size, b_size = olds.sizes[i - 1], news.sizes[j - 1]
                total = a_size + b_size
                # dice can reach at most 2 * min / total: skip the word counting below that
                if (diagonal := get(i - 1, j - 1)) is not None and (
                    not total or 2 * min(a_size, b_size) / total >= PAIR_MIN
                ):
                    common = _common(a, b)
                    if (2 * common / total if total else 0.0) >= PAIR_MIN:  # dice(a, b)
                        options.append((diagonal + common, (1, 1)))
                # Pieces of a split or merge are consecutive paragraphs: a paragraph between
                # them already paired elsewhere (an equal-key move) ends the run.
                for k in range(2, min(MAX_PIECES, j) + 1):
                    if new_ids[j - 1] - new_ids[j - k] != k - 1 or news.too_long(a_size, j - k, j):
                        break
                    if (before := get(i - 1, j - k)) is not None:
                        pieces = _pieces_score(a, a_size, news, j - k, j)
                        if pieces:
                            options.append((before + pieces, (1, k)))
                for k in range(2, min(MAX_PIECES, i) + 1):
                    if old_ids[i - 1] - old_ids[i - k] != k - 1 or olds.too_long(b_size, i - k, i):
                        break
                    if (before := get(i - k, j - 1)) is not None:
                        pieces = _pieces_score(b, b_size, olds, i - k, i)
                        if pieces:
                            options.append((before + pieces, (k, 1)))
            if options:
                # highest score; on ties prefer pairing over skipping, deterministically
                value, (di, dj) = max(options, key=lambda o: (o[0], o[1][0] * o[1][1], o[1]))
                row_score[j - lo] = value
                row_move[j - lo] = di * 16 + dj
    spans: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        code = move[i][j - rows[i][0]]
        di, dj = divmod(code, 16)
        i, j = i - di, j - dj
        if di and dj:
            spans.append((i, di, j, dj))
    spans.reverse()
    return spans


# --- 4. far moves -------------------------------------------------------------------------------


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return set(zip(*(words[k:] for k in range(SHINGLE)), strict=False))


class _MoveIndex:
    """Inverted index of word shingles over some old paragraphs, to find where a new
    paragraph came from anywhere in the document."""

    def __init__(self, bags: _Bags, ids: Sequence[int]) -> None:
        self.bags = bags
        index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in ids:
            for shingle in _shingles(bags.word_list(0, i)):
                index[shingle].append(i)
        # Boilerplate shingles say nothing about where a paragraph went: drop them once here.
        self.index = {key: found for key, found in index.items() if len(found) <= COMMON_SHINGLE}

    def best(self, j: int) -> list[tuple[float, int, int]]:
        """(Dice, old paragraph, j) of the candidates for new paragraph `j` that reach
        MOVE_MIN, best candidates by shared shingles first."""
        bags = self.bags
        old_keys, new_keys = bags.keys
        found = map(self.index.get, _shingles(bags.word_list(1, j)))
        hits = Counter(chain.from_iterable(filter(None, found)))
        # Most hits first, then the earliest paragraph: by index, then stably by count.
        ranked = sorted(sorted(hits.items()), key=itemgetter(1), reverse=True)[:CANDIDATES]
        result = []
        for i, _ in ranked:
            if old_keys[i] == new_keys[j]:  # a repeated key: not a move (see step 2)
                continue
            score = dice(bags.bag(0, i), bags.bag(1, j))
            if score >= MOVE_MIN:
                result.append((score, i, j))
        return result


def _pair_moved(
    index: _MoveIndex, new_ids: Sequence[int], weak: Sequence[tuple[float, int, int]]
) -> list[tuple[int, int]]:
    """One-to-one pairs of the indexed old paragraphs and `new_ids`, most similar first.
    `weak` pairs of step 3 compete with a bonus: a far paragraph much more similar to one of
    the two (a paragraph moved next to the place where another was rewritten) wins."""
    if not index.index or not new_ids:
        return []
    edges = [edge for j in new_ids for edge in index.best(j)]
    edges += [(score + CONTEST_MARGIN, i, j) for score, i, j in weak]
    edges.sort(key=lambda edge: (-edge[0], edge[2], edge[1]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, i, j in edges:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    return pairs


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
