"""What `changes` found about a pair of texts, kept beside the comparison cache.

`<corpus>/cache/changes/<old-sha>-<new-sha>-<options>.json` holds the part of a listed pair that
depends only on the two stored texts (their sha256 name them: the normalized text holds the
front matter too): words counted, stats, metadata changes, first changed words, or that the
pair is not listed. A warm run reads these small files instead of loading both texts and the
comparison; the comparison itself stays in `cache/compare/` for the HTML reports. An entry from
another diffdoc version, differ, or version of this stage (a digest of its source) is ignored
and rewritten; deleting the folder only makes the next run slower.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from diffdoc._version import __version__
from diffdoc.corpus import safeio
from diffdoc.drafts.cache import differ_digest, options_name
from diffdoc.errors import CorpusError
from diffdoc.models import CompareOptions

FORMAT = "diffdoc-changes-cache/1"
FOLDER = Path("cache") / "changes"


@functools.cache
def stage_digest() -> str:
    """The differ's digest and this stage's own source: what decides a summary."""
    digest = hashlib.sha256(differ_digest().encode())
    here = Path(__file__).resolve().parent
    for name in ("changes.py", "summaries.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def summary_path(root: Path, old_sha: str, new_sha: str, options: CompareOptions) -> Path:
    """Where the summary of the pair of texts (old_sha, new_sha) is kept."""
    return root / FOLDER / f"{old_sha}-{new_sha}-{options_name(options)}.json"


def load_summary(path: Path, root: Path) -> tuple[bool, dict[str, Any] | None]:
    """(found, the pair's JSON part or None when the pair is not listed)."""
    try:
        safeio.refuse_links(root, path)
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, CorpusError):
        return False, None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("tool") != __version__
        or data.get("stage") != stage_digest()
    ):
        return False, None
    pair = data.get("pair")
    return (True, pair) if pair is None or isinstance(pair, dict) else (False, None)


def store_summary(path: Path, root: Path, pair: dict[str, Any] | None) -> None:
    """Keep the pair's JSON part (None: not listed); a cache that cannot be written is slower."""
    content = {"format": FORMAT, "tool": __version__, "stage": stage_digest(), "pair": pair}
    with contextlib.suppress(OSError, CorpusError):
        safeio.refuse_links(root, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.parent / f".tmp-{path.name}.{secrets.token_hex(4)}"
        try:
            temp.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
