"""Terminal report: changed blocks with `[-deleted-]{+inserted+}` markers, colour on request.

Paragraph numbers are 1-based here, for people (the JSON contract counts from 0). Unchanged
paragraphs are summarised in one line per run; cosmetic differences (typography only, unless
--strict) are shown as the new text, without markers. With colour on, bracketed (not yet
agreed) passages of negotiating texts are underlined; without it the brackets show themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from diffdoc.brackets import outer_spans
from diffdoc.models import BlockChange, Change, Comparison, Document, changes

RED, GREEN, CYAN, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m"
UNDERLINE, NO_UNDERLINE = "\x1b[4m", "\x1b[24m"  # leave the colour around them alone
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


def metadata_lines(comparison: Comparison) -> list[str]:
    """One line per metadata key that differs: `metadata modified_time: 2024-03-01 → 2024-03-04`."""
    return [
        f"metadata {change.key}: {_value(change.old)} → {_value(change.new)}"
        for change in comparison.metadata_changes
    ]


def _value(value: str | None) -> str:
    return "(none)" if value is None else " ".join(value.split()) or '""'


def summary(comparison: Comparison) -> str:
    """One line of counts: blocks by op, words inserted and deleted, and punctuation marks
    changed where no word changed with them."""
    stats = comparison.stats
    parts = [f"{getattr(stats, op)} {name}" for op, name in OP_NAMES.items() if getattr(stats, op)]
    if not parts:
        noun = "paragraph" if stats.equal == 1 else "paragraphs"
        return f"no wording differences ({stats.equal} {noun} equal)"
    words = f"+{stats.words_inserted} −{stats.words_deleted} words"
    marks = stats.punctuation_changed
    if marks:
        words += f"; {marks} punctuation mark{'s' if marks > 1 else ''} changed"
    return f"{', '.join(parts)}; {stats.equal} equal; {words}"


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.color and text else text


# The report's markers. In document text a backslash goes before any character that would
# otherwise make one of them (given what stands next to it in the report), and before a
# backslash that stands before one of MARKER_CHARS, so `\\x` always reads as a literal x.
MARKERS = frozenset({"[-", "-]", "{+", "+}"})
MARKER_CHARS = frozenset("[]{}+-\\")
_MARKER_START = re.compile(r"(?=\[-|-\]|\{\+|\+\})|\\(?=[\[\]{}+\-\\])")


def escape_markers(text: str, before: str = "", after: str = "") -> str:
    """`text` with a backslash before what would read as a marker; `before` and `after` are
    the report's characters around it (`-` inside `[-...-]`)."""
    side = _Side(text, _Paint(False))
    return side.show(0, len(text), before, after)


class _Side:
    """One side of a block, able to show a stretch of it escaped, with bracketed passages
    underlined."""

    def __init__(self, text: str, paint: _Paint) -> None:
        self.text = text
        self.spans = outer_spans(text) if paint.color else []
        self.marks = [m.start() for m in _MARKER_START.finditer(text)]

    def _escapes(self, start: int, end: int, before: str, after: str) -> list[int]:
        marks = set(self.marks[bisect_left(self.marks, start) : bisect_left(self.marks, end)])
        if start < end and before + self.text[start] in MARKERS:
            marks.add(start)
        last = self.text[end - 1] if start < end else ""
        if after and (last + after in MARKERS or (last == "\\" and after in MARKER_CHARS)):
            marks.add(end - 1)
        return sorted(marks)

    def show(self, start: int, end: int, before: str = "", after: str = "") -> str:
        """text[start:end] escaped, between the report's characters `before` and `after`."""
        inserts: list[tuple[int, str]] = []
        for a, b in self.spans:
            a, b = max(a, start), min(b, end)
            if a < b:
                inserts += [(a, UNDERLINE), (b, NO_UNDERLINE)]
        inserts += [(mark, "\\") for mark in self._escapes(start, end, before, after)]
        inserts.sort(key=lambda insert: insert[0])  # stable: codes before the backslash
        out = []
        position = start
        for at, code in inserts:
            out += [self.text[position:at], code]
            position = at
        out.append(self.text[position:end])
        return "".join(out)


def _trim(side: _Side, start: int, end: int, first: bool, last: bool, after: str) -> str:
    """Shorten unchanged text far from any change, cutting at spaces; keep the ends next to
    changes (`first`/`last`: nothing precedes/follows this text in the block)."""
    text = side.text[start:end]
    if len(text) <= 2 * CONTEXT + 20:
        return side.show(start, end, after=after)
    head = "" if first else side.show(start, start + len(text[:CONTEXT].rsplit(" ", 1)[0])) + " "
    kept = len(text[-CONTEXT:].split(" ", 1)[-1])
    tail = "" if last else " " + side.show(end - kept, end, after=after)
    return f"{head}[…]{tail}"


def _next_marker(pieces: Sequence[Change], position: int) -> str:
    """The report's character right after piece `position` when it is shown unmarked."""
    if position + 1 >= len(pieces) or pieces[position + 1].kind != "change":
        return ""
    return "[" if pieces[position + 1].old else "{"


def _body(block: BlockChange, paint: _Paint) -> str:
    pieces = list(changes(block.segments))
    old, new = _Side(block.old_text, paint), _Side(block.new_text, paint)
    o = n = 0
    out = []
    for position, piece in enumerate(pieces):
        after = _next_marker(pieces, position)
        if piece.kind == "equal":
            end = n + len(piece.new)
            last = position == len(pieces) - 1
            out.append(_trim(new, n, end, position == 0, last, after))
        elif piece.kind == "cosmetic":
            out.append(new.show(n, n + len(piece.new), after=after))
        else:
            if piece.old:
                out.append(paint(f"[-{old.show(o, o + len(piece.old), '-', '-')}-]", RED))
            if piece.new:
                out.append(paint(f"{{+{new.show(n, n + len(piece.new), '+', '+')}+}}", GREEN))
        o += len(piece.old)
        n += len(piece.new)
    return "".join(out)


def _heading(block: BlockChange, comparison: Comparison, paint: _Paint) -> str:
    where = f"old {paragraph_range(block.old)} → new {paragraph_range(block.new)}"
    side, indices = (comparison.new, block.new) if block.new else (comparison.old, block.old)
    section = side.blocks[indices[0]].section if indices else None
    title = f"@@ {OP_NAMES[block.op]}: {where}" + (f" (section {section})" if section else "")
    return paint(title, CYAN)


def render(comparison: Comparison, **options: Any) -> str:
    """The comparison for a terminal; `color=True` adds ANSI colours to the markers,
    `context=N` prints N unchanged paragraphs before and after each change (default none),
    `stat=True` prints the summary alone (see `stat`)."""
    paint = _Paint(bool(options.get("color", False)))
    lines = [
        paint(f"--- {label(comparison.old)}", RED),
        paint(f"+++ {label(comparison.new)}", GREEN),
        paint(summary(comparison), BOLD),
        *metadata_lines(comparison),
    ]
    if options.get("stat"):
        return "\n".join([*lines, *stat_lines(comparison)]) + "\n"
    lines.append("")
    context = max(0, int(options.get("context") or 0))
    blocks = comparison.blocks
    run: list[BlockChange] = []

    def flush(at_start: bool, at_end: bool) -> None:
        before = 0 if at_start else min(context, len(run))  # shown after the previous change
        after = 0 if at_end else min(context, len(run) - before)  # before the next one
        middle = run[before : len(run) - after]
        for block in run[:before]:
            lines.append(_unchanged(block, comparison))
        if middle:
            new = [j for block in middle for j in block.new]
            noun = "paragraph" if len(new) == 1 else "paragraphs"
            lines.append(f"   {len(new)} unchanged {noun} (new {paragraph_range(new)})")
        for block in run[len(run) - after :]:
            lines.append(_unchanged(block, comparison))
        if run:
            lines.append("")
        run.clear()

    seen_change = False
    for block in blocks:
        if block.op == "equal":
            run.append(block)
            continue
        flush(at_start=not seen_change, at_end=False)
        seen_change = True
        lines.append(_heading(block, comparison, paint))
        lines.append(_body(block, paint))
        lines.append("")
    flush(at_start=not seen_change, at_end=True)
    return "\n".join(lines).rstrip("\n") + "\n"


def _unchanged(block: BlockChange, comparison: Comparison) -> str:
    """An unchanged paragraph printed as context: `  ¶ 3  text` (new numbering)."""
    return f"  {paragraph_range(block.new)}  {escape_markers(block.new_text)}"


def stat_lines(comparison: Comparison) -> list[str]:
    """One line per section with changes: `section II: 2 modified, 1 inserted` (in reading
    order; `opening` for the text before the first heading)."""
    counts: dict[str, dict[str, int]] = {}
    for block in comparison.blocks:
        if block.op == "equal":
            continue
        side, indices = (comparison.new, block.new) if block.new else (comparison.old, block.old)
        section = side.blocks[indices[0]].section if indices else None
        name = f"section {section}" if section else "opening"
        by_op = counts.setdefault(name, {})
        by_op[block.op] = by_op.get(block.op, 0) + 1
    return [
        f"{name}: "
        + ", ".join(f"{by_op[op]} {title}" for op, title in OP_NAMES.items() if op in by_op)
        for name, by_op in counts.items()
    ]
