"""Trace a phrase through a series: in which versions it occurs, when it appeared and went.

Matching is on comparison keys, so curly quotes, dashes, no-break spaces and line wraps do not
hide a hit; a phrase matches whole words only ("shall" is not found in "shallow", "2" not in
"2.5"; a Chinese, Japanese or Korean character is a word of its own). The match key is also
blind to negotiation brackets (`greenhouse gas [net] emissions` holds "greenhouse gas net
emissions"; side-by-side alternatives `[a][b]` read "a b") and to spacing before a degree,
percent or per-mille sign ("2°C" and "2 °C" match). Editorial notes (front matter,
introductions) are not searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from diffdoc.drafts.lineage import DraftVersion
from diffdoc.normalize import DEFAULT_KEY, KeyConfig, comparison_key
from diffdoc.segment import tokenize

NOT_SEARCHED = frozenset({"note"})

_ALTERNATIVES = re.compile(r"\]\s*\[")
_SPACES = re.compile(r"\s{2,}")
_UNIT_SPACE = re.compile(r"\s+(?=[°%‰])|(?<=°)\s+(?=[CFK]\b)")


def fold_key(key: str) -> str:
    """A comparison key made blind to brackets and to spacing around °, % and ‰."""
    if "[" in key or "]" in key:
        key = _ALTERNATIVES.sub(" ", key).replace("[", "").replace("]", "")
        key = _SPACES.sub(" ", key)
    if "°" in key or "%" in key or "‰" in key:
        key = _UNIT_SPACE.sub("", key)
    return key


def match_key(text: str, config: KeyConfig = DEFAULT_KEY) -> str:
    """The key that trace matches on: the comparison key, folded by `fold_key`."""
    return fold_key(comparison_key(text, config)).strip()


def phrase_offsets(haystack: str, needle: str) -> Iterator[int]:
    """Where `needle` occurs in `haystack` starting and ending on word-token boundaries."""
    if not needle:
        return
    start = haystack.find(needle)
    boundaries: set[int] | None = None
    while start != -1:
        if boundaries is None:
            boundaries = set(accumulate((len(t) for t in tokenize(haystack)), initial=0))
        if start in boundaries and start + len(needle) in boundaries:
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
    """Find `phrase` in each version's paragraphs by match key (see `match_key`)."""
    config = config or DEFAULT_KEY
    key = match_key(phrase, config)
    hits = []
    for number, version in enumerate(versions):
        count = 0
        paragraphs = []
        for index, block in enumerate(version.document.blocks):
            if block.kind in NOT_SEARCHED:
                continue
            block_key = fold_key(
                block.key if config == DEFAULT_KEY else comparison_key(block.text, config)
            )
            found = sum(1 for _ in phrase_offsets(block_key, key))
            if found:
                count += found
                paragraphs.append(index)
        hits.append(VersionHits(number, count, tuple(paragraphs)))
    return PhraseTrace(phrase, key, tuple(hits))
