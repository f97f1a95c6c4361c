"""A document's history with the change statistics between consecutive versions.

The corpus holds no diff logic: the caller passes the function that measures two documents,
and the results are cached in the index by the sha256 of both normalized texts.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields

from diffdoc.corpus.records import DocumentRecord, VersionRecord
from diffdoc.corpus.store import Corpus
from diffdoc.models import Document, Stats

Measure = Callable[[Document, Document], Stats]


@dataclass(frozen=True)
class HistoryEntry:
    """One version and its changes against the version before it (None for the first)."""

    version: VersionRecord
    changes: Stats | None


def history(
    corpus: Corpus, doc_id: str, measure: Measure | None = None, *, tool: str = ""
) -> tuple[DocumentRecord, list[HistoryEntry]]:
    """A document's versions, oldest first, each with `measure(previous, version)`.

    `tool` names the measuring code (and its options) so that cached results from another
    version or configuration of it are not reused.
    """
    document, versions = corpus.history(doc_id)
    entries = []
    previous: VersionRecord | None = None
    for version in versions:
        changes = None
        if measure is not None and previous is not None:
            changes = _changes(corpus, previous, version, measure, tool)
        entries.append(HistoryEntry(version, changes))
        previous = version
    return document, entries


def _changes(
    corpus: Corpus, old: VersionRecord, new: VersionRecord, measure: Measure, tool: str
) -> Stats:
    try:
        cached = corpus.index.cached_stats(old.text_sha256, new.text_sha256, tool)
    except sqlite3.Error:
        cached = None
    if cached is not None:
        data = json.loads(cached)
        if isinstance(data, dict) and set(data) == {f.name for f in fields(Stats)}:
            return Stats(**data)
    stats = measure(corpus.load(old), corpus.load(new))
    # A cache that cannot be written only makes the next log slower.
    with contextlib.suppress(sqlite3.Error):
        corpus.index.store_stats(old.text_sha256, new.text_sha256, tool, json.dumps(asdict(stats)))
    return stats
