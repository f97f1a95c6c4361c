"""The corpus store: documents, their versions, and the original bytes of every version.

Layout (see README, "The corpus"):

    diffdoc-corpus.json              marks the folder as a corpus
    objects/ab/cdef...               original bytes, named by their sha256, never modified
    documents/DOC/document.json      id, title, series, language
    documents/DOC/LABEL/version.json one version's metadata
    documents/DOC/LABEL/normalized.txt  its normalized text (diffdoc.docformat)
    index.sqlite, .lock, .tmp-*      derived index, writers' lock, unfinished writes
    cache/                           disposable comparison cache (diffdoc.drafts.cache)

A version folder is written completely under a temporary name and renamed into place, so it is
either all there or absent. Writers hold an exclusive lock; readers never need one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from diffdoc import docformat
from diffdoc.corpus import safeio
from diffdoc.corpus.index import DocumentSummary, Index, open_index
from diffdoc.corpus.names import check_doc_id
from diffdoc.corpus.records import (
    DocumentRecord,
    VersionRecord,
    read_document,
    read_version,
)
from diffdoc.corpus.refs import Ref, parse_ref
from diffdoc.errors import CorpusError, InputError, UnknownRefError
from diffdoc.models import Document, Source

MARKER = "diffdoc-corpus.json"
FORMAT_NAME = "diffdoc-corpus"
FORMAT_VERSION = 1
DOCUMENTS = "documents"
OBJECTS = "objects"
DOCUMENT_FILE = "document.json"
VERSION_FILE = "version.json"
TEXT_FILE = "normalized.txt"
INDEX_FILE = "index.sqlite"
# The shingle index of the reuse stage (diffdoc.reuse.index): derived, like INDEX_FILE.
SHINGLE_FILE = "shingles.sqlite"
LOCK_FILE = ".lock"
# Derived data kept inside a corpus and never verified: the drafts' comparison cache.
CACHE_DIR = "cache"
GITIGNORE = "index.sqlite*\nshingles.sqlite*\n.lock\n.tmp-*\ncache/\n"


def sha256_hex(data: bytes) -> str:
    """The sha256 of `data` as 64 hex digits."""
    return hashlib.sha256(data).hexdigest()


def folder_stamp(path: Path) -> str | None:
    """What changes whenever a name is added to, renamed in or removed from a folder."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return f"{st.st_mtime_ns}:{st.st_ino}:{st.st_nlink}"


def document_stamp(folder: Path) -> str | None:
    """The folder's stamp, then a digest of the stat of every metadata file inside it.

    The folder stamp alone misses a file edited in place or replaced inside a version folder
    (a hand edit, a `git pull`); the digest catches those. `list` compares only the part before
    `|` (one stat per document); commands that read one document compare the whole stamp.
    """
    shallow = folder_stamp(folder)
    if shallow is None:
        return None
    try:
        with os.scandir(folder) as scan:
            names = sorted((e.name, e.is_dir()) for e in scan if not safeio.is_temp(e.name))
    except (FileNotFoundError, NotADirectoryError):
        return None
    parts = []
    for name, is_dir in names:
        if name == DOCUMENT_FILE:
            path = folder / name
        elif is_dir:
            path = folder / name / VERSION_FILE
        else:
            continue
        try:
            st = os.stat(path)
        except OSError:
            parts.append(f"{name}:-")
            continue
        parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}:{st.st_ino}:{st.st_ctime_ns}")
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]
    return f"{shallow}|{digest}"


def shallow_part(stamp: str | None) -> str | None:
    """The folder part of a stamp written by `document_stamp` (what `list` compares)."""
    return None if stamp is None else stamp.partition("|")[0]


class Corpus:
    """An open corpus folder. Use `Corpus.open(path)` or `Corpus.init(path)`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.documents_dir = root / DOCUMENTS
        self.objects_dir = root / OBJECTS
        self._index: Index | None = None

    # --- opening ------------------------------------------------------------------------------

    @classmethod
    def init(cls, root: Path) -> tuple[Corpus, bool]:
        """Make `root` a corpus (creating it if needed); False when it already was one."""
        if (root / MARKER).is_file():
            return cls.open(root), False
        outer = cls.holding(root)
        if outer is not None:
            raise CorpusError(
                f"{root}: inside the corpus {outer}; a corpus cannot hold another "
                "(its folders would be taken for documents)"
            )
        if root.exists() and not root.is_dir():
            raise CorpusError(f"{root}: exists and is not a folder")
        try:
            root.mkdir(parents=True, exist_ok=True)
            for folder in (root / DOCUMENTS, root / OBJECTS):
                folder.mkdir(exist_ok=True)
            ignore = root / ".gitignore"
            if not ignore.exists():
                safeio.atomic_write(ignore, GITIGNORE.encode())
            marker = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
            safeio.atomic_write(root / MARKER, (json.dumps(marker, indent=2) + "\n").encode())
        except OSError as error:
            raise CorpusError(f"{root}: cannot create a corpus ({error.strerror})") from None
        return cls(root), True

    @staticmethod
    def is_corpus(root: Path) -> bool:
        """True when `root` carries a corpus marker (it may still be damaged)."""
        return (root / MARKER).is_file()

    @staticmethod
    def holding(path: Path) -> Path | None:
        """The corpus folder that `path` is inside (at any depth), if any."""
        return next((p for p in path.absolute().parents if Corpus.is_corpus(p)), None)

    @classmethod
    def open(cls, root: Path) -> Corpus:
        """Open an existing corpus; CorpusError when `root` is not one."""
        marker = root / MARKER
        if not marker.is_file():
            hint = "it does not exist" if not root.exists() else f"no {MARKER}"
            raise CorpusError(
                f"{root}: not a diffdoc corpus ({hint}; create one with `diffdoc init {root}`)"
            )
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CorpusError(f"{marker}: corrupt corpus marker ({error})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise CorpusError(f"{marker}: not a diffdoc corpus marker")
        if data.get("version") != FORMAT_VERSION:
            raise CorpusError(
                f"{marker}: corpus format version {data.get('version')!r} is not supported"
            )
        return cls(root)

    @property
    def index(self) -> Index:
        """The index, opened on first use."""
        if self._index is None:
            self._index = open_index(self.root / INDEX_FILE)
        return self._index

    def close(self) -> None:
        """Close the index."""
        if self._index is not None:
            self._index.close()
            self._index = None

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the corpus's exclusive writer lock."""
        with safeio.locked(self.root / LOCK_FILE):
            yield

    # --- paths --------------------------------------------------------------------------------

    def document_dir(self, doc_id: str) -> Path:
        """The folder of a document (the id must already be checked)."""
        return self.documents_dir / doc_id

    def version_dir(self, version: VersionRecord) -> Path:
        """The folder of a stored version."""
        return self.documents_dir / version.doc_id / version.label

    def object_path(self, sha256: str) -> Path:
        """Where the original bytes with this sha256 are kept."""
        return self.objects_dir / sha256[:2] / sha256[2:]

    # --- reading from disk --------------------------------------------------------------------

    def document_ids_on_disk(self) -> list[str]:
        """The names of the document folders, sorted, without unfinished writes."""
        try:
            entries = list(os.scandir(self.documents_dir))
        except FileNotFoundError:
            raise CorpusError(f"{self.documents_dir}: missing (corpus damaged?)") from None
        return sorted(e.name for e in entries if not safeio.is_temp(e.name) and e.is_dir())

    def read_from_disk(self, doc_id: str) -> tuple[DocumentRecord, list[VersionRecord]]:
        """Read a document's metadata files (not the index); versions oldest first."""
        folder = self.document_dir(doc_id)
        safeio.refuse_links(self.root, folder / DOCUMENT_FILE)
        document = read_document(folder / DOCUMENT_FILE)
        if document.id != doc_id:
            raise CorpusError(f"{folder / DOCUMENT_FILE}: id {document.id!r} != folder name")
        versions = []
        with os.scandir(folder) as scan:
            entries = list(scan)
        for entry in entries:
            if safeio.is_temp(entry.name) or not entry.is_dir():
                continue
            if entry.is_symlink():
                safeio.refuse_links(self.root, Path(entry.path))
            version = read_version(Path(entry.path) / VERSION_FILE)
            if version.label != entry.name or version.doc_id != doc_id:
                raise CorpusError(
                    f"{entry.path}/{VERSION_FILE}: label or document id does not match its folder"
                )
            versions.append(version)
        versions.sort(key=lambda v: v.number)
        return document, versions

    # --- reading through the index ------------------------------------------------------------

    def history(self, doc_id: str) -> tuple[DocumentRecord, list[VersionRecord]]:
        """A document and its versions, oldest first; UnknownRefError when there is none."""
        check_doc_id(doc_id)
        stamp = document_stamp(self.document_dir(doc_id))
        if stamp is None or not (self.document_dir(doc_id) / DOCUMENT_FILE).is_file():
            if self.index.stamp(doc_id) is not None:
                self.index.drop_documents([doc_id])
            raise UnknownRefError(f"{self.root}: no document {doc_id!r}")
        if self.index.stamp(doc_id) == stamp:
            document = self.index.document(doc_id)
            if document is not None:
                return document, self.index.versions(doc_id)
        document, versions = self.read_from_disk(doc_id)
        self.index.put_documents([(document, versions, stamp)])
        return document, versions

    def summaries(
        self, series: str | None = None, *, problems: list[CorpusError] | None = None
    ) -> list[DocumentSummary]:
        """Every document (of a series) with its version count and latest version, by id.

        With `problems`, a document whose files cannot be read is left out and its error
        added there, instead of failing the whole list.
        """
        self.refresh_index(problems=problems)
        return self.index.summaries(series)

    def refresh_index(
        self, *, rebuild: bool = False, problems: list[CorpusError] | None = None
    ) -> None:
        """Bring the index up to date with the document folders (all of them if `rebuild`);
        a document that cannot be read fails the refresh, or with `problems` is left out of
        the index and its error added there."""
        if rebuild:
            self.index.clear()
        known = self.index.stamps()
        on_disk = self.document_ids_on_disk()
        stale = []
        broken = set()
        for doc_id in on_disk:
            folder = self.document_dir(doc_id)
            if folder_stamp(folder) == shallow_part(known.get(doc_id)):
                continue
            stamp = document_stamp(folder)
            if stamp is not None:
                try:
                    document, versions = self.read_from_disk(doc_id)
                except (CorpusError, OSError) as error:
                    if problems is None:
                        raise
                    problems.append(_problem(folder, error))
                    broken.add(doc_id)
                    continue
                stale.append((document, versions, stamp))
        self.index.put_documents(stale)
        gone = (set(known) - set(on_disk)) | (broken & set(known))
        if gone:
            self.index.drop_documents(sorted(gone))

    def resolve(self, ref: str | Ref) -> VersionRecord:
        """The version a reference names; UnknownRefError when it names none."""
        parsed = parse_ref(ref) if isinstance(ref, str) else ref
        _, versions = self.history(parsed.doc_id)
        found: VersionRecord | None = None
        if parsed.label is not None:
            found = next((v for v in versions if v.label == parsed.label), None)
        elif parsed.number is not None:
            found = next((v for v in versions if v.number == parsed.number), None)
        else:
            back = parsed.back or 0
            found = versions[-1 - back] if back < len(versions) else None
        if found is None:
            shown = ", ".join(f"@{v.label}" for v in versions[-5:])
            more = f"{len(versions) - 5} earlier, then " if len(versions) > 5 else ""
            raise UnknownRefError(
                f"{parsed}: no such version in {self.root} "
                f"({parsed.doc_id} has {len(versions)} version{'s' * (len(versions) != 1)}: "
                f"{more}{shown})"
            )
        return found

    def text(self, version: VersionRecord) -> str:
        """The stored normalized text of a version, checked against its recorded sha256."""
        path = self.version_dir(version) / TEXT_FILE
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CorpusError(f"{path}: missing (run `diffdoc verify`)") from None
        _check_unaltered(path, data, version.text_sha256)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise CorpusError(f"{path}: not UTF-8 (run `diffdoc verify`)") from None

    def original(self, version: VersionRecord) -> bytes:
        """The original bytes of a version, exactly as added (checked against their sha256)."""
        path = self.object_path(version.sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CorpusError(f"{path}: missing original of {version.ref}") from None
        _check_unaltered(path, data, version.sha256)
        return data

    def load(self, version: VersionRecord) -> Document:
        """The version as a Document whose source label is its reference (`DOC@LABEL`)."""
        path = self.version_dir(version) / TEXT_FILE
        try:
            document = docformat.loads(self.text(version), name=str(path))
        except InputError as error:
            raise CorpusError(f"{path}: corrupt normalized text ({error.problem})") from None
        source = Source(version.ref, version.sha256, version.format, version.encoding)
        # The version came from resolve() or history(), which brought the index up to date:
        # one query, not another look at every version's metadata file.
        record = self.index.document(version.doc_id) or self.history(version.doc_id)[0]
        # What the corpus records about the version (given to `add`) completes the text's own.
        facts = {
            "date": version.date,
            "lang": record.lang,
            "series": record.series,
            "note": version.note,
        }
        metadata = {**document.metadata, **{k: v for k, v in facts.items() if v}}
        return replace(document, source=source, metadata=metadata)


def _problem(folder: Path, error: CorpusError | OSError) -> CorpusError:
    if isinstance(error, CorpusError):
        return error
    return CorpusError(f"{error.filename or folder}: cannot read ({error.strerror or error})")


def _check_unaltered(path: Path, data: bytes, sha256: str) -> None:
    """Refuse to serve a stored file whose bytes no longer hash to what was recorded."""
    if sha256_hex(data) != sha256:
        raise CorpusError(f"{path}: altered since it was added; run `diffdoc verify`")
