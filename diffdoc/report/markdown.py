"""Markdown report: the new text with every change in CriticMarkup.

`{--deleted--}`, `{++inserted++}`, `{~~old~>new~~}`, and `{>>comments<<}` saying where moved,
split and merged paragraphs came from (1-based paragraph numbers). Cosmetic differences
(typography only, unless --strict) appear as the new text.

Document text is escaped so that a CommonMark renderer shows it as written and only the
report's own markup is markup. A backslash goes before each backslash, backtick, `*`, `_`,
square bracket, brace, `<`, `~` and `&` (so `[shall]` never reads as a link); before the second
character of anything that would read as a CriticMarkup delimiter (`{++` comes out as
backslash-brace, backslash-plus, plus), so that even a processor ignoring backslashes finds
none; and before what would start a heading, quote, list or setext line at the beginning of a
paragraph (`#`, `>`, `-`, `+`, `=`, the `.` or `)` of `1.`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from diffdoc.models import Block, BlockChange, Comparison, changes
from diffdoc.report.text import label, metadata_lines, paragraph_range, summary

_INLINE = re.compile(r"[\\`*_\[\]{}<~&]")
# CriticMarkup delimiters need more than the escaped brace: a processor that ignores
# backslashes must not find `{++`, `--}`, `~>` or `{>>` either, so their second character is
# escaped too (`\\{\\++`).
_CRITIC = re.compile(r"(?<=[{~])[>+=-]|[+=-](?=})")
# At the start of a line: the character that would make it a heading, quote, list item,
# setext underline or ordered list item (group 1; for `12.` the `.`).
_LINE_START = re.compile(r"(?m)^[ \t]*(?:([#>+=-])|\d{1,9}([.)]))")


def escape_positions(text: str) -> list[int]:
    """Sorted offsets in `text` of the characters that need a backslash in Markdown."""
    marks = {m.start() for m in _INLINE.finditer(text)}
    marks.update(m.start() for m in _CRITIC.finditer(text))
    for m in _LINE_START.finditer(text):
        group = 1 if m.group(1) else 2
        marks.add(m.start(group))
    return sorted(marks)


def escape(text: str) -> str:
    """`text` escaped so that CommonMark (and CriticMarkup) shows it literally."""
    return _Escaped(text).slice(0, len(text))


class _Escaped:
    """One side of a block with its escape positions; slices come out escaped. Positions are
    found on the whole text, so a pattern cut by a change boundary (`1` | `.`) is still seen."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks = escape_positions(text)

    def slice(self, start: int, end: int) -> str:
        out = []
        position = start
        for mark in self.marks[bisect_left(self.marks, start) : bisect_left(self.marks, end)]:
            out += [self.text[position:mark], "\\"]
            position = mark
        out.append(self.text[position:end])
        return "".join(out)


def _critic(block: BlockChange, run_in: int = 0) -> str:
    """The block in CriticMarkup; `run_in` characters of the new text in bold (a run-in head),
    when they lie in unchanged text at its start."""
    old_side, new_side = _Escaped(block.old_text), _Escaped(block.new_text)
    o = n = 0
    out = []
    for piece in changes(block.segments):
        old = old_side.slice(o, o + len(piece.old))
        new = new_side.slice(n, n + len(piece.new))
        if n == 0 and 0 < run_in < len(piece.new) and piece.kind in ("equal", "cosmetic"):
            new = f"**{new_side.slice(0, run_in)}**{new_side.slice(run_in, len(piece.new))}"
        o += len(piece.old)
        n += len(piece.new)
        if piece.kind in ("equal", "cosmetic"):
            out.append(new)
        elif old and new:
            out.append(f"{{~~{old}~>{new}~~}}")
        elif old:
            out.append(f"{{--{old}--}}")
        else:
            out.append(f"{{++{new}++}}")
    return "".join(out)


def _note(block: BlockChange) -> str:
    if block.op == "move":
        return f"{{>>moved from old {paragraph_range(block.old)}<<}} "
    if block.op == "split":
        return f"{{>>old {paragraph_range(block.old)} split in {len(block.new)}<<}} "
    if block.op == "merge":
        return f"{{>>old {paragraph_range(block.old)} merged<<}} "
    return ""


# The report's own title is `#`: the document's title and headings come one level under their
# level in the source (`#` -> `##`, `##` -> `###`, down to `######`); a heading whose level the
# source did not mark (a plain-text "Article 5") is `###`, a title `##`.
DEFAULT_LEVELS = {"title": 1, "heading": 2}
# A line of ornaments alone (`###`, `* * *`, `---`) between parts of a statement.
_ORNAMENT = re.compile(r"[#*_=~\-–—\s]+")


def _first(block: BlockChange, comparison: Comparison) -> Block | None:
    """The block's first paragraph (of the new text; of the old for a deletion)."""
    if block.new:
        return comparison.new.blocks[block.new[0]]
    return comparison.old.blocks[block.old[0]] if block.old else None


def heading_mark(first: Block) -> str:
    """`## ` .. `###### `: the Markdown heading for a title or heading block."""
    level = first.level or DEFAULT_LEVELS[first.kind]
    return "#" * min(6, level + 1) + " "


def _block(block: BlockChange, comparison: Comparison) -> str:
    """One block as Markdown that reads like the document: titles and headings as headings,
    list items as list items, a bold run-in head in bold, an unchanged separator line (`###`,
    kept apart from the text as a note) as a thematic break rather than an escaped `\\###`."""
    first = _first(block, comparison)
    kind = first.kind if first is not None else "paragraph"
    ornament = _ORNAMENT.fullmatch(block.new_text) and block.new_text.strip()
    if kind == "note" and block.op == "equal" and ornament:  # a separator, not wording
        return "* * *"
    run_in = (first.run_in or 0) if first is not None and block.new else 0
    text = _note(block) + _critic(block, run_in)
    if first is not None and kind in DEFAULT_LEVELS and "\n" not in text:
        return heading_mark(first) + text
    if kind == "list_item":
        return "- " + text.replace("\n\n", "\n\n- ")
    return text


def render(comparison: Comparison, **options: Any) -> str:
    """The comparison as Markdown with CriticMarkup, one paragraph per block side."""
    old, new = escape(label(comparison.old)), escape(label(comparison.new))
    lines = [f"# Comparison of {old} and {new}", "", f"*{summary(comparison)}*", ""]
    metadata = metadata_lines(comparison)
    if metadata:
        lines += [f"- {escape(line)}" for line in metadata] + [""]
    for block in comparison.blocks:
        lines.append(_block(block, comparison))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
