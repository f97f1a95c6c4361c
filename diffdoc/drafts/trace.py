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
from diffdoc.segment import HANGUL, NO_SPACE_SCRIPTS, tokenize

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


CONTEXT_WORDS = 6  # words shown on each side of a hit


@dataclass(frozen=True)
class Hit:
    """One occurrence in a paragraph (from 0), as written: the words before, the phrase, the
    words after (up to CONTEXT_WORDS on each side, on one line)."""

    paragraph: int
    before: str
    match: str
    after: str
    more_before: bool = False  # the paragraph goes on before `before`
    more_after: bool = False  # and after `after`


@dataclass(frozen=True)
class VersionHits:
    """How often the phrase occurs in one version, in which paragraphs (from 0), and each
    occurrence in context."""

    version: int
    count: int
    paragraphs: tuple[int, ...]
    hits: tuple[Hit, ...] = ()


# Runs of letters and digits (a CJK character alone): the key keeps the text's runs in order
# (it changes quotes, dashes, spaces and case, and drops brackets, none of which is a letter),
# so the n-th run of the key is the n-th run of the text. Word tokens would not do: a dash
# unified to "-" joins `prosperity—a` into one token of the key.
_RUN = re.compile(rf"[{NO_SPACE_SCRIPTS}{HANGUL}]|(?:(?![{NO_SPACE_SCRIPTS}{HANGUL}])\w)+")


def in_context(
    text: str, key: str, offset: int, length: int, paragraph: int, words: int = CONTEXT_WORDS
) -> Hit:
    """The hit at key[offset:offset+length] found in the text as written, with up to `words`
    runs of letters or digits on each side."""
    first = len(_RUN.findall(key, 0, offset))
    count = max(1, len(_RUN.findall(key, offset, offset + length)))
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    if not runs:
        return Hit(paragraph, "", " ".join(text.split()), "")
    first = min(first, len(runs) - 1)
    last = min(first + count - 1, len(runs) - 1)
    begin, end = runs[first][0], runs[last][1]
    # Brackets, quotes and the like opened inside the hit (`act [promptly]`) close inside it.
    for opening, closing in ("[]", "()", "“”", "«»"):
        while (
            end < len(text)
            and text[end] == closing
            and (text.count(opening, begin, end) > text.count(closing, begin, end))
        ):
            end += 1
    left = runs[first - words][0] if first - words > 0 else 0
    right = max(end, runs[last + words][1] if last + words < len(runs) else len(text))

    def flat(part: str) -> str:
        return " ".join(part.split())

    before, after = text[left:begin], text[end:right]
    # One space kept where the text has one, so `words [phrase] words` reads as written.
    lead = " " if before[-1:].isspace() and before.strip() else ""
    trail = " " if after[:1].isspace() and after.strip() else ""
    return Hit(
        paragraph,
        flat(before) + lead,
        flat(text[begin:end]),
        trail + flat(after),
        more_before=left > 0,
        more_after=right < len(text),
    )


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
        found: list[Hit] = []
        for index, block in enumerate(version.document.blocks):
            if block.kind in NOT_SEARCHED:
                continue
            block_key = fold_key(
                block.key if config == DEFAULT_KEY else comparison_key(block.text, config)
            )
            offsets = list(phrase_offsets(block_key, key))
            if offsets:
                count += len(offsets)
                paragraphs.append(index)
                found += [in_context(block.text, block_key, at, len(key), index) for at in offsets]
        hits.append(VersionHits(number, count, tuple(paragraphs), tuple(found)))
    return PhraseTrace(phrase, key, tuple(hits))
