"""Shared passages between two documents: shingle seeds chained through small edits.

Every shingle (SHINGLE_WORDS words) the two paragraphs share is a seed. Seeds are chained when
the next one starts at most MAX_GAP words further on both sides, with the two gaps differing by
at most MAX_SHIFT words: one changed word breaks the five shingles that cover it (a gap of six),
an inserted or dropped word shifts one side by one. So a passage with a changed word is found
whole, not cut in two. A chain covers its seeds' words; its similarity is difflib's ratio of
the two word sequences.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from diffdoc.reuse.shingles import SHINGLE_WORDS, Paragraph

MAX_GAP = SHINGLE_WORDS + 3
MAX_SHIFT = 2
# A shingle repeated more often than this inside one document seeds no chain (lists, refrains).
MAX_REPEATS = 8


# Two texts hold a passage in common only if they hold at least MIN_SHARED sampled shingles
# (not boilerplate) of it in one run: in the same order, in one paragraph of each, at most
# CHAIN_GAP words apart, the gaps differing by at most CHAIN_SHIFT words (edits). A passage of
# two sentences (about 25 shingles, 6 sampled) has fewer than 2 with chance 0.7 %; two formulas
# that two statements share by chance, far apart, are not. `reuse REF` and `reuse --all` match
# only the versions that pass (the index knows where each sampled shingle starts).
MIN_SHARED = 2
CHAIN_GAP = 48
CHAIN_SHIFT = 8


def by_hash(places: Iterable[tuple[int, int, int]]) -> dict[int, list[tuple[int, int]]]:
    """(hash, paragraph, word) places as hash -> [(paragraph, word)]: ours, for `runs`."""
    where: dict[int, list[tuple[int, int]]] = {}
    for hash_value, paragraph, position in places:
        where.setdefault(hash_value, []).append((paragraph, position))
    return where


Link = tuple[int, int]  # (our paragraph, their paragraph)


def runs(
    where: dict[int, list[tuple[int, int]]], hits: Sequence[tuple[int, int, int]]
) -> dict[Link, int]:
    """For each pair of paragraphs: the most sampled shingles of `where` (ours) that `hits`
    (theirs: hash, paragraph, word) hold in one run, in order (see MIN_SHARED)."""
    seeds: dict[Link, list[tuple[int, int]]] = {}
    for hash_value, their_paragraph, their_position in hits:
        for our_paragraph, our_position in where.get(hash_value, ()):
            seeds.setdefault((our_paragraph, their_paragraph), []).append(
                (our_position, their_position)
            )
    found = {}
    for link, pairs in seeds.items():
        pairs.sort()
        chains: list[list[int]] = []  # [our last, their last, length]
        for ours, theirs in pairs:
            for chain in chains:
                step_ours, step_theirs = ours - chain[0], theirs - chain[1]
                if (
                    0 < step_ours <= CHAIN_GAP
                    and 0 < step_theirs <= CHAIN_GAP + CHAIN_SHIFT
                    and abs(step_ours - step_theirs) <= CHAIN_SHIFT
                ):
                    chain[0], chain[1], chain[2] = ours, theirs, chain[2] + 1
                    break
            else:
                chains.append([ours, theirs, 1])
        found[link] = max(chain[2] for chain in chains)
    return found


def linked(
    where: dict[int, list[tuple[int, int]]], hits: Sequence[tuple[int, int, int]]
) -> dict[Link, int]:
    """The pairs of paragraphs holding a run of at least MIN_SHARED sampled shingles, sorted,
    with their runs: the only ones matched word by word (a passage is found where its own
    paragraphs share a run)."""
    return {link: run for link, run in sorted(runs(where, hits).items()) if run >= MIN_SHARED}


@dataclass(frozen=True)
class Match:
    """A passage of the first document (paragraph, words [first, last)) found in the second."""

    paragraph: int
    first: int
    last: int
    source_paragraph: int
    source_first: int
    source_last: int
    similarity: float
    source_start: int = 0  # characters of the source paragraph as written
    source_end: int = 0
    start: int = 0  # characters of our paragraph as written
    end: int = 0
    source_text: str = ""  # the source's words as written, source_start to source_end

    @property
    def words(self) -> int:
        return self.last - self.first


def shingle_positions(
    paragraphs: Sequence[Paragraph], only: Iterable[int] | None = None
) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Where each shingle starts: words -> [(paragraph, word)], in all paragraphs or `only`
    these (within one process, Python's own hashing of the word tuples is enough: no stable
    hash needed)."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for index in range(len(paragraphs)) if only is None else sorted(set(only)):
        keys = paragraphs[index].keys
        for position in range(len(keys) - SHINGLE_WORDS + 1):
            found.setdefault(keys[position : position + SHINGLE_WORDS], []).append(
                (index, position)
            )
    return found


def match_documents(
    ours: Sequence[Paragraph],
    theirs: Sequence[Paragraph],
    min_words: int,
    links: Collection[Link] | None = None,
) -> list[Match]:
    """The passages of `ours` (at least `min_words` words) that also occur in `theirs`: in
    any two paragraphs, or only in these pairs of paragraphs (`linked`)."""
    wanted = None if links is None else set(links)
    positions = shingle_positions(theirs, None if links is None else (t for _, t in links))
    seeds: dict[Link, list[tuple[int, int]]] = {}
    for index in range(len(ours)) if links is None else sorted({o for o, _ in links}):
        keys = ours[index].keys
        for position in range(len(keys) - SHINGLE_WORDS + 1):
            where = positions.get(keys[position : position + SHINGLE_WORDS])
            if where is None or len(where) > MAX_REPEATS:
                continue
            for their_index, their_position in where:
                if wanted is None or (index, their_index) in wanted:
                    seeds.setdefault((index, their_index), []).append((position, their_position))
    found = []
    for (index, their_index), pairs in sorted(seeds.items()):
        a, b = ours[index].keys, theirs[their_index].keys
        for chain in _chains(sorted(pairs)):
            first, last, their_first, their_last = _extend(a, b, *chain)
            if last - first < min_words:
                continue
            ratio = difflib.SequenceMatcher(
                None,
                ours[index].keys[first:last],
                theirs[their_index].keys[their_first:their_last],
                autojunk=False,
            ).ratio()
            source = theirs[their_index]
            found.append(
                Match(
                    index,
                    first,
                    last,
                    their_index,
                    their_first,
                    their_last,
                    round(ratio, 3),
                    source.starts[their_first],
                    source.ends[their_last - 1],
                    ours[index].starts[first],
                    ours[index].ends[last - 1],
                    source.text[source.starts[their_first] : source.ends[their_last - 1]],
                )
            )
    return found


# Beyond the last shared shingle a passage goes on through an edit (a changed, added or dropped
# word) when EDGE_WORDS words match after it, at most EDGE_EDITS times at each end.
EDGE_WORDS = 2
EDGE_EDITS = 2
_STEPS = ((1, 1), (1, 0), (0, 1))


def _extend(
    a: Sequence[str], b: Sequence[str], first: int, last: int, b_first: int, b_last: int
) -> tuple[int, int, int, int]:
    """Grow the spans [first, last) of `a` and [b_first, b_last) of `b` outward through equal
    words and small edits."""
    edits = 0
    while True:
        while last < len(a) and b_last < len(b) and a[last] == b[b_last]:
            last, b_last = last + 1, b_last + 1
        if edits == EDGE_EDITS:
            break
        for da, db in _STEPS:
            i, j = last + da, b_last + db
            if (
                i + EDGE_WORDS <= len(a)
                and j + EDGE_WORDS <= len(b)
                and all(a[i + k] == b[j + k] for k in range(EDGE_WORDS))
            ):
                last, b_last = i, j
                edits += 1
                break
        else:
            break
    edits = 0
    while True:
        while first > 0 and b_first > 0 and a[first - 1] == b[b_first - 1]:
            first, b_first = first - 1, b_first - 1
        if edits == EDGE_EDITS:
            break
        for da, db in _STEPS:
            i, j = first - da, b_first - db
            if (
                i - EDGE_WORDS >= 0
                and j - EDGE_WORDS >= 0
                and all(a[i - 1 - k] == b[j - 1 - k] for k in range(EDGE_WORDS))
            ):
                first, b_first = i, j
                edits += 1
                break
        else:
            break
    return first, last, b_first, b_last


def _chains(seeds: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Chain (our word, their word) seeds, sorted, into [first, last) spans on both sides."""
    # each chain: [first_ours, last_ours, first_theirs, last_theirs] (last = the last seed)
    chains: list[list[int]] = []
    for ours, theirs in seeds:
        best = None
        for chain in reversed(chains):
            if ours - chain[1] > MAX_GAP:
                break  # chains are kept in order of their last seed; older ones are further
            step_ours, step_theirs = ours - chain[1], theirs - chain[3]
            if (
                step_ours > 0
                and 0 < step_theirs <= MAX_GAP
                and abs(step_ours - step_theirs) <= MAX_SHIFT
            ):
                best = chain
                break
            if step_ours == 0 and step_theirs == 0:
                best = chain
                break
        if best is None:
            chains.append([ours, ours, theirs, theirs])
        else:
            best[1], best[3] = ours, theirs
            chains.remove(best)
            chains.append(best)
    return [(a, b + SHINGLE_WORDS, c, d + SHINGLE_WORDS) for a, b, c, d in sorted(chains)]
