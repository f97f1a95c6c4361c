"""Where each character of one version went in the next, read off a comparison's word diff.

Positions are *flat*: a document's block texts laid end to end, each followed by one extra
position, so that (block, offset) and a single number convert both ways. A character of the
old version maps to its flat position in the new version when it lies in an equal segment, or
in a replacement (a deletion next to an insertion) whose other side holds the same token
(matched token by token, by comparison key); it maps to -1 when its words were deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import accumulate

from diffdoc.models import PARAGRAPH_SEPARATOR, Comparison, Document, Segment
from diffdoc.normalize import KeyConfig, comparison_key
from diffdoc.segment import tokenize

GONE = -1


def flat_starts(texts: Sequence[str]) -> list[int]:
    """The flat position where each block text starts."""
    return [0, *accumulate(len(text) + 1 for text in texts)][: len(texts)]


def _joined_positions(
    indices: Sequence[int], texts: Sequence[str], starts: Sequence[int]
) -> list[int]:
    """For each character of the blocks joined by PARAGRAPH_SEPARATOR: its flat position
    (GONE for the separators)."""
    positions: list[int] = []
    for n, index in enumerate(indices):
        if n:
            positions.extend([GONE] * len(PARAGRAPH_SEPARATOR))
        positions.extend(range(starts[index], starts[index] + len(texts[index])))
    return positions


class CharMap:
    """The fate of every character of the old document of a comparison."""

    def __init__(self, old: Document, new: Document, comparison: Comparison) -> None:
        config = KeyConfig.from_options(comparison.options)
        old_texts, new_texts = old.texts, new.texts
        self.old_starts = flat_starts(old_texts)
        self.new_starts = flat_starts(new_texts)
        size = self.old_starts[-1] + len(old_texts[-1]) + 1 if old_texts else 0
        self.targets = [GONE] * size
        self._aligned: dict[int, tuple[int, ...]] = {}
        for block in comparison.blocks:
            for i in block.old:
                self._aligned[i] = block.new
            if not block.old or not block.new:
                continue
            old_flat = _joined_positions(block.old, old_texts, self.old_starts)
            new_flat = _joined_positions(block.new, new_texts, self.new_starts)
            self._walk(block.segments, old_flat, new_flat, config)

    def _walk(
        self,
        segments: Sequence[Segment],
        old_flat: Sequence[int],
        new_flat: Sequence[int],
        config: KeyConfig,
    ) -> None:
        o = n = 0
        number = 0
        while number < len(segments):
            segment = segments[number]
            following = segments[number + 1] if number + 1 < len(segments) else None
            if segment.op == "equal":
                self._map(old_flat, o, new_flat, n, len(segment.text), len(segment.text))
                o += len(segment.text)
                n += len(segment.text)
            elif following is not None and {segment.op, following.op} == {"delete", "insert"}:
                deleted, inserted = (
                    (segment.text, following.text)
                    if segment.op == "delete"
                    else (following.text, segment.text)
                )
                self._replaced(deleted, old_flat, o, inserted, new_flat, n, config)
                o += len(deleted)
                n += len(inserted)
                number += 1
            elif segment.op == "insert":
                n += len(segment.text)
            else:
                o += len(segment.text)
            number += 1

    def _replaced(
        self,
        deleted: str,
        old_flat: Sequence[int],
        o: int,
        inserted: str,
        new_flat: Sequence[int],
        n: int,
        config: KeyConfig,
    ) -> None:
        """Map the words a replacement kept: its two sides matched token by token by key."""
        old_tokens, new_tokens = tokenize(deleted), tokenize(inserted)
        old_at = [0, *accumulate(len(t) for t in old_tokens)]
        new_at = [0, *accumulate(len(t) for t in new_tokens)]
        matcher = SequenceMatcher(
            None,
            [comparison_key(t, config) for t in old_tokens],
            [comparison_key(t, config) for t in new_tokens],
            autojunk=False,
        )
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                old_token, new_token = old_tokens[a + k], new_tokens[b + k]
                self._map(
                    old_flat,
                    o + old_at[a + k],
                    new_flat,
                    n + new_at[b + k],
                    len(old_token),
                    len(new_token),
                )

    def _map(
        self,
        old_flat: Sequence[int],
        o: int,
        new_flat: Sequence[int],
        n: int,
        old_size: int,
        new_size: int,
    ) -> None:
        """Map `old_size` characters from `o` onto `new_size` from `n` (the last one repeats)."""
        if new_size <= 0:
            return
        for t in range(min(old_size, len(old_flat) - o)):
            source = old_flat[o + t]
            target = n + min(t, new_size - 1)
            if source != GONE and target < len(new_flat):
                self.targets[source] = new_flat[target]

    def target(self, block: int, offset: int) -> int:
        """The flat position in the new version of a character of the old one, or GONE."""
        return self.targets[self.old_starts[block] + offset]

    def aligned(self, block: int) -> tuple[int, ...]:
        """The new blocks that an old block was aligned with (empty when it was deleted)."""
        return self._aligned.get(block, ())
