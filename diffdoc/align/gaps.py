"""Step 3 of the alignment: paragraphs left between two anchors, paired in order by word
similarity (modified, split and merged paragraphs)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

from diffdoc.align.similarity import (
    ALONE_MIN,
    BAND,
    GAP_CELLS,
    MAX_PIECES,
    PAIR_MIN,
    PIECE_MIN,
    SPLIT_MIN,
    Bag,
    Bags,
    bag_size,
    common_words,
    dice,
)


def gap_ranges(
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
    def of(cls, bags: Bags, side: int, ids: Sequence[int]) -> _Side:
        found = [bags.bag(side, index) for index in ids]
        sizes = [bag_size(bag) for bag in found]
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
        if size == 0 or common_words(piece, whole) < PIECE_MIN * size:
            return 0.0
    joined: Bag = Counter(chain.from_iterable(pieces.words[first:last]))
    common = common_words(whole, joined)
    if 2 * common / (whole_size + joined_size) < SPLIT_MIN:  # dice(whole, joined)
        return 0.0
    return float(common)


def pair_gap(
    old_ids: Sequence[int],
    new_ids: Sequence[int],
    bags: Bags,
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
    i: int, j: int, bags: Bags, lone: list[tuple[float, int, int]] | None
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    a, b = bags.bag(0, i), bags.bag(1, j)
    short = bag_size(a) <= 3 and bag_size(b) <= 3
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
    old_ids: Sequence[int], new_ids: Sequence[int], bags: Bags
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
                    common = common_words(a, b)
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
