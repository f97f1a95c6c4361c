"""Steps 1 and 2 of the alignment: paragraphs whose keys are equal."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence

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


def pair_equal_keys(
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
