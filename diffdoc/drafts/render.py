"""Blame, paragraph history, phrase traces and bracket counts as data and as terminal text.

Functions named `*_data` return JSON-ready values; `*_lines` return the lines that `diffdoc`
prints. Paragraph numbers count from 1 over every block of a version, as `blame` shows them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from diffdoc.drafts.brackets import BracketCounts, negotiated_blocks
from diffdoc.drafts.lineage import Lineage, Step, paragraph_history
from diffdoc.drafts.trace import PhraseTrace
from diffdoc.drafts.words import Phrase, word_blame
from diffdoc.models import Segment
from diffdoc.normalize import DEFAULT_KEY, KeyConfig
from diffdoc.segment import count_words
from diffdoc.wordiff import diff_words

SHORT = 72


def _short(text: str, width: int = SHORT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _when(lineage: Lineage, version: int) -> dict[str, str | None]:
    v = lineage.versions[version]
    return {"label": v.label, "date": v.date}


def _tag(lineage: Lineage, version: int) -> str:
    v = lineage.versions[version]
    return f"@{v.label}" + (f" {v.date}" if v.date else "")


# --- blame ------------------------------------------------------------------------------------


def blame_data(lineage: Lineage, version: int, *, words: bool = False) -> list[dict[str, Any]]:
    """Each paragraph of `version`: number, kind, text, who introduced and last changed it."""
    phrases = word_blame(lineage, version) if words else None
    document = lineage.versions[version].document
    rows = []
    for index, paragraph in enumerate(lineage.paragraphs[version]):
        block = document.blocks[index]
        row: dict[str, Any] = {
            "number": index + 1,
            "kind": block.kind,
            "text": block.text,
            "introduced": _when(lineage, paragraph.introduced),
            "last_changed": _when(lineage, paragraph.last_changed),
            "changed_in": [lineage.versions[k].label for k in paragraph.changed_in],
        }
        if phrases is not None:
            row["phrases"] = [
                {"text": p.text, "label": lineage.versions[p.version].label} for p in phrases[index]
            ]
        rows.append(row)
    return rows


def blame_lines(lineage: Lineage, version: int, *, words: bool = False) -> list[str]:
    """`git blame` by paragraph: number, introducing and last changing version (label and
    date), text."""
    width = max(len(_tag(lineage, k)) for k in range(len(lineage.versions)))
    phrases = word_blame(lineage, version) if words else None
    document = lineage.versions[version].document
    lines = []
    for index, paragraph in enumerate(lineage.paragraphs[version]):
        block = document.blocks[index]
        first = _tag(lineage, paragraph.introduced)
        last = _tag(lineage, paragraph.last_changed)
        kind = "" if block.kind == "paragraph" else f"[{block.kind}] "
        lines.append(f"{index + 1:>4}  {first:<{width}} {last:<{width}} {kind}{_short(block.text)}")
        if phrases is not None:
            lines.extend(_phrase_lines(lineage, phrases[index], width))
    return lines


def _phrase_lines(lineage: Lineage, phrases: list[Phrase], width: int) -> list[str]:
    return [
        f"{'':>4}  {'':<{width}} {_tag(lineage, p.version):<{width}} │ " + _short(p.text, 200)
        for p in phrases
        if p.text.strip()
    ]


# --- history of one paragraph -----------------------------------------------------------------


def step_segments(previous: Step | None, step: Step, config: KeyConfig) -> tuple[Segment, ...]:
    """The word-level changes from one step of a paragraph's history to the next."""
    if previous is None:
        return (Segment("equal", step.text),)
    if previous.text == step.text:
        return (Segment("equal", step.text),)
    return diff_words(previous.text, step.text, config).segments


def history_data(
    lineage: Lineage, version: int, index: int, config: KeyConfig = DEFAULT_KEY
) -> list[dict[str, Any]]:
    """A paragraph's wording in every version, with the word changes from the step before."""
    steps = paragraph_history(lineage, version, index)
    out: list[dict[str, Any]] = []
    previous: Step | None = None
    for step in steps:
        out.append(
            {
                **_when(lineage, step.version),
                "paragraphs": [i + 1 for i in step.indices],
                "op": lineage.paragraphs[step.version][step.indices[0]].op,
                "text": step.text,
                "segments": [
                    {"op": s.op, "text": s.text} for s in step_segments(previous, step, config)
                ],
            }
        )
        previous = step
    last = steps[-1]
    after = lineage.paragraphs[last.version][last.indices[-1]].next_op
    if after == "delete":
        out.append({**_when(lineage, last.version + 1), "op": "delete", "removed": True})
    return out


def history_lines(
    lineage: Lineage, version: int, index: int, config: KeyConfig = DEFAULT_KEY
) -> list[str]:
    """The paragraph in each version, changes marked [-deleted-]{+inserted+}."""
    lines = []
    for entry in history_data(lineage, version, index, config):
        where = f"@{entry['label']}" + (f" {entry['date']}" if entry["date"] else "")
        if entry.get("removed"):
            lines.append(f"{where}: removed")
            continue
        numbers = ", ".join(f"¶{n}" for n in entry["paragraphs"])
        lines.append(f"{where}  {numbers}  ({entry['op']})")
        marked = "".join(
            s["text"]
            if s["op"] == "equal"
            else (f"[-{s['text']}-]" if s["op"] == "delete" else f"{{+{s['text']}+}}")
            for s in entry["segments"]
        )
        lines.extend("    " + line for line in marked.split("\n"))
        lines.append("")
    return lines


# --- the series at a glance -------------------------------------------------------------------


def version_rows(lineage: Lineage, brackets: list[BracketCounts]) -> list[dict[str, Any]]:
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
            {
                **_when(lineage, k),
                "note": version.note,
                "paragraphs": len(texts),
                "words": sum(words[t] for t in negotiated),
                **counts,
                "brackets": asdict(brackets[k]),
            }
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


def summary_lines(rows: list[dict[str, Any]]) -> list[str]:
    """One line per version for `diffdoc history DOC`."""
    width = max(len(r["label"]) for r in rows) + 1
    lines = []
    for row in rows:
        b = row["brackets"]
        lines.append(
            f"@{row['label']:<{width}} {row['date'] or '----------'}  "
            f"{row['paragraphs']:>4} ¶ {row['words']:>6} words  "
            f"+{row['new']} new, {row['changed']} changed, {row['moved']} moved, "
            f"{row['removed']} removed  [{b['open']} open brackets, {b['options']} options]"
        )
    return lines


# --- brackets and traces ----------------------------------------------------------------------


def bracket_text(counts: BracketCounts) -> str:
    """The bracket columns of `log --brackets`."""
    return (
        f"[{counts.open} open, {counts.new} new, {counts.resolved} resolved, "
        f"{counts.dropped} dropped; {counts.options} options]"
    )


def trace_data(trace: PhraseTrace, labels: list[str], dates: list[str | None]) -> dict[str, Any]:
    """A phrase trace with version labels, for JSON."""

    def name(k: int | None) -> str | None:
        return None if k is None else labels[k]

    return {
        "phrase": trace.phrase,
        "key": trace.key,
        "first": name(trace.first),
        "appeared": [labels[k] for k in trace.appeared],
        "disappeared": [labels[k] for k in trace.disappeared],
        "versions": [
            {
                "label": labels[h.version],
                "date": dates[h.version],
                "count": h.count,
                "paragraphs": [i + 1 for i in h.paragraphs],
            }
            for h in trace.hits
        ],
    }


def trace_lines(doc_id: str, data: dict[str, Any]) -> list[str]:
    """Where a phrase occurs in one document's versions."""
    if data["first"] is None:
        return [f"{doc_id}: not found"]
    head = f"{doc_id}: first in @{data['first']}"
    if data["disappeared"]:
        head += "; gone from " + ", ".join(f"@{label}" for label in data["disappeared"])
    if len(data["appeared"]) > 1:
        head += "; back in " + ", ".join(f"@{label}" for label in data["appeared"][1:])
    lines = [head]
    width = max(len(v["label"]) for v in data["versions"]) + 1
    for v in data["versions"]:
        where = ", ".join(f"¶{n}" for n in v["paragraphs"][:12])
        if len(v["paragraphs"]) > 12:
            where += ", …"
        found = f"{v['count']} hit(s): {where}" if v["count"] else "-"
        lines.append(f"  @{v['label']:<{width}} {v['date'] or '----------'}  {found}")
    return lines
