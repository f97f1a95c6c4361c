"""Trace a phrase through a series: in which versions it occurs, when it appeared and went.

Matching is on comparison keys, so curly quotes, dashes, no-break spaces and line wraps do not
hide a hit; a phrase matches whole words only ("shall" is not found in "shallow"). Editorial
notes (front matter, introductions) are not searched.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from diffdoc.drafts.lineage import DraftVersion
from diffdoc.normalize import DEFAULT_KEY, KeyConfig, comparison_key

NOT_SEARCHED = frozenset({"note"})


def phrase_offsets(haystack: str, needle: str) -> Iterator[int]:
    """Where `needle` occurs in `haystack` without starting or ending inside a word."""
    if not needle:
        return
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not (haystack[start - 1].isalnum() and needle[0].isalnum())
        after_ok = end == len(haystack) or not (haystack[end].isalnum() and needle[-1].isalnum())
        if before_ok and after_ok:
            yield start
        start = haystack.find(needle, start + 1)


@dataclass(frozen=True)
class VersionHits:
    """How often the phrase occurs in one version, and in which paragraphs (from 0)."""

    version: int
    count: int
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class PhraseTrace:
    """A phrase's occurrences in every version of a series (one entry per version)."""

    phrase: str
    key: str
    hits: tuple[VersionHits, ...]

    @property
    def first(self) -> int | None:
        """The first version where the phrase occurs, or None."""
        return next((h.version for h in self.hits if h.count), None)

    @property
    def appeared(self) -> tuple[int, ...]:
        """Versions where the phrase occurs and did not in the version before."""
        return tuple(
            h.version
            for n, h in enumerate(self.hits)
            if h.count and (n == 0 or not self.hits[n - 1].count)
        )

    @property
    def disappeared(self) -> tuple[int, ...]:
        """Versions where the phrase no longer occurs though it did in the version before."""
        return tuple(
            h.version
            for n, h in enumerate(self.hits)
            if n and not h.count and self.hits[n - 1].count
        )


def trace_phrase(
    phrase: str, versions: Sequence[DraftVersion], config: KeyConfig | None = None
) -> PhraseTrace:
    """Find `phrase` in each version's paragraphs by comparison key."""
    config = config or DEFAULT_KEY
    key = comparison_key(phrase, config).strip()
    hits = []
    for number, version in enumerate(versions):
        count = 0
        paragraphs = []
        for index, block in enumerate(version.document.blocks):
            if block.kind in NOT_SEARCHED:
                continue
            block_key = block.key if config == DEFAULT_KEY else comparison_key(block.text, config)
            found = sum(1 for _ in phrase_offsets(block_key, key))
            if found:
                count += found
                paragraphs.append(index)
        hits.append(VersionHits(number, count, tuple(paragraphs)))
    return PhraseTrace(phrase, key, tuple(hits))
