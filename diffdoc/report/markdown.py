"""Markdown report: the new text with every change in CriticMarkup.

`{--deleted--}`, `{++inserted++}`, `{~~old~>new~~}`, and `{>>comments<<}` saying where moved,
split and merged paragraphs came from (1-based paragraph numbers). Cosmetic differences
(typography only, unless --strict) appear as the new text. Square brackets (negotiation
brackets in drafts) are escaped, `\\[shall\\]`, so that they render as written and never as
link syntax.
"""

from __future__ import annotations

from typing import Any

from diffdoc.models import BlockChange, Comparison
from diffdoc.normalize import KeyConfig
from diffdoc.report.text import label, paragraph_range, summary
from diffdoc.wordiff import changes


def escape_brackets(text: str) -> str:
    """`text` with every square bracket escaped for Markdown."""
    if "[" not in text and "]" not in text:
        return text
    return text.replace("[", "\\[").replace("]", "\\]")


def _critic(block: BlockChange, config: KeyConfig) -> str:
    out = []
    for piece in changes(block.segments, config):
        old, new = escape_brackets(piece.old), escape_brackets(piece.new)
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


def render(comparison: Comparison, **options: Any) -> str:
    """The comparison as Markdown with CriticMarkup, one paragraph per block side."""
    config = KeyConfig.from_options(comparison.options)
    lines = [
        f"# Comparison of {label(comparison.old)} and {label(comparison.new)}",
        "",
        f"*{summary(comparison)}*",
        "",
    ]
    for block in comparison.blocks:
        lines.append(_note(block) + _critic(block, config))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
