"""The JSON contract, `diffdoc-comparison/1` (documented in the README).

One block per line keeps the output diffable and lets a large comparison be written without
building one giant nested structure first.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from diffdoc.models import BLOCK_OPS, Comparison, Document

FORMAT = "diffdoc-comparison/1"


def _side(document: Document) -> dict[str, Any]:
    source = document.source
    return {
        "label": source.label if source else document.title,
        "sha256": source.sha256 if source else None,
        "paragraphs": document.texts,
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The contract as plain Python data (what `render` writes, minus the layout)."""
    stats = asdict(comparison.stats)
    return {
        "format": FORMAT,
        "old": _side(comparison.old),
        "new": _side(comparison.new),
        "options": asdict(comparison.options),
        "stats": {name: stats[name] for name in (*BLOCK_OPS, "words_inserted", "words_deleted")},
        "blocks": [
            {
                "op": block.op,
                "old": list(block.old),
                "new": list(block.new),
                "segments": [{"op": s.op, "text": s.text} for s in block.segments],
            }
            for block in comparison.blocks
        ],
    }


def render(comparison: Comparison, **options: Any) -> str:
    """The comparison as `diffdoc-comparison/1` JSON, one block per line."""
    data = to_dict(comparison)
    blocks = data.pop("blocks")
    head = ",\n".join(f" {_dumps(name)}: {_dumps(value)}" for name, value in data.items())
    body = ",\n".join(f"  {_dumps(block)}" for block in blocks)
    return "{\n" + head + ',\n "blocks": [\n' + body + ("\n" if body else "") + " ]\n}\n"
