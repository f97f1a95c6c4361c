"""Step 4 of the alignment: paragraphs moved far away, found through an inverted index of
word shingles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter

from diffdoc.align.similarity import (
    CANDIDATES,
    COMMON_SHINGLE,
    CONTEST_MARGIN,
    MOVE_MIN,
    SHINGLE,
    Bags,
    dice,
)

# --- 4. far moves -------------------------------------------------------------------------------


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return set(zip(*(words[k:] for k in range(SHINGLE)), strict=False))


class MoveIndex:
    """Inverted index of word shingles over some old paragraphs, to find where a new
    paragraph came from anywhere in the document."""

    def __init__(self, bags: Bags, ids: Sequence[int]) -> None:
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


def pair_moved(
    index: MoveIndex, new_ids: Sequence[int], weak: Sequence[tuple[float, int, int]]
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
