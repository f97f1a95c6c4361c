"""Storing the versions an import found: the one place import-git writes to the corpus.

Behind one function (`store_versions`) so that it can move to the corpus's bulk writer when
that lands. It keeps `corpus.write.add_version`'s guarantees at a fraction of its cost for
thousands of versions: per chunk, under the writer lock, the pending markers of new originals
and every file of the chunk are written under temporary names, flushed with one `os.sync()`,
then renamed into place (originals first, then version and document folders), flushed again;
the index takes the chunk in one transaction. A killed import leaves whole versions only
(and originals that `add`'s orphan cleaning removes); the next run finishes it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from diffdoc.corpus import Corpus, DocumentRecord, VersionRecord, orphans, safeio
from diffdoc.corpus.layout_io import make_version
from diffdoc.corpus.names import InvalidNameError, case_collision
from diffdoc.corpus.records import to_json, utc_now
from diffdoc.corpus.store import DOCUMENT_FILE, TEXT_FILE, VERSION_FILE, document_stamp
from diffdoc.engine import Progress, chunked
from diffdoc.errors import CorpusError
from diffdoc.models import Document

CHUNK = 256


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


@dataclass
class _DocState:
    document: DocumentRecord
    versions: list[VersionRecord]
    new: bool  # not on disk yet: the whole folder is written under a temporary name
    folder: Path  # where this chunk writes its version folders (the temporary one if new)
    renames: list[tuple[Path, Path]] = field(default_factory=list)


def store_versions(
    corpus: Corpus,
    versions: Sequence[PendingVersion],
    blobs: Mapping[str, bytes],
    parsed: Mapping[tuple[str, str], Document],
    *,
    progress: Progress | None = None,
) -> Written:
    """Store `versions` in their order (each document's oldest first); `parsed` holds each
    version's document by (doc id, label), as the check step read it."""
    added = created = unchanged = 0
    with corpus.write_lock():
        orphans.clean_abandoned(corpus)
        on_disk = corpus.document_ids_on_disk()
        for chunk in chunked(versions, CHUNK):
            result = _store_chunk(corpus, chunk, blobs, parsed, on_disk)
            added += result.added
            created += result.documents_created
            unchanged += result.unchanged
            if progress:
                progress(len(chunk))
    return Written(added, created, unchanged)


def _state(corpus: Corpus, item: PendingVersion, doc: Document, on_disk: list[str]) -> _DocState:
    doc_dir = corpus.document_dir(item.doc_id)
    safeio.refuse_links(corpus.root, doc_dir)
    if (doc_dir / DOCUMENT_FILE).is_file():
        document, stored = corpus.read_from_disk(item.doc_id)
        if item.series is not None and document.series != item.series:
            document = replace(document, series=item.series)
            safeio.atomic_write(doc_dir / DOCUMENT_FILE, to_json(document))
        return _DocState(document, stored, False, doc_dir)
    other = case_collision(item.doc_id, on_disk)
    if other is not None:
        raise InvalidNameError(
            "document id", item.doc_id, f"differs only by case from the existing {other!r}"
        )
    document = DocumentRecord(
        id=item.doc_id,
        title=doc.title or item.doc_id,
        series=item.series,
        created_at=utc_now(),
    )
    temp = safeio.temp_name(corpus.documents_dir, "document-")
    temp.mkdir()
    (temp / DOCUMENT_FILE).write_bytes(to_json(document))
    state = _DocState(document, [], True, temp)
    state.renames.append((temp, doc_dir))
    return state


def _store_chunk(
    corpus: Corpus,
    chunk: Sequence[PendingVersion],
    blobs: Mapping[str, bytes],
    parsed: Mapping[tuple[str, str], Document],
    on_disk: list[str],
) -> Written:
    states: dict[str, _DocState] = {}
    objects: list[tuple[Path, Path]] = []
    markers: list[Path] = []
    unchanged = 0
    try:
        for item in chunk:
            data, doc = blobs[item.blob], parsed[(item.doc_id, item.label)]
            state = states.get(item.doc_id) or _state(corpus, item, doc, on_disk)
            states[item.doc_id] = state
            version, text = make_version(
                doc, data, item.path, item.doc_id, item.label, item.date, item.note,
                state.versions,
            )  # fmt: skip
            if any(v.sha256 == version.sha256 for v in state.versions):
                unchanged += 1
                continue
            if any(v.label == item.label for v in state.versions):
                raise CorpusError(f"{item.doc_id}@{item.label} already exists")
            version = replace(version, source_name=item.path)
            _stage_object(corpus, version.sha256, data, objects, markers)
            folder = safeio.temp_name(state.folder, "version-") if not state.new else None
            target = state.folder / version.label
            (folder or target).mkdir()
            ((folder or target) / VERSION_FILE).write_bytes(to_json(version))
            ((folder or target) / TEXT_FILE).write_bytes(text)
            if folder is not None:
                state.renames.append((folder, target))
            state.versions.append(version)
        os.sync()  # every marker and file of the chunk, before any becomes visible
        safeio.checkpoint("import-git-before-rename")
        for temp, final in objects:
            os.replace(temp, final)
        for state in states.values():
            for temp, final in state.renames:
                os.rename(temp, final)
        os.sync()
    except BaseException:
        for temp, _ in objects:
            temp.unlink(missing_ok=True)
        for state in states.values():
            for temp, _ in state.renames:
                if temp.exists():
                    safeio.remove_tree(temp)
        raise
    for marker in markers:
        orphans.clear_pending(marker)
    entries = []
    for doc_id, state in states.items():
        stamp = document_stamp(corpus.document_dir(doc_id))
        if stamp is not None:
            entries.append((state.document, state.versions, stamp))
        if state.new:
            on_disk.append(doc_id)
    corpus.index.put_documents(entries)
    added = len(chunk) - unchanged
    return Written(added, sum(s.new for s in states.values()), unchanged)


def _stage_object(
    corpus: Corpus,
    sha256: str,
    data: bytes,
    objects: list[tuple[Path, Path]],
    markers: list[Path],
) -> None:
    path = corpus.object_path(sha256)
    safeio.refuse_links(corpus.root, path)
    if path.is_file() or any(final == path for _, final in objects):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    marker = corpus.root / f"{orphans.PENDING_PREFIX}{sha256}"
    marker.write_bytes(b"")
    markers.append(marker)
    temp = safeio.temp_name(path.parent, path.name[:8] + ".")
    temp.write_bytes(data)
    os.chmod(temp, 0o444)
    objects.append((temp, path))
