"""Blame, paragraph history, phrase traces and the series summary as typed rows.

Each function builds the rows of diffdoc.report.series from a lineage (or a phrase trace);
that module turns them into the terminal lines and the JSON the commands print. Paragraph
numbers count from 1 over every block of a version, as `blame` shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from diffdoc.drafts.brackets import negotiated_blocks
from diffdoc.drafts.lineage import Lineage, Step, paragraph_history
from diffdoc.drafts.trace import PhraseTrace
from diffdoc.drafts.words import word_blame
from diffdoc.models import Segment
from diffdoc.normalize import DEFAULT_KEY, KeyConfig
from diffdoc.report.series import (
    BlamePhrase,
    BlameRow,
    Brackets,
    HistoryStep,
    PhraseTraceRows,
    TraceHit,
    TraceVersion,
    VersionRow,
    When,
)
from diffdoc.segment import count_words
from diffdoc.wordiff import diff_words


def when(lineage: Lineage, version: int) -> When:
    """How rows name version `version` of the lineage."""
    v = lineage.versions[version]
    return When(v.label, v.date)


def all_versions(lineage: Lineage) -> list[When]:
    return [When(v.label, v.date) for v in lineage.versions]


# --- blame ------------------------------------------------------------------------------------


def blame_rows(lineage: Lineage, version: int, *, words: bool = False) -> list[BlameRow]:
    """Each paragraph of `version`: number, kind, text, who introduced and last changed it
    (and with `words`, which version brought in each run of its words)."""
    phrases = word_blame(lineage, version) if words else None
    document = lineage.versions[version].document
    rows = []
    for index, paragraph in enumerate(lineage.paragraphs[version]):
        block = document.blocks[index]
        rows.append(
            BlameRow(
                number=index + 1,
                kind=block.kind,
                text=block.text,
                introduced=when(lineage, paragraph.introduced),
                last_changed=when(lineage, paragraph.last_changed),
                changed_in=tuple(lineage.versions[k].label for k in paragraph.changed_in),
                phrases=None
                if phrases is None
                else tuple(BlamePhrase(p.text, when(lineage, p.version)) for p in phrases[index]),
            )
        )
    return rows


# --- history of one paragraph -----------------------------------------------------------------


def step_segments(previous: Step | None, step: Step, config: KeyConfig) -> tuple[Segment, ...]:
    """The word-level changes from one step of a paragraph's history to the next."""
    if previous is None:
        return (Segment("equal", step.text),)
    if previous.text == step.text:
        return (Segment("equal", step.text),)
    return diff_words(previous.text, step.text, config).segments


def history_steps(
    lineage: Lineage, version: int, index: int, config: KeyConfig = DEFAULT_KEY
) -> list[HistoryStep]:
    """A paragraph's wording in every version, with the word changes from the step before;
    a last `removed` step when a later version dropped it."""
    steps = paragraph_history(lineage, version, index)
    out: list[HistoryStep] = []
    previous: Step | None = None
    for step in steps:
        out.append(
            HistoryStep(
                version=when(lineage, step.version),
                op=lineage.paragraphs[step.version][step.indices[0]].op,
                paragraphs=tuple(i + 1 for i in step.indices),
                text=step.text,
                segments=step_segments(previous, step, config),
            )
        )
        previous = step
    last = steps[-1]
    after = lineage.paragraphs[last.version][last.indices[-1]].next_op
    if after == "delete":
        out.append(HistoryStep(when(lineage, last.version + 1), "delete", removed=True))
    return out


# --- the series at a glance -------------------------------------------------------------------


def version_rows(lineage: Lineage, brackets: Sequence[Brackets]) -> list[VersionRow]:
    """Per version: paragraphs, words, paragraphs new/changed/moved/removed, open brackets.

    Words count the negotiated text only (as brackets do): not the title, notes or footnotes.
    """
    rows = []
    words: dict[str, int] = {}  # most paragraphs recur unchanged from version to version
    for k, version in enumerate(lineage.versions):
        texts = version.document.texts
        negotiated = [block.text for block in negotiated_blocks(version.document)]
        for text in negotiated:
            if text not in words:
                words[text] = count_words(text)
        counts = {"new": 0, "changed": 0, "moved": 0, "removed": 0}
        if k:
            for block in lineage.comparisons[k - 1].blocks:
                status = block_status(block.op, lineage, k, block.new)
                if status in counts:
                    counts[status] += max(len(block.new), len(block.old), 1)
        rows.append(
            VersionRow(
                label=version.label,
                date=version.date,
                note=version.note,
                paragraphs=len(texts),
                words=sum(words[t] for t in negotiated),
                **counts,
                brackets=brackets[k],
            )
        )
    return rows


def block_status(op: str, lineage: Lineage, k: int, new: tuple[int, ...]) -> str:
    """new, changed, unchanged, moved or removed: how an aligned unit reached version k."""
    if op == "insert":
        return "new"
    if op == "delete":
        return "removed"
    wording = any(lineage.paragraphs[k][j].last_changed == k for j in new)
    if wording:
        return "changed"
    return "moved" if op == "move" else "unchanged"


# --- brackets and traces ----------------------------------------------------------------------


def bracket_text(counts: Brackets) -> str:
    """The bracket columns of `log --brackets`."""
    return (
        f"[{counts.open} open, {counts.new} new, {counts.resolved} resolved, "
        f"{counts.dropped} dropped; {counts.options} options]"
    )


def trace_rows(
    document: str, trace: PhraseTrace, labels: Sequence[str], dates: Sequence[str | None]
) -> PhraseTraceRows:
    """A phrase trace with version labels and each hit in context (numbers from 1)."""
    return PhraseTraceRows(
        document=document,
        phrase=trace.phrase,
        key=trace.key,
        first=None if trace.first is None else labels[trace.first],
        appeared=tuple(labels[k] for k in trace.appeared),
        disappeared=tuple(labels[k] for k in trace.disappeared),
        versions=tuple(
            TraceVersion(
                label=labels[h.version],
                date=dates[h.version],
                count=h.count,
                paragraphs=tuple(i + 1 for i in h.paragraphs),
                hits=tuple(
                    TraceHit(
                        hit.paragraph + 1,
                        hit.before,
                        hit.match,
                        hit.after,
                        hit.more_before,
                        hit.more_after,
                    )
                    for hit in h.hits
                ),
            )
            for h in trace.hits
        ),
    )
