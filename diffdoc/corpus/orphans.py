"""Originals abandoned by a killed `add`: recorded before they are written, removed afterwards.

Before `add` stores original bytes that are new to the corpus it leaves a marker
`.tmp-adding-SHA256` (fsynced) in the corpus folder, and removes it once the version is in place.
A bulk import leaves one marker per chunk, `.tmp-adding-list-TOKEN`, listing the chunk's new
originals a line each. A marker that is still there belongs to a writer that died; the next
writer (holding the writer lock) deletes each original it names unless some version refers to
it, then the marker.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from diffdoc.corpus import safeio
from diffdoc.corpus.store import Corpus
from diffdoc.errors import CorpusError

PENDING_PREFIX = f"{safeio.TEMP_PREFIX}adding-"
PENDING_LIST_PREFIX = f"{PENDING_PREFIX}list-"
_SHA256_LENGTH = 64


def mark_pending(corpus: Corpus, sha256: str) -> Path:
    """Record, durably, that the original `sha256` is about to be stored without a version yet."""
    marker = corpus.root / f"{PENDING_PREFIX}{sha256}"
    marker.unlink(missing_ok=True)
    safeio.write_file_synced(marker, b"")
    safeio.fsync_dir(corpus.root)
    return marker


def mark_pending_list(corpus: Corpus, sha256s: list[str]) -> Path:
    """`mark_pending` for many originals at once: one marker file naming them all."""
    marker = safeio.temp_name(corpus.root, "adding-list-")
    safeio.write_file_synced(marker, "".join(f"{sha256}\n" for sha256 in sha256s).encode())
    safeio.fsync_dir(corpus.root)
    return marker


def clear_pending(marker: Path) -> None:
    """The version that uses the original is in place (or the original was removed)."""
    marker.unlink(missing_ok=True)


def abandon(corpus: Corpus, sha256: str, marker: Path) -> None:
    """Undo `mark_pending` after a failed add: remove the original it stored, then the marker."""
    corpus.object_path(sha256).unlink(missing_ok=True)
    clear_pending(marker)


def clean_abandoned(corpus: Corpus) -> list[str]:
    """Delete the originals that killed adds stored and no version refers to; their sha256s.

    Runs under the writer lock. When the index cannot be brought up to date (a damaged metadata
    file), nothing is deleted and the markers stay for a later add.
    """
    try:
        names = sorted(e.name for e in os.scandir(corpus.root) if e.name.startswith(PENDING_PREFIX))
    except FileNotFoundError:
        return []
    markers = [n for n in names if _is_marker(n) or n.startswith(PENDING_LIST_PREFIX)]
    if not markers:
        return []
    try:
        corpus.refresh_index()
    except (CorpusError, sqlite3.Error):
        return []
    removed = []
    for name in markers:
        if name.startswith(PENDING_LIST_PREFIX):
            listed = _listed(corpus.root / name)
            if listed is None:
                continue  # unreadable: left for a later writer, nothing deleted
            sha256s = listed
        else:
            sha256s = [name[len(PENDING_PREFIX) :]]
        with contextlib.suppress(sqlite3.Error, CorpusError):
            for sha256 in sha256s:
                safeio.refuse_links(corpus.root, corpus.object_path(sha256))
                if not corpus.index.sha_referenced(sha256):
                    if corpus.object_path(sha256).is_file():
                        removed.append(sha256)
                    corpus.object_path(sha256).unlink(missing_ok=True)
            clear_pending(corpus.root / name)
    return removed


def _listed(marker: Path) -> list[str] | None:
    """The originals a list marker names (a marker cut short by a crash names fewer: its
    originals were not written yet, as the marker is flushed first)."""
    try:
        if marker.is_symlink() or not marker.is_file():
            return None
        lines = marker.read_text(encoding="ascii").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return [line for line in lines if _is_sha256(line)]


def _is_marker(name: str) -> bool:
    return name.startswith(PENDING_PREFIX) and _is_sha256(name[len(PENDING_PREFIX) :])


def _is_sha256(text: str) -> bool:
    return len(text) == _SHA256_LENGTH and all(c in "0123456789abcdef" for c in text)
