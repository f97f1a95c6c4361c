"""A disposable cache of comparisons, named by the content hashes of the two texts.

`<corpus>/cache/compare/<old-sha>-<new-sha>-<options>.json` holds the aligned blocks and word
segments of one comparison. A file that is missing, unreadable, from another diffdoc version or
another differ (a digest of the comparing modules' source), or that does not rebuild both texts
is simply recomputed and rewritten; deleting the folder only makes the next `blame` or
`history` slower.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from diffdoc._version import __version__
from diffdoc.corpus import safeio
from diffdoc.errors import CorpusError
from diffdoc.models import (
    BLOCK_OPS,
    PARAGRAPH_SEPARATOR,
    BlockChange,
    CompareOptions,
    Comparison,
    Document,
    Segment,
    Stats,
)

# /2: segments carry their cosmetic flag ([op, text, 1]), stats the punctuation count.
CACHE_FORMAT = "diffdoc-compare-cache/2"
# The comparison starts here; every diffdoc module its module-level imports reach (a whole
# subpackage, such as diffdoc/align/, when any of its modules is imported) decides a comparison,
# so a change to any of them makes cached comparisons stale even when the version stays.
DIFFER_ROOT = "diffdoc.compare"
CACHE_DIR = Path("cache") / "compare"
SEGMENT_OPS = ("equal", "insert", "delete")

Compare = Callable[[Document, Document, CompareOptions], Comparison]


def differ_modules(root: str = DIFFER_ROOT) -> list[str]:
    """The source files (relative to the diffdoc folder) of the modules a comparison runs on.

    Found by following the module-level `import diffdoc.X` / `from diffdoc.X import` statements
    from `root`; importing any module of a subpackage takes in every module under it. The
    package face (`diffdoc/__init__.py`) and imports inside functions are not followed: they
    load readers and renderers, which do not decide a comparison.
    """
    package = Path(__file__).resolve().parents[1]
    found: set[Path] = set()
    pending = [root]
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        for path in _module_files(package, name):
            if path in found:
                continue
            found.add(path)
            pending.extend(_imported(path))
    return sorted(path.relative_to(package).as_posix() for path in found)


def _module_files(package: Path, name: str) -> list[Path]:
    """The files of module `name` (`diffdoc.a.b`): all of subpackage `a` when `a` is one."""
    parts = name.split(".")[1:]
    top = package / parts[0]
    if top.is_dir():
        return sorted(top.rglob("*.py"))
    return [top.with_suffix(".py")]


def _imported(path: Path) -> list[str]:
    """The diffdoc modules (not the package face) that `path` imports at module level."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    return [name for name in _imports(tree.body) if name.startswith("diffdoc.")]


def _imports(body: list[ast.stmt]) -> list[str]:
    names: list[str] = []
    for node in body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.Try):  # an optional import
            names.extend(_imports(node.body))
    return names


@functools.cache
def differ_digest() -> str:
    """The sha256 of the differ's own source files (`differ_modules`), read once per process."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for name in differ_modules():
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def options_name(options: CompareOptions) -> str:
    """A short name for comparison options, used in cache file names."""
    names = [f.name.replace("_", "-") for f in fields(options) if getattr(options, f.name)]
    return "+".join(names) or "default"


class ComparisonCache:
    """Comparisons stored under a corpus folder, by the sha256 of both normalized texts."""

    def __init__(self, corpus_root: Path, compare: Compare) -> None:
        self.root = corpus_root
        self.folder = corpus_root / CACHE_DIR
        self._compare = compare
        self.hits = 0
        self.misses = 0

    def path(self, old_sha: str, new_sha: str, options: CompareOptions) -> Path:
        """Where the comparison of two texts with these options is kept."""
        return self.folder / f"{old_sha}-{new_sha}-{options_name(options)}.json"

    def compare(
        self,
        old: Document,
        new: Document,
        old_sha: str,
        new_sha: str,
        options: CompareOptions,
    ) -> Comparison:
        """The comparison of `old` and `new`, from the cache when a sound copy is there."""
        path = self.path(old_sha, new_sha, options)
        if _through_link(self.root, path):  # a cache folder that is a link is not ours
            self.misses += 1
            return self._compare(old, new, options)
        loaded = _load(path, old, new, options)
        if loaded is not None:
            self.hits += 1
            return loaded
        self.misses += 1
        comparison = self._compare(old, new, options)
        # A cache that cannot be written only makes the next run slower.
        with contextlib.suppress(OSError):
            _store(path, comparison)
        return comparison


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """The cached form of a comparison: blocks as [op, old, new, [[op, text], ...]], a
    cosmetic segment as [op, text, 1]."""
    return {
        "format": CACHE_FORMAT,
        "tool": __version__,
        "differ": differ_digest(),
        "options": asdict(comparison.options),
        "stats": asdict(comparison.stats),
        "blocks": [_block_json(b) for b in comparison.blocks],
    }


def _block_json(block: BlockChange) -> list[Any]:
    # Most blocks of a long series are unchanged: their one equal segment is implied.
    if len(block.segments) == 1 and block.segments[0].op == "equal" and block.old and block.new:
        return [block.op, list(block.old), list(block.new)]
    segments = [[s.op, s.text, 1] if s.cosmetic else [s.op, s.text] for s in block.segments]
    return [block.op, list(block.old), list(block.new), segments]


def comparison_from_json(
    data: Any, old: Document, new: Document, options: CompareOptions
) -> Comparison | None:
    """Rebuild a cached comparison; None unless it is sound and rebuilds both texts."""
    try:
        if (
            data["format"] != CACHE_FORMAT
            or data["tool"] != __version__
            or data.get("differ") != differ_digest()
            or data["options"] != asdict(options)
        ):
            return None
        old_texts = old.texts
        blocks = tuple(_block(item, old_texts) for item in data["blocks"])
        stats = Stats(**data["stats"])
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if not _rebuilds(blocks, old, new):
        return None
    return Comparison(old, new, options, blocks, stats)


def _block(item: Any, old_texts: list[str]) -> BlockChange:
    op, old, new, *rest = item
    old_indices = tuple(int(i) for i in old)
    new_indices = tuple(int(j) for j in new)
    if op not in BLOCK_OPS:
        raise ValueError(f"unknown op in {item!r:.60}")
    if not rest:  # unchanged text: one equal segment, the old paragraphs as they are
        joined = PARAGRAPH_SEPARATOR.join(old_texts[i] for i in old_indices)
        return BlockChange(op, old_indices, new_indices, (Segment("equal", joined),))
    (segments,) = rest
    if any(s[0] not in SEGMENT_OPS for s in segments):
        raise ValueError(f"unknown segment op in {item!r:.60}")
    return BlockChange(
        op,
        old_indices,
        new_indices,
        tuple(Segment(s[0], str(s[1]), len(s) > 2 and s[2] == 1) for s in segments),
    )


def _rebuilds(blocks: tuple[BlockChange, ...], old: Document, new: Document) -> bool:
    old_texts, new_texts = old.texts, new.texts
    seen_old: list[int] = []
    seen_new: list[int] = []
    try:
        for block in blocks:
            if block.old_text != PARAGRAPH_SEPARATOR.join(old_texts[i] for i in block.old):
                return False
            if block.new_text != PARAGRAPH_SEPARATOR.join(new_texts[j] for j in block.new):
                return False
            seen_old.extend(block.old)
            seen_new.extend(block.new)
    except IndexError:
        return False
    return sorted(seen_old) == list(range(len(old_texts))) and sorted(seen_new) == list(
        range(len(new_texts))
    )


def _load(path: Path, old: Document, new: Document, options: CompareOptions) -> Comparison | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return comparison_from_json(data, old, new, options)


def _through_link(root: Path, path: Path) -> bool:
    try:
        safeio.refuse_links(root, path)
    except CorpusError:
        return True
    return False


def _store(path: Path, comparison: Comparison) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Temporary name first, then rename: a reader never sees half a file.
    temp = path.parent / f".tmp-{path.name}.{secrets.token_hex(4)}"
    try:
        temp.write_text(
            json.dumps(comparison_to_json(comparison), ensure_ascii=False), encoding="utf-8"
        )
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
