"""Terminal report: changed blocks with `[-deleted-]{+inserted+}` markers, colour on request.

Paragraph numbers are 1-based here, for people (the JSON contract counts from 0). Unchanged
paragraphs are summarised in one line per run; cosmetic differences (typography only, unless
--strict) are shown as the new text, without markers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diffdoc.models import BlockChange, Comparison, Document
from diffdoc.normalize import KeyConfig
from diffdoc.wordiff import changes

RED, GREEN, CYAN, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m"
CONTEXT = 150  # characters of unchanged text kept on each side of a change in long paragraphs

OP_NAMES = {
    "modify": "modified",
    "insert": "inserted",
    "delete": "deleted",
    "move": "moved",
    "split": "split",
    "merge": "merged",
}


def label(document: Document) -> str:
    """How a report names a document: its source label, else its title."""
    return document.source.label if document.source else document.title


def paragraph_range(indices: Sequence[int]) -> str:
    """1-based paragraph numbers for people: `¶ 3` or `¶ 3–5`."""
    if not indices:
        return "—"
    first, last = indices[0] + 1, indices[-1] + 1
    return f"¶ {first}" if first == last else f"¶ {first}–{last}"


def summary(comparison: Comparison) -> str:
    """One line of counts: blocks by op and words inserted and deleted."""
    stats = comparison.stats
    parts = [f"{getattr(stats, op)} {name}" for op, name in OP_NAMES.items() if getattr(stats, op)]
    if not parts:
        return f"no wording differences ({stats.equal} paragraphs equal)"
    words = f"+{stats.words_inserted} −{stats.words_deleted} words"
    return f"{', '.join(parts)}; {stats.equal} equal; {words}"


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.color and text else text


def _trim(text: str, first: bool, last: bool) -> str:
    """Shorten unchanged text far from any change, cutting at spaces; keep the ends next to
    changes (`first`/`last`: nothing precedes/follows this text in the block)."""
    if len(text) <= 2 * CONTEXT + 20:
        return text
    head = "" if first else text[:CONTEXT].rsplit(" ", 1)[0] + " "
    tail = "" if last else " " + text[-CONTEXT:].split(" ", 1)[-1]
    return f"{head}[…]{tail}"


def _body(block: BlockChange, config: KeyConfig, paint: _Paint) -> str:
    pieces = list(changes(block.segments, config))
    out = []
    for position, piece in enumerate(pieces):
        if piece.kind == "equal":
            out.append(_trim(piece.old, position == 0, position == len(pieces) - 1))
        elif piece.kind == "cosmetic":
            out.append(piece.new)
        else:
            if piece.old:
                out.append(paint(f"[-{piece.old}-]", RED))
            if piece.new:
                out.append(paint(f"{{+{piece.new}+}}", GREEN))
    return "".join(out)


def _heading(block: BlockChange, comparison: Comparison, paint: _Paint) -> str:
    where = f"old {paragraph_range(block.old)} → new {paragraph_range(block.new)}"
    side, indices = (comparison.new, block.new) if block.new else (comparison.old, block.old)
    section = side.blocks[indices[0]].section if indices else None
    title = f"@@ {OP_NAMES[block.op]}: {where}" + (f" (section {section})" if section else "")
    return paint(title, CYAN)


def render(comparison: Comparison, **options: Any) -> str:
    """The comparison for a terminal; `color=True` adds ANSI colours to the markers."""
    paint = _Paint(bool(options.get("color", False)))
    config = KeyConfig.from_options(comparison.options)
    lines = [
        paint(f"--- {label(comparison.old)}", RED),
        paint(f"+++ {label(comparison.new)}", GREEN),
        paint(summary(comparison), BOLD),
        "",
    ]
    unchanged: list[BlockChange] = []

    def flush() -> None:
        if unchanged:
            new = [j for block in unchanged for j in block.new]
            count = len(new)
            noun = "paragraph" if count == 1 else "paragraphs"
            lines.append(f"   {count} unchanged {noun} (new {paragraph_range(new)})")
            lines.append("")
            unchanged.clear()

    for block in comparison.blocks:
        if block.op == "equal":
            unchanged.append(block)
            continue
        flush()
        lines.append(_heading(block, comparison, paint))
        lines.append(_body(block, config, paint))
        lines.append("")
    flush()
    return "\n".join(lines).rstrip("\n") + "\n"
