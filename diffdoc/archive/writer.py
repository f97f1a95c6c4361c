"""Storing the versions an import found: the one place import-git writes to the corpus.

Behind one function so that it can move to the corpus's bulk writer when that lands; for now
each version goes through `corpus.write.add_version`, which stores it under the writer lock and
makes it visible with one rename, so an interrupted import leaves whole versions only, and the
next run (which skips what is stored) finishes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diffdoc.corpus import Corpus, add_version
from diffdoc.engine import Progress
from diffdoc.ingest import MAX_INPUT_BYTES


@dataclass(frozen=True)
class PendingVersion:
    """A version to store: which document, label, date, note, and where its bytes are."""

    doc_id: str
    label: str
    date: str
    note: str | None
    path: str  # in the repository: the name that hints the format, and the version's source
    blob: str
    commit: int  # position in the history, for the order of writing
    series: str | None = None


@dataclass(frozen=True)
class Written:
    """What storing did."""

    added: int
    documents_created: int
    unchanged: int  # bytes the document already held (a file restored): not stored twice


def store_versions(
    corpus: Corpus,
    versions: Sequence[PendingVersion],
    blobs: Mapping[str, bytes],
    *,
    max_size: int = MAX_INPUT_BYTES,
    progress: Progress | None = None,
) -> Written:
    """Store `versions` in their order (each document's oldest first)."""
    added = created = unchanged = 0
    for version in versions:
        result = add_version(
            corpus,
            blobs[version.blob],
            name=version.path,
            doc_id=version.doc_id,
            label=version.label,
            date=version.date,
            series=version.series,
            note=version.note,
            max_size=max_size,
            source_name=version.path,
        )
        added += result.added
        created += result.new_document
        unchanged += not result.added
        if progress:
            progress(1)
    return Written(added, created, unchanged)
