"""Originals abandoned by a killed `add`: recorded before they are written, removed afterwards.

Before `add` stores original bytes that are new to the corpus it leaves a marker
`.tmp-adding-SHA256` (fsynced) in the corpus folder, and removes it once the version is in place.
A marker that is still there belongs to an `add` that died; the next `add` (holding the writer
lock) deletes that original unless some version refers to it, then the marker.
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
_SHA256_LENGTH = 64


def mark_pending(corpus: Corpus, sha256: str) -> Path:
    """Record, durably, that the original `sha256` is about to be stored without a version yet."""
    marker = corpus.root / f"{PENDING_PREFIX}{sha256}"
    marker.unlink(missing_ok=True)
    safeio.write_file_synced(marker, b"")
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
        markers = sorted(e.name for e in os.scandir(corpus.root) if _is_marker(e.name))
    except FileNotFoundError:
        return []
    if not markers:
        return []
    try:
        corpus.refresh_index()
    except (CorpusError, sqlite3.Error):
        return []
    removed = []
    for name in markers:
        sha256 = name[len(PENDING_PREFIX) :]
        with contextlib.suppress(sqlite3.Error, CorpusError):
            safeio.refuse_links(corpus.root, corpus.object_path(sha256))
            if not corpus.index.sha_referenced(sha256):
                if corpus.object_path(sha256).is_file():
                    removed.append(sha256)
                corpus.object_path(sha256).unlink(missing_ok=True)
            clear_pending(corpus.root / name)
    return removed


def _is_marker(name: str) -> bool:
    sha256 = name[len(PENDING_PREFIX) :]
    return (
        name.startswith(PENDING_PREFIX)
        and len(sha256) == _SHA256_LENGTH
        and all(c in "0123456789abcdef" for c in sha256)
    )
