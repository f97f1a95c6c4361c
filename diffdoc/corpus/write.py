"""Adding and removing versions: the only code that changes a corpus's documents.

Both run under the corpus's exclusive lock and make their change visible with one rename.
`checkpoint(...)` marks the places where the crash tests kill the process.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from diffdoc.corpus import orphans, safeio
from diffdoc.corpus.layout_io import (
    automatic_label,
    check_fields,
    clean_leftovers,
    make_version,
    metadata_lang,
)
from diffdoc.corpus.names import InvalidNameError, case_collision
from diffdoc.corpus.records import (
    DocumentRecord,
    VersionRecord,
    to_json,
)
from diffdoc.corpus.refs import Ref
from diffdoc.corpus.store import (
    DOCUMENT_FILE,
    TEXT_FILE,
    VERSION_FILE,
    Corpus,
    document_stamp,
    sha256_hex,
)
from diffdoc.errors import CorpusError, UnknownRefError
from diffdoc.ingest import MAX_INPUT_BYTES, parse_bytes
from diffdoc.models import Document
from diffdoc.paths import shown


@dataclass(frozen=True)
class AddResult:
    """What `add` did: the version stored (or the one that already held the same bytes)."""

    version: VersionRecord
    document: DocumentRecord
    added: bool  # False when identical bytes were already stored as `version`
    new_document: bool = False
    same_text_as: VersionRecord | None = None  # the previous version, when it reads the same
    updated: tuple[str, ...] = ()  # document fields changed by this add (title, series, lang)


@dataclass(frozen=True)
class RemoveResult:
    """What `remove` took away."""

    doc_id: str
    versions: tuple[VersionRecord, ...]
    whole_document: bool


@dataclass(frozen=True)
class _Fields:
    """What the caller said about the new version and its document (None: not given)."""

    label: str | None
    date: str | None
    title: str | None
    lang: str | None
    series: str | None
    note: str | None


@dataclass(frozen=True)
class _Plan:
    """Everything `add` will write, decided before anything is written."""

    doc_id: str
    sha256: str
    exists: bool  # the document folder is already there
    document: DocumentRecord
    versions: list[VersionRecord]  # the versions stored before this one
    version: VersionRecord
    text: bytes  # the version's normalized text, as stored
    updated: tuple[str, ...]  # document fields this add changes


def add_version(
    corpus: Corpus,
    data: bytes,
    *,
    name: str,
    doc_id: str,
    label: str | None = None,
    date: str | None = None,
    title: str | None = None,
    lang: str | None = None,
    series: str | None = None,
    note: str | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    max_size: int = MAX_INPUT_BYTES,
) -> AddResult:
    """Store `data` (a file's bytes, named `name`) as a new version of document `doc_id`.

    Three steps: validate the names and read the file (before the lock), plan the records
    (under it, from what is on disk), commit them (object, then one rename, then the index).
    """
    fields = _Fields(label, date, title, lang, series, note)
    check_fields(doc_id, fields)
    name = shown(name)
    parsed = parse_bytes(data, name=name, fmt=fmt, encoding=encoding, max_size=max_size)
    sha256 = sha256_hex(data)
    with corpus.write_lock():
        plan = _plan(corpus, parsed, data, name, doc_id, sha256, fields)
        if isinstance(plan, AddResult):
            return plan
        _commit(corpus, plan, data)
    versions = plan.versions
    same_text = versions[-1] if versions and _same_text(corpus, versions[-1], parsed) else None
    return AddResult(plan.version, plan.document, True, not plan.exists, same_text, plan.updated)


def _plan(
    corpus: Corpus,
    parsed: Document,
    data: bytes,
    name: str,
    doc_id: str,
    sha256: str,
    fields: _Fields,
) -> _Plan | AddResult:
    """The records to write (under the lock); an AddResult when the bytes are already stored."""
    doc_dir = corpus.document_dir(doc_id)
    safeio.refuse_links(corpus.root, doc_dir)
    safeio.refuse_links(corpus.root, corpus.object_path(sha256))
    clean_leftovers(corpus.documents_dir, doc_dir)
    orphans.clean_abandoned(corpus)
    other = case_collision(doc_id, corpus.document_ids_on_disk())
    if other is not None:
        raise InvalidNameError(
            "document id", doc_id, f"differs only by case from the existing {other!r}"
        )
    exists = (doc_dir / DOCUMENT_FILE).is_file()
    document, versions = corpus.read_from_disk(doc_id) if exists else (None, [])
    duplicate = next((v for v in versions if v.sha256 == sha256), None)
    if document is not None and duplicate is not None:
        return AddResult(duplicate, document, added=False)
    label = fields.label or automatic_label(versions)
    _check_label_free(doc_id, label, versions)
    version, text = make_version(
        parsed, data, name, doc_id, label, fields.date, fields.note, versions
    )
    updated: tuple[str, ...] = ()
    if document is None:
        document = DocumentRecord(
            id=doc_id,
            title=fields.title or parsed.title or doc_id,
            series=fields.series,
            lang=fields.lang or metadata_lang(parsed),
            created_at=version.added_at,
        )
    else:
        wanted = {"title": fields.title, "series": fields.series, "lang": fields.lang}
        changes = {k: v for k, v in wanted.items() if v is not None and getattr(document, k) != v}
        document = replace(document, **changes)
        updated = tuple(changes)
    return _Plan(doc_id, sha256, exists, document, versions, version, text, updated)


def _commit(corpus: Corpus, plan: _Plan, data: bytes) -> None:
    """Write the plan: the original bytes, the version (or document) folder by one rename, the
    document record when its fields changed, then the index."""
    doc_dir = corpus.document_dir(plan.doc_id)
    pending = None
    if not corpus.object_path(plan.sha256).is_file():
        pending = orphans.mark_pending(corpus, plan.sha256)
    try:
        _store_object(corpus, plan.sha256, data)
        safeio.checkpoint("add-after-object")
        if plan.exists:
            _write_version_folder(doc_dir, plan.version, plan.text)
        else:
            _write_document_folder(corpus, plan.document, plan.version, plan.text)
    except OSError as error:
        if pending is not None:
            orphans.abandon(corpus, plan.sha256, pending)
        raise CorpusError(
            f"{doc_dir}: cannot store {plan.version.ref} ({error.strerror or error})"
        ) from None
    if plan.exists and plan.updated:
        safeio.atomic_write(doc_dir / DOCUMENT_FILE, to_json(plan.document))
    safeio.checkpoint("add-after-rename")
    if pending is not None:
        orphans.clear_pending(pending)
    _update_index(corpus, plan.document, [*plan.versions, plan.version])
    safeio.checkpoint("add-after-index")


def _same_text(corpus: Corpus, version: VersionRecord, parsed: Document) -> bool:
    """True when `parsed` reads exactly like the stored `version` (title, metadata, blocks)."""
    try:
        stored = corpus.load(version)
    except CorpusError:
        return False
    return replace(stored, source=None) == replace(parsed, source=None)


def _check_label_free(doc_id: str, label: str, versions: list[VersionRecord]) -> None:
    if any(v.label == label for v in versions):
        raise CorpusError(f"{doc_id}@{label} already exists; choose another --version label")
    other = case_collision(label, [v.label for v in versions])
    if other is not None:
        raise InvalidNameError(
            "version label", label, f"differs only by case from {doc_id}@{other}"
        )


def _store_object(corpus: Corpus, sha256: str, data: bytes) -> None:
    path = corpus.object_path(sha256)
    if path.is_file() and sha256_hex(path.read_bytes()) == sha256:
        return
    existed = path.parent.is_dir()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not existed:
        safeio.fsync_dir(corpus.objects_dir)
    clean_leftovers(path.parent)
    # Read-only: original bytes are never modified (a damaged copy is replaced by a good one).
    safeio.atomic_write(path, data, mode=0o444)


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir()
    for name, content in files.items():
        safeio.write_file_synced(folder / name, content)
    safeio.fsync_dir(folder)


def _write_version_folder(doc_dir: Path, version: VersionRecord, text: bytes) -> None:
    temp = safeio.temp_name(doc_dir, "version-")
    try:
        _write_files(temp, {VERSION_FILE: to_json(version), TEXT_FILE: text})
        safeio.checkpoint("add-before-rename")
        os.rename(temp, doc_dir / version.label)
    except BaseException:
        safeio.remove_tree(temp)
        raise
    safeio.fsync_dir(doc_dir)


def _write_document_folder(
    corpus: Corpus, document: DocumentRecord, version: VersionRecord, text: bytes
) -> None:
    temp = safeio.temp_name(corpus.documents_dir, "document-")
    try:
        _write_files(temp, {DOCUMENT_FILE: to_json(document)})
        _write_files(temp / version.label, {VERSION_FILE: to_json(version), TEXT_FILE: text})
        safeio.fsync_dir(temp)
        safeio.checkpoint("add-before-rename")
        os.rename(temp, corpus.document_dir(document.id))
    except BaseException:
        safeio.remove_tree(temp)
        raise
    safeio.fsync_dir(corpus.documents_dir)


def _update_index(corpus: Corpus, document: DocumentRecord, versions: list[VersionRecord]) -> None:
    stamp = document_stamp(corpus.document_dir(document.id))
    if stamp is None:
        return
    # The version is stored; if the index cannot take it, the index notices the new stamp and
    # heals on the next read.
    with contextlib.suppress(sqlite3.Error):
        corpus.index.put_documents([(document, versions, stamp)])


def remove(corpus: Corpus, ref: Ref) -> RemoveResult:
    """Remove one version (`DOC@...`) or, for a bare `DOC`, the whole document.

    Removing a document's last version removes the document. Original bytes that no remaining
    version refers to are deleted too.
    """
    with corpus.write_lock():
        doc_dir = corpus.document_dir(ref.doc_id)
        safeio.refuse_links(corpus.root, doc_dir)
        if not (doc_dir / DOCUMENT_FILE).is_file():
            raise UnknownRefError(f"{corpus.root}: no document {ref.doc_id!r}")
        _, versions = corpus.read_from_disk(ref.doc_id)
        if ref.is_bare:
            doomed = versions
        else:
            doomed = [corpus.resolve(ref)]
            if doomed[0] not in versions:
                raise UnknownRefError(f"{ref}: no such version in {corpus.root}")
        whole = len(doomed) == len(versions)
        target = doc_dir if whole else corpus.version_dir(doomed[0])
        safeio.refuse_links(corpus.root, target)
        for version in doomed:
            safeio.refuse_links(corpus.root, corpus.object_path(version.sha256))
        parent = target.parent
        temp = safeio.temp_name(parent, "removed-")
        os.rename(target, temp)
        safeio.fsync_dir(parent)
        safeio.checkpoint("remove-after-rename")
        safeio.remove_tree(temp)
        corpus.refresh_index()
        for version in doomed:
            if not corpus.index.sha_referenced(version.sha256):
                corpus.object_path(version.sha256).unlink(missing_ok=True)
    return RemoveResult(ref.doc_id, tuple(doomed), whole)
