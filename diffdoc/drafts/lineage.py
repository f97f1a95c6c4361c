"""Paragraph lineage: the alignments of consecutive versions chained into one history.

For every paragraph (block) of every version: the version where it first appeared, every
version where its wording changed, where it came from and where it went next. The comparing
function is passed in, so that callers can cache comparisons and tests can use any series.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from diffdoc.models import PARAGRAPH_SEPARATOR, BlockChange, BlockOp, Comparison, Document
from diffdoc.normalize import KeyConfig, comparison_key

Compare = Callable[[Document, Document], Comparison]


@dataclass(frozen=True)
class DraftVersion:
    """One version of a series: its label, date (YYYY-MM-DD or None), note and document."""

    label: str
    date: str | None
    document: Document
    note: str | None = None


@dataclass(frozen=True)
class ParagraphLineage:
    """One paragraph of one version and its place in the history.

    Version numbers are positions in the series (0 = oldest). `previous` holds the paragraph
    indices it came from in the version before, `next` those it went to in the version after
    (both empty at the ends of the series, on insertion and on removal).
    """

    version: int
    index: int
    introduced: int
    changed_in: tuple[int, ...]  # starts with `introduced`
    op: BlockOp  # how it came from the version before ("insert" in the first version)
    previous: tuple[int, ...] = ()
    next: tuple[int, ...] = ()
    next_op: BlockOp | None = None  # how it went on; "delete" when removed, None when last

    @property
    def last_changed(self) -> int:
        """The version that last changed its wording."""
        return self.changed_in[-1]


@dataclass(frozen=True)
class Lineage:
    """A series of versions, the comparisons of consecutive ones, and every paragraph's history.

    `comparisons[k]` compares version k with version k + 1; `paragraphs[k][i]` is paragraph i of
    version k.
    """

    versions: tuple[DraftVersion, ...]
    comparisons: tuple[Comparison, ...]
    paragraphs: tuple[tuple[ParagraphLineage, ...], ...]

    def paragraph(self, version: int, index: int) -> ParagraphLineage:
        """Paragraph `index` of version `version` (both from 0)."""
        return self.paragraphs[version][index]

    def change_into(self, version: int, index: int) -> BlockChange | None:
        """The aligned unit that made a paragraph from the version before (None in the first)."""
        if version == 0:
            return None
        for block in self.comparisons[version - 1].blocks:
            if index in block.new:
                return block
        return None


def wording_changed(block: BlockChange, config: KeyConfig) -> bool:
    """True when an aligned unit changes words, not only typography or paragraph breaks."""
    if block.op in ("insert", "delete", "modify"):
        return True
    if block.op == "equal":
        return False
    return comparison_key(block.old_text, config) != comparison_key(block.new_text, config)


def build_lineage(versions: Sequence[DraftVersion], compare: Compare) -> Lineage:
    """Compare each version with the next (once) and chain the alignments into a lineage."""
    if not versions:
        return Lineage((), (), ())
    comparisons = tuple(compare(a.document, b.document) for a, b in pairwise(versions))
    return chain(versions, comparisons)


def chain(versions: Sequence[DraftVersion], comparisons: Sequence[Comparison]) -> Lineage:
    """The lineage of a series from the comparisons of its consecutive versions."""
    first = [
        ParagraphLineage(0, i, 0, (0,), "insert") for i in range(len(versions[0].document.blocks))
    ]
    series: list[list[ParagraphLineage]] = [first]
    for k, comparison in enumerate(comparisons, start=1):
        config = KeyConfig.from_options(comparison.options)
        old = series[-1]
        current: list[ParagraphLineage | None] = [None] * len(versions[k].document.blocks)
        for block in comparison.blocks:
            changed = wording_changed(block, config)
            for i in block.old:
                old[i] = _went(old[i], block)
            if not block.old:
                for j in block.new:
                    current[j] = ParagraphLineage(k, j, k, (k,), block.op)
                continue
            introduced = min(old[i].introduced for i in block.old)
            history = sorted({v for i in block.old for v in old[i].changed_in})
            if changed:
                history.append(k)
            for j in block.new:
                current[j] = ParagraphLineage(
                    k, j, introduced, tuple(history), block.op, previous=block.old
                )
        missing = [j for j, p in enumerate(current) if p is None]
        if missing:
            raise ValueError(f"comparison {k - 1}->{k} leaves paragraphs {missing} unaligned")
        series.append([p for p in current if p is not None])
    return Lineage(tuple(versions), tuple(comparisons), tuple(tuple(v) for v in series))


def _went(paragraph: ParagraphLineage, block: BlockChange) -> ParagraphLineage:
    return ParagraphLineage(
        paragraph.version,
        paragraph.index,
        paragraph.introduced,
        paragraph.changed_in,
        paragraph.op,
        paragraph.previous,
        block.new,
        block.op,
    )


@dataclass(frozen=True)
class Step:
    """A paragraph in one version of its history: its indices there and its joined text."""

    version: int
    indices: tuple[int, ...]
    text: str


def paragraph_history(lineage: Lineage, version: int, index: int) -> list[Step]:
    """A paragraph's wording in every version where it (or what it split or merged into) is.

    Follows `previous` back to the first version and `next` forward to the last; a paragraph
    that merged or split is followed together with its partners.
    """
    back: list[tuple[int, tuple[int, ...]]] = []
    indices: tuple[int, ...] = (index,)
    k = version
    while indices:
        back.append((k, indices))
        if k == 0:
            break
        indices = _union(lineage.paragraphs[k][i].previous for i in indices)
        k -= 1
    forward: list[tuple[int, tuple[int, ...]]] = []
    indices = (index,)
    k = version
    while k + 1 < len(lineage.versions):
        indices = _union(lineage.paragraphs[k][i].next for i in indices)
        if not indices:
            break
        k += 1
        forward.append((k, indices))
    steps = []
    for k, found in [*reversed(back), *forward]:
        texts = lineage.versions[k].document.texts
        steps.append(Step(k, found, PARAGRAPH_SEPARATOR.join(texts[i] for i in found)))
    return steps


def _union(groups: Iterable[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(sorted({i for group in groups for i in group}))
