"""Reuse reports as JSON (`diffdoc-reuse/1`, `diffdoc-reuse-families/1`) and plain text.

Offsets are characters of the paragraph text as written (the `paragraphs` of the document),
`end` exclusive, so `paragraphs[p][start:end]` is the passage. Documented in the README.
"""

from __future__ import annotations

import json
from typing import Any

from diffdoc.reuse.families import Family
from diffdoc.reuse.query import ReuseResult

FORMAT = "diffdoc-reuse/1"
FAMILIES_FORMAT = "diffdoc-reuse-families/1"


def reuse_dict(result: ReuseResult) -> dict[str, Any]:
    """The `diffdoc-reuse/1` object."""
    return {
        "format": FORMAT,
        "document": {"ref": result.version.ref, "paragraphs": list(result.paragraphs)},
        "passages": [
            {
                "paragraph": p.paragraph,
                "start": p.start,
                "end": p.end,
                "words": p.words,
                "sources": [
                    {
                        "ref": s.version.ref,
                        "date": s.version.date,
                        "paragraph": s.paragraph,
                        "start": s.start,
                        "end": s.end,
                        "words": s.words,
                        "similarity": s.similarity,
                    }
                    for s in p.sources
                ],
            }
            for p in result.passages
        ],
    }


def reuse_json(result: ReuseResult) -> str:
    return json.dumps(reuse_dict(result), ensure_ascii=False, indent=1) + "\n"


def reuse_text(result: ReuseResult) -> str:
    """For people: each passage quoted, then its sources, earliest first."""
    if not result.passages:
        return f"{result.version.ref}: no passage found in other documents\n"
    lines = [f"{result.version.ref}: {len(result.passages)} reused passage(s)", ""]
    for passage in result.passages:
        text = result.paragraphs[passage.paragraph][passage.start : passage.end]
        lines.append(f"¶{passage.paragraph + 1}, {passage.words} words: {text}")
        for source in passage.sources:
            date = f" ({source.version.date})" if source.version.date else ""
            lines.append(
                f"    {source.version.ref}{date} ¶{source.paragraph + 1}, "
                f"similarity {source.similarity:.2f}"
            )
        lines.append("")
    return "\n".join(lines)


def families_dict(families: list[Family], engine: dict[str, Any]) -> dict[str, Any]:
    """The `diffdoc-reuse-families/1` object (`engine` says what ran it; nothing else does)."""
    return {
        "format": FAMILIES_FORMAT,
        "families": [
            {
                "text": f.text,
                "words": f.words,
                "documents": len({o.version.doc_id for o in f.occurrences}),
                "occurrences": [
                    {
                        "ref": o.version.ref,
                        "date": o.version.date,
                        "paragraph": o.paragraph,
                        "start": o.start,
                        "end": o.end,
                        "words": o.words,
                    }
                    for o in f.occurrences
                ],
            }
            for f in families
        ],
        "engine": engine,
    }


def families_json(families: list[Family], engine: dict[str, Any]) -> str:
    return json.dumps(families_dict(families, engine), ensure_ascii=False, indent=1) + "\n"
