"""A series of versions for people and scripts: the typed rows of `history`, `blame` and
`trace`, and their terminal lines and JSON.

The rows are built by the drafts library (diffdoc.drafts.render) from a lineage; this module
only presents them, so it knows nothing of lineages or comparisons. Paragraph numbers count
from 1 over every block of a version, as `blame` shows them. `to_json` of each row gives the
JSON the commands print (the same fields, in the same order, as before the rows were typed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from diffdoc.models import Segment

SHORT = 72  # characters of a paragraph in a terminal line


def short(text: str, width: int = SHORT) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@dataclass(frozen=True)
class When:
    """A version as rows name it: its label and date."""

    label: str
    date: str | None

    @property
    def tag(self) -> str:
        """`@v2 2020-01-02`: how terminal lines name a version."""
        return f"@{self.label}" + (f" {self.date}" if self.date else "")


# --- the series at a glance -------------------------------------------------------------------


@dataclass(frozen=True)
class Brackets:
    """A version's negotiation brackets: open passages, and what happened since the last."""

    open: int = 0
    resolved: int = 0
    dropped: int = 0
    new: int = 0
    options: int = 0


@dataclass(frozen=True)
class VersionRow:
    """One version of a series: its size, the paragraphs new/changed/moved/removed since the
    version before, and its brackets."""

    label: str
    date: str | None
    note: str | None
    paragraphs: int
    words: int
    new: int
    changed: int
    moved: int
    removed: int
    brackets: Brackets

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def summary_lines(rows: Sequence[VersionRow]) -> list[str]:
    """One line per version for `diffdoc history`."""
    width = max(len(r.label) for r in rows) + 1
    return [
        f"@{row.label:<{width}} {row.date or '----------'}  "
        f"{row.paragraphs:>4} ¶ {row.words:>6} words  "
        f"+{row.new} new, {row.changed} changed, {row.moved} moved, "
        f"{row.removed} removed  [{row.brackets.open} open brackets, "
        f"{row.brackets.options} options]"
        for row in rows
    ]


# --- blame ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlamePhrase:
    """A run of a paragraph's words and the version that brought them in."""

    text: str
    version: When


@dataclass(frozen=True)
class BlameRow:
    """A paragraph of a version: who introduced it, who last changed it, where it changed."""

    number: int
    kind: str
    text: str
    introduced: When
    last_changed: When
    changed_in: tuple[str, ...]
    phrases: tuple[BlamePhrase, ...] | None = None  # with --words only

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "kind": self.kind,
            "text": self.text,
            "introduced": asdict(self.introduced),
            "last_changed": asdict(self.last_changed),
            "changed_in": list(self.changed_in),
        }
        if self.phrases is not None:
            data["phrases"] = [{"text": p.text, "label": p.version.label} for p in self.phrases]
        return data


def blame_lines(rows: Sequence[BlameRow], versions: Sequence[When]) -> list[str]:
    """`git blame` by paragraph: number, introducing and last changing version, text."""
    width = max(len(v.tag) for v in versions)
    lines = []
    for row in rows:
        kind = "" if row.kind == "paragraph" else f"[{row.kind}] "
        first, last = row.introduced.tag, row.last_changed.tag
        lines.append(f"{row.number:>4}  {first:<{width}} {last:<{width}} {kind}{short(row.text)}")
        for phrase in row.phrases or ():
            if phrase.text.strip():
                lines.append(
                    f"{'':>4}  {'':<{width}} {phrase.version.tag:<{width}} │ "
                    + short(phrase.text, 200)
                )
    return lines


# --- one paragraph through the versions -------------------------------------------------------


@dataclass(frozen=True)
class HistoryStep:
    """A paragraph in one version: its numbers there, how it got there, its word changes
    from the step before; or (`removed`) the version that dropped it."""

    version: When
    op: str
    paragraphs: tuple[int, ...] = ()
    text: str = ""
    segments: tuple[Segment, ...] = ()
    removed: bool = False

    def to_json(self) -> dict[str, Any]:
        if self.removed:
            return {**asdict(self.version), "op": self.op, "removed": True}
        return {
            **asdict(self.version),
            "paragraphs": list(self.paragraphs),
            "op": self.op,
            "text": self.text,
            "segments": [{"op": s.op, "text": s.text} for s in self.segments],
        }


def history_lines(steps: Sequence[HistoryStep]) -> list[str]:
    """The paragraph in each version, changes marked [-deleted-]{+inserted+}."""
    lines = []
    for step in steps:
        where = step.version.tag
        if step.removed:
            lines.append(f"{where}: removed")
            continue
        numbers = ", ".join(f"¶{n}" for n in step.paragraphs)
        lines.append(f"{where}  {numbers}  ({step.op})")
        marked = "".join(
            s.text
            if s.op == "equal"
            else (f"[-{s.text}-]" if s.op == "delete" else f"{{+{s.text}+}}")
            for s in step.segments
        )
        lines.extend("    " + line for line in marked.split("\n"))
        lines.append("")
    return lines


# --- a phrase through the versions ------------------------------------------------------------


@dataclass(frozen=True)
class TraceHit:
    """One occurrence of a phrase, in context: the words before it, the phrase as written,
    the words after it (keyword in context)."""

    paragraph: int
    before: str
    match: str
    after: str
    more_before: bool = False  # the paragraph goes on before `before` (not in the JSON)
    more_after: bool = False

    @property
    def line(self) -> str:
        """`…words before [phrase] words after…` on one line."""
        before = ("…" if self.more_before else "") + self.before
        after = self.after + ("…" if self.more_after else "")
        return f"{before}[{self.match}]{after}"

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "before": self.before,
            "match": self.match,
            "after": self.after,
        }


@dataclass(frozen=True)
class TraceVersion:
    """How often a phrase occurs in one version, in which paragraphs, and each hit."""

    label: str
    date: str | None
    count: int
    paragraphs: tuple[int, ...]
    hits: tuple[TraceHit, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "date": self.date,
            "count": self.count,
            "paragraphs": list(self.paragraphs),
            "hits": [hit.to_json() for hit in self.hits],
        }


@dataclass(frozen=True)
class PhraseTraceRows:
    """A phrase traced through one document's versions."""

    document: str
    phrase: str
    key: str
    first: str | None
    appeared: tuple[str, ...]
    disappeared: tuple[str, ...]
    versions: tuple[TraceVersion, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "phrase": self.phrase,
            "key": self.key,
            "first": self.first,
            "appeared": list(self.appeared),
            "disappeared": list(self.disappeared),
            "versions": [v.to_json() for v in self.versions],
        }


MAX_HITS_SHOWN = 3  # per version, in the terminal; JSON has them all


def trace_lines(trace: PhraseTraceRows) -> list[str]:
    """Where a phrase occurs in one document's versions, each version's hits in context
    (the first MAX_HITS_SHOWN of them)."""
    if trace.first is None:
        return [f"{trace.document}: not found"]
    head = f"{trace.document}: first in @{trace.first}"
    if trace.disappeared:
        head += "; gone from " + ", ".join(f"@{label}" for label in trace.disappeared)
    if len(trace.appeared) > 1:
        head += "; back in " + ", ".join(f"@{label}" for label in trace.appeared[1:])
    lines = [head]
    width = max(len(v.label) for v in trace.versions) + 1
    for v in trace.versions:
        where = ", ".join(f"¶{n}" for n in v.paragraphs[:12])
        if len(v.paragraphs) > 12:
            where += ", …"
        found = f"{v.count} hit(s): {where}" if v.count else "-"
        lines.append(f"  @{v.label:<{width}} {v.date or '----------'}  {found}")
        for hit in v.hits[:MAX_HITS_SHOWN]:
            lines.append(f"      ¶{hit.paragraph}  {hit.line}")
        if len(v.hits) > MAX_HITS_SHOWN:
            lines.append(f"      … {len(v.hits) - MAX_HITS_SHOWN} more")
    return lines
