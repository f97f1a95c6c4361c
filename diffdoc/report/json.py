"""The JSON contract, `diffdoc-comparison/1` (documented in the README).

One block per line keeps the output diffable and lets a large comparison be written without
building one giant nested structure first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from diffdoc.brackets import outer_spans
from diffdoc.models import BLOCK_OPS, BlockChange, Comparison, Document

FORMAT = "diffdoc-comparison/1"


def _side(document: Document) -> dict[str, Any]:
    source = document.source
    return {
        "label": source.label if source else document.title,
        "sha256": source.sha256 if source else None,
        "paragraphs": document.texts,
    }


_dumps = json.JSONEncoder(ensure_ascii=False).encode
_string: Callable[[str], str] = json.encoder.encode_basestring


def to_dict_head(comparison: Comparison) -> dict[str, Any]:
    """Every field of the contract but `blocks`."""
    stats = asdict(comparison.stats)
    head: dict[str, Any] = {
        "format": FORMAT,
        "old": _side(comparison.old),
        "new": _side(comparison.new),
        "options": asdict(comparison.options),
        "stats": {name: stats[name] for name in (*BLOCK_OPS, "words_inserted", "words_deleted")},
    }
    changed = comparison.metadata_changes
    if changed:  # optional within diffdoc-comparison/1: absent when the metadata agree
        head["metadata_changes"] = [asdict(change) for change in changed]
    return head


def brackets(block: BlockChange, new_texts: list[str]) -> list[list[int]]:
    """The optional `brackets` field: [new paragraph, start, end] of each outermost bracketed
    passage of the block's new paragraphs (offsets in that paragraph, brackets included)."""
    return [[j, start, end] for j in block.new for start, end in outer_spans(new_texts[j])]


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The contract as plain Python data (what `render` writes, minus the layout)."""
    texts = comparison.new.texts
    blocks = []
    for block in comparison.blocks:
        data: dict[str, Any] = {
            "op": block.op,
            "old": list(block.old),
            "new": list(block.new),
            "segments": [{"op": s.op, "text": s.text} for s in block.segments],
        }
        spans = brackets(block, texts)
        if spans:
            data["brackets"] = spans
        blocks.append(data)
    return {**to_dict_head(comparison), "blocks": blocks}


def _block_line(block: BlockChange, new_texts: list[str]) -> str:
    if len(block.segments) == 1:  # most blocks: one equal, inserted or deleted run
        only = block.segments[0]
        segments = f'{{"op": "{only.op}", "text": {_string(only.text)}}}'
    else:
        segments = ", ".join(
            [f'{{"op": "{s.op}", "text": {_string(s.text)}}}' for s in block.segments]
        )
    spans = brackets(block, new_texts)
    extra = f', "brackets": {_dumps(spans)}' if spans else ""
    return (
        f'  {{"op": "{block.op}", "old": {_indices(block.old)}, "new": {_indices(block.new)}, '
        f'"segments": [{segments}]{extra}}}'
    )


def _indices(indices: tuple[int, ...]) -> str:
    """A JSON list of paragraph indices, as `str(list(indices))` writes it."""
    return f"[{indices[0]}]" if len(indices) == 1 else str(list(indices))


def render(comparison: Comparison, **options: Any) -> str:
    """The comparison as `diffdoc-comparison/1` JSON, one block per line.

    Written by hand around the C string encoder: a 14 MB comparison has tens of thousands
    of blocks, and this is several times faster than dumping nested dictionaries.
    """
    # One flat list of pieces and a single join: the texts are tens of megabytes, and every
    # intermediate string would copy them again.
    parts = ["{\n"]
    for name, value in to_dict_head(comparison).items():
        parts += [" ", _dumps(name), ": ", _dumps(value), ",\n"]
    parts.append(' "blocks": [\n')
    texts = comparison.new.texts
    for block in comparison.blocks:
        parts += [_block_line(block, texts), ",\n"]
    if comparison.blocks:
        parts[-1] = "\n ]\n}\n"
    else:
        parts.append(" ]\n}\n")
    return "".join(parts)
