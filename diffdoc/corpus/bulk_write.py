"""Writing one chunk of a bulk import: every version whole, or not at all.

Under the writer lock: originals new to the corpus are marked pending (as `add` does), then
originals and version folders are written under temporary names without a flush each, then one
`os.sync()` makes all of them durable, and only then are they renamed into place (each rename is
the moment one version appears). A process killed before a rename leaves `.tmp-*` leftovers and
pending markers, which the next writer removes; one killed after leaves the version complete.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from diffdoc.corpus import orphans, safeio
from diffdoc.corpus.bulk_items import BulkItem, Failed, Parsed
from diffdoc.corpus.layout_io import automatic_label, clean_leftovers
from diffdoc.corpus.names import InvalidNameError
from diffdoc.corpus.records import DocumentRecord, VersionRecord, to_json, utc_now
from diffdoc.corpus.store import (
    DOCUMENT_FILE,
    TEXT_FILE,
    VERSION_FILE,
    Corpus,
    document_stamp,
    sha256_hex,
)
from diffdoc.errors import CorpusError


@dataclass(frozen=True)
class Planned:
    """An item parsed on a worker, its text rendered for the label it was expected to get."""

    item: BulkItem
    sha256: str
    label: str
    parsed: Parsed


@dataclass
class Written:
    """What one chunk stored."""

    added: list[VersionRecord] = field(default_factory=list)
    skipped: list[tuple[str, VersionRecord]] = field(default_factory=list)
    documents_created: int = 0


@dataclass
class _Doc:
    document: DocumentRecord | None
    versions: list[VersionRecord]
    exists: bool
    new: list[tuple[VersionRecord, bytes, bytes]] = field(default_factory=list)  # text, original
    rewrite_record: bool = False


Reparse = Callable[[tuple[BulkItem, str]], Parsed | Failed]


def write_chunk(
    corpus: Corpus, planned: list[Planned], *, reparse: Reparse, cleaned: set[Path] | None = None
) -> Written:
    """Store the planned versions of one chunk (see the module doc).

    `cleaned`: the folders whose leftovers this import has already removed (one import writes
    many chunks into the same folders, under the same lock; a scan per chunk of a folder of
    thousands of documents would make the import quadratic); the folders cleaned are added.
    """
    cleaned = set() if cleaned is None else cleaned
    written = Written()
    if not planned:
        return written
    with corpus.write_lock():
        for entry in planned:
            safeio.refuse_links(corpus.root, corpus.document_dir(entry.item.doc_id))
            safeio.refuse_links(corpus.root, corpus.object_path(entry.sha256))
        _clean_once(cleaned, corpus.documents_dir)
        orphans.clean_abandoned(corpus)
        docs = _plan(corpus, planned, reparse, written)
        if not any(doc.new for doc in docs.values()):
            return written
        _store(corpus, docs, cleaned)
        safeio.checkpoint("bulk-after-rename")
        entries = []
        for doc_id, doc in docs.items():
            stamp = document_stamp(corpus.document_dir(doc_id))
            if doc.new and doc.document is not None and stamp is not None:
                entries.append((doc.document, doc.versions, stamp))
        # The versions are stored; an index that cannot take them heals on the next read.
        with contextlib.suppress(sqlite3.Error):
            corpus.index.put_documents(entries)
        safeio.checkpoint("bulk-after-index")
    for doc in docs.values():
        written.added.extend(version for version, _, _ in doc.new)
        written.documents_created += bool(doc.new) and not doc.exists
    written.added.sort(key=lambda v: _order(planned, v))
    return written


def _order(planned: list[Planned], version: VersionRecord) -> int:
    return next(
        i
        for i, p in enumerate(planned)
        if p.item.doc_id == version.doc_id and p.sha256 == version.sha256
    )


def _plan(
    corpus: Corpus, planned: list[Planned], reparse: Reparse, written: Written
) -> dict[str, _Doc]:
    """Each document's new versions, numbered and labelled against what is on disk now."""
    on_disk = corpus.document_ids_on_disk()
    folded = {doc_id.casefold(): doc_id for doc_id in on_disk}
    present = set(on_disk)
    docs: dict[str, _Doc] = {}
    for entry in planned:
        item = entry.item
        doc = docs.get(item.doc_id)
        if doc is None:
            doc = docs[item.doc_id] = _load(corpus, item.doc_id, present)
            other = folded.get(item.doc_id.casefold())
            if other is not None and other != item.doc_id:
                raise InvalidNameError(
                    "document id", item.doc_id, f"differs only by case from the existing {other!r}"
                )
            folded[item.doc_id.casefold()] = item.doc_id
        duplicate = next((v for v in doc.versions if v.sha256 == entry.sha256), None)
        if duplicate is not None:
            written.skipped.append((item.name, duplicate))
            continue
        label = item.label or automatic_label(doc.versions)
        if any(v.label.casefold() == label.casefold() for v in doc.versions):
            raise CorpusError(
                f"{item.name}: {item.doc_id}@{label} already exists; choose another label"
            )
        parsed = entry.parsed
        if label != entry.label:  # another writer added versions since the plan was made
            again = reparse((item, f"{item.doc_id}@{label}"))
            if isinstance(again, Failed):
                raise CorpusError(again.message)
            parsed = again
        version = VersionRecord(
            doc_id=item.doc_id,
            number=max((v.number for v in doc.versions), default=0) + 1,
            label=label,
            date=item.date or parsed.found_date,
            source_name=Path(item.name).name,
            note=item.note,
            sha256=entry.sha256,
            text_sha256=sha256_hex(parsed.text),
            added_at=utc_now(),
            title=parsed.title,
            format=parsed.format,
            encoding=parsed.encoding,
            size=len(item.data),
        )
        if doc.document is None:
            doc.document = DocumentRecord(
                id=item.doc_id,
                title=item.title or parsed.title or item.doc_id,
                series=item.series,
                lang=item.lang or parsed.found_lang,
                created_at=version.added_at,
            )
        else:
            wanted = {"title": item.title, "series": item.series, "lang": item.lang}
            changes = {
                k: v for k, v in wanted.items() if v is not None and getattr(doc.document, k) != v
            }
            if changes:
                doc.document = replace(doc.document, **changes)
                doc.rewrite_record = doc.exists
        doc.versions.append(version)
        doc.new.append((version, parsed.text, item.data))
    return docs


def _load(corpus: Corpus, doc_id: str, present: set[str]) -> _Doc:
    if doc_id in present and (corpus.document_dir(doc_id) / DOCUMENT_FILE).is_file():
        clean_leftovers(corpus.document_dir(doc_id))
        document, versions = corpus.read_from_disk(doc_id)
        return _Doc(document, versions, exists=True)
    if doc_id in present:  # a folder without its document.json: what `add` refuses too
        raise CorpusError(
            f"{corpus.document_dir(doc_id)}: no {DOCUMENT_FILE} (run `diffdoc verify`)"
        )
    return _Doc(None, [], exists=False)


def _clean_once(cleaned: set[Path], *folders: Path) -> None:
    for folder in folders:
        if folder not in cleaned:
            clean_leftovers(folder)
            cleaned.add(folder)


def _store(corpus: Corpus, docs: dict[str, _Doc], cleaned: set[Path]) -> None:
    """Write everything under temporary names, flush once, rename into place."""
    objects: dict[str, bytes] = {}
    for doc in docs.values():
        for version, _, data in doc.new:
            if not corpus.object_path(version.sha256).is_file():
                objects.setdefault(version.sha256, data)
    markers = [orphans.mark_pending_list(corpus, list(objects))] if objects else []
    temps: list[Path] = []
    renames: list[tuple[Path, Path]] = []
    try:
        for shard in sorted({corpus.object_path(sha256).parent for sha256 in objects}):
            shard.mkdir(parents=True, exist_ok=True)
            _clean_once(cleaned, shard)  # before this import writes its own temporary files
        for sha256, data in objects.items():
            final = corpus.object_path(sha256)
            temp = safeio.temp_name(final.parent, final.name[:8] + ".")
            temps.append(temp)
            _write_file(temp, data, mode=0o444)
            renames.append((temp, final))
        for doc_id, doc in docs.items():
            if not doc.new:
                continue
            assert doc.document is not None
            if not doc.exists:
                temp = safeio.temp_name(corpus.documents_dir, "document-")
                temps.append(temp)
                temp.mkdir()
                _write_file(temp / DOCUMENT_FILE, to_json(doc.document))
                for version, text, _ in doc.new:
                    _write_version(temp / version.label, version, text)
                renames.append((temp, corpus.document_dir(doc_id)))
                continue
            for version, text, _ in doc.new:
                temp = safeio.temp_name(corpus.document_dir(doc_id), "version-")
                temps.append(temp)
                _write_version(temp, version, text)
                renames.append((temp, corpus.version_dir(version)))
            if doc.rewrite_record:
                temp = safeio.temp_name(corpus.document_dir(doc_id), DOCUMENT_FILE + ".")
                temps.append(temp)
                _write_file(temp, to_json(doc.document))
                renames.append((temp, corpus.document_dir(doc_id) / DOCUMENT_FILE))
        os.sync()  # one flush for the whole chunk, before anything becomes visible
        safeio.checkpoint("bulk-before-rename")
        for number, (temp, final) in enumerate(renames):
            os.replace(temp, final)
            if number == len(objects):  # the first version in place, the others not yet
                safeio.checkpoint("bulk-after-first-version")
    except OSError as error:
        for temp in temps:
            safeio.remove_tree(temp)
        raise CorpusError(
            f"{corpus.root}: cannot store the imported versions ({error.strerror or error})"
        ) from None
    except BaseException:
        for temp in temps:
            safeio.remove_tree(temp)
        raise
    # The renames made durable with one more flush, not an fsync of each folder renamed into:
    # every directory fsync commits the file system's journal on its own, and a chunk renames
    # into hundreds of folders (the object shards): 2 ms a document, twice the rest of the write.
    os.sync()
    for marker in markers:
        orphans.clear_pending(marker)


def _write_version(folder: Path, version: VersionRecord, text: bytes) -> None:
    folder.mkdir()
    _write_file(folder / VERSION_FILE, to_json(version))
    _write_file(folder / TEXT_FILE, text)


def _write_file(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` with `data`, not flushed (the chunk is flushed at once before renaming)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
