"""The floor for speed: the least any Python tool with diffdoc's JSON contract must do.

Reads both files, splits paragraphs at blank lines, and writes diffdoc-comparison/1 JSON with
every paragraph `equal` (no normalization, no alignment, no word diff).
Usage: python benchmarks/floor.py OLD NEW > out.json
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def side(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    text = data.decode("utf-8")
    paragraphs = [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]
    return {
        "label": path.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "paragraphs": paragraphs,
    }


def main(old_path: str, new_path: str) -> None:
    old, new = side(Path(old_path)), side(Path(new_path))
    dumps = json.dumps
    head = {
        "format": "diffdoc-comparison/1",
        "old": old,
        "new": new,
        "options": {"strict": False, "ignore_case": False, "ignore_punctuation": False},
        "stats": {"equal": len(new["paragraphs"])},
    }
    out = [",\n".join(f" {dumps(k)}: {dumps(v, ensure_ascii=False)}" for k, v in head.items())]
    blocks = (
        dumps(
            {"op": "equal", "old": [i], "new": [i], "segments": [{"op": "equal", "text": text}]},
            ensure_ascii=False,
        )
        for i, text in enumerate(new["paragraphs"])
    )
    sys.stdout.write("{\n" + out[0] + ',\n "blocks": [\n  ' + ",\n  ".join(blocks) + "\n ]\n}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
