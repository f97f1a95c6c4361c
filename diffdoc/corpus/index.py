"""The corpus index: one SQLite file that makes list, log and reference lookup fast.

It is derived data, never the source of truth. Each document's row carries the `stamp` of its
folder (modification time, inode, link count) and a digest of the stat of its metadata files
(`store.document_stamp`) at the moment it was read; a reader that finds a different stamp on
disk reads that document's files again and refreshes its rows. So the index heals itself after
an interrupted write, a `git pull` or a hand edit, and `verify` rebuilds it. `list` compares
only the folder part, to stay one stat per document.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from diffdoc.corpus.records import DocumentRecord, VersionRecord
from diffdoc.errors import CorpusError

SCHEMA_VERSION = "1"
# SQLITE_PERM, SQLITE_READONLY and its extended codes
_READ_ONLY_CODES = frozenset({3, 8, 264, 520, 776, 1032, 1288, 1544})

_VERSION_COLUMNS = tuple(f.name for f in fields(VersionRecord))
_DOCUMENT_COLUMNS = tuple(f.name for f in fields(DocumentRecord))

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    {", ".join(_DOCUMENT_COLUMNS)}, stamp TEXT NOT NULL, PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS documents_series ON documents (series);
CREATE TABLE IF NOT EXISTS versions (
    {", ".join(_VERSION_COLUMNS)}, PRIMARY KEY (doc_id, number)
);
CREATE INDEX IF NOT EXISTS versions_label ON versions (doc_id, label);
CREATE INDEX IF NOT EXISTS versions_sha ON versions (sha256);
CREATE TABLE IF NOT EXISTS change_stats (
    old_sha TEXT, new_sha TEXT, tool TEXT, stats TEXT NOT NULL,
    PRIMARY KEY (old_sha, new_sha, tool)
);
"""


@dataclass(frozen=True)
class DocumentSummary:
    """A document as `list` shows it: its record, how many versions, and the latest one."""

    document: DocumentRecord
    version_count: int
    latest: VersionRecord | None


class Index:
    """Open (creating or recreating as needed) the index file at `path`.

    A corpus that cannot be written (read-only media, a checkout the user may not write to)
    still reads: its index is then kept in memory, starting from a copy of the file when there
    is a readable one, and refreshed from the document folders as usual. The switch also
    happens when a write to the file is refused later (an index file that is read-only).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.in_memory = False
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError as error:
            if _read_only(error) or not _writable(path):
                self._db = self._memory_copy()
                return
            # A damaged or foreign file: the index is derived, so start afresh.
            try:
                path.unlink(missing_ok=True)
            except OSError:
                self._db = self._memory_copy()
                return
            self._db = self._open(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        return _prepared(sqlite3.connect(path, timeout=60, isolation_level=None))

    def _memory_copy(self) -> sqlite3.Connection:
        """An index in memory holding what the file holds, if it can be read at all."""
        self.in_memory = True
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            source = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode=ro", uri=True)
            try:
                source.backup(memory)
            finally:
                source.close()
            return _prepared(memory)
        except sqlite3.Error:  # no file, or not a readable index: start empty
            return _prepared(sqlite3.connect(":memory:", isolation_level=None))

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    # --- reading ------------------------------------------------------------------------------

    def stamps(self) -> dict[str, str]:
        """The stamp recorded for every indexed document."""
        return dict(self._db.execute("SELECT id, stamp FROM documents").fetchall())

    def stamp(self, doc_id: str) -> str | None:
        """The stamp recorded for one document, or None when it is not indexed."""
        row = self._db.execute("SELECT stamp FROM documents WHERE id=?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def document(self, doc_id: str) -> DocumentRecord | None:
        """The indexed record of one document."""
        row = self._db.execute(
            f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents WHERE id=?", (doc_id,)
        ).fetchone()
        return None if row is None else DocumentRecord(*row)

    def versions(self, doc_id: str) -> list[VersionRecord]:
        """The indexed versions of one document, oldest first."""
        rows = self._db.execute(
            f"SELECT {', '.join(_VERSION_COLUMNS)} FROM versions WHERE doc_id=? ORDER BY number",
            (doc_id,),
        )
        return [VersionRecord(*row) for row in rows]

    def summaries(self, series: str | None = None) -> list[DocumentSummary]:
        """Every indexed document (of one series, if given) in id order with its latest version."""
        columns = ", ".join(f"d.{c}" for c in _DOCUMENT_COLUMNS)
        version_columns = ", ".join(f"v.{c}" for c in _VERSION_COLUMNS)
        where = "WHERE d.series = ?" if series is not None else ""
        rows = self._db.execute(
            f"""
            SELECT {columns}, counts.n, {version_columns}
            FROM documents d
            LEFT JOIN (SELECT doc_id, COUNT(*) AS n, MAX(number) AS last
                       FROM versions GROUP BY doc_id) counts ON counts.doc_id = d.id
            LEFT JOIN versions v ON v.doc_id = d.id AND v.number = counts.last
            {where}
            ORDER BY d.id
            """,
            (series,) if series is not None else (),
        )
        width = len(_DOCUMENT_COLUMNS)
        result = []
        for row in rows:
            latest = VersionRecord(*row[width + 1 :]) if row[width + 1] is not None else None
            result.append(DocumentSummary(DocumentRecord(*row[:width]), row[width] or 0, latest))
        return result

    def sha_referenced(self, sha256: str) -> bool:
        """True when some indexed version keeps its original bytes under this sha256."""
        row = self._db.execute("SELECT 1 FROM versions WHERE sha256=? LIMIT 1", (sha256,))
        return row.fetchone() is not None

    def cached_stats(self, old_sha: str, new_sha: str, tool: str) -> str | None:
        """Change statistics stored earlier for a pair of normalized texts, as JSON."""
        row = self._db.execute(
            "SELECT stats FROM change_stats WHERE old_sha=? AND new_sha=? AND tool=?",
            (old_sha, new_sha, tool),
        ).fetchone()
        return None if row is None else str(row[0])

    # --- writing ------------------------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run `work` in one transaction; should the file refuse it (read-only), move to an
        index in memory and run it there."""
        try:
            with transaction(self._db):
                work(self._db)
        except sqlite3.OperationalError as error:
            if self.in_memory or not _read_only(error):
                raise
            self._db.close()
            self._db = self._memory_copy()
            with transaction(self._db):
                work(self._db)

    def store_stats(self, old_sha: str, new_sha: str, tool: str, stats: str) -> None:
        """Remember change statistics for a pair of normalized texts."""
        self._write(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO change_stats VALUES (?, ?, ?, ?)",
                (old_sha, new_sha, tool, stats),
            )
        )

    def put_documents(
        self, entries: Iterable[tuple[DocumentRecord, Sequence[VersionRecord], str]]
    ) -> None:
        """Replace the rows of each (document, versions, stamp) in one transaction."""
        doc_marks = ", ".join("?" * (len(_DOCUMENT_COLUMNS) + 1))
        version_marks = ", ".join("?" * len(_VERSION_COLUMNS))
        rows = list(entries)

        def put(db: sqlite3.Connection) -> None:
            for document, versions, stamp in rows:
                db.execute("DELETE FROM versions WHERE doc_id=?", (document.id,))
                db.execute(
                    f"INSERT OR REPLACE INTO documents VALUES ({doc_marks})",
                    (*astuple(document), stamp),
                )
                db.executemany(
                    f"INSERT INTO versions VALUES ({version_marks})",
                    [astuple(version) for version in versions],
                )

        self._write(put)

    def drop_documents(self, doc_ids: Iterable[str]) -> None:
        """Forget documents that are no longer on disk."""
        ids = list(doc_ids)

        def drop(db: sqlite3.Connection) -> None:
            for doc_id in ids:
                db.execute("DELETE FROM versions WHERE doc_id=?", (doc_id,))
                db.execute("DELETE FROM documents WHERE id=?", (doc_id,))

        self._write(drop)

    def clear(self) -> None:
        """Forget every document and cached statistic (before a full rebuild)."""

        def clear(db: sqlite3.Connection) -> None:
            for table in ("versions", "documents", "change_stats"):
                db.execute(f"DELETE FROM {table}")

        self._write(clear)


def _prepared(db: sqlite3.Connection) -> sqlite3.Connection:
    """`db` with the current schema: an index of another schema version is emptied."""
    try:
        found = None
        has_meta = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if has_meta:
            row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            found = row[0] if row else None
        if found != SCHEMA_VERSION:
            with transaction(db):
                for table in ("meta", "documents", "versions", "change_stats"):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    except BaseException:
        db.close()
        raise
    return db


def _read_only(error: sqlite3.Error) -> bool:
    """True when SQLite refused because the file or its folder cannot be written."""
    return getattr(error, "sqlite_errorcode", None) in _READ_ONLY_CODES or (
        "readonly" in str(error)
    )


def _writable(path: Path) -> bool:
    """False when the index file could not be created or written: a read-only file system
    (EROFS, even for root), or permissions (EACCES, EPERM) in the way."""
    if not os.access(path.parent, os.W_OK):
        return False
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CorpusError(
                f"{path}: is a symbolic link; diffdoc never writes through one"
            ) from None
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return False
        raise CorpusError(f"{path}: cannot open the corpus index ({error.strerror})") from None
    os.close(fd)
    return True


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE), rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def open_index(path: Path) -> Index:
    """Open the index, turning SQLite failures into a one-line CorpusError."""
    try:
        return Index(path)
    except sqlite3.Error as error:
        raise CorpusError(f"{path}: cannot open the corpus index ({error})") from None
