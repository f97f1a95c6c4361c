"""The shingle index: which sampled shingles each stored version holds (`shingles.sqlite`).

Derived data like `index.sqlite`, never the source of truth: each version's row carries its
text's sha256, and `sync` brings the index up to date with the corpus (new versions shingled on
the engine, removed or altered ones dropped). `add`, `import` and `remove` sync it after they
write; `verify` rebuilds it from scratch; the reuse commands sync it before they read.
"""

from __future__ import annotations

import sqlite3
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

from diffdoc import docformat
from diffdoc.corpus import Corpus, VersionRecord
from diffdoc.corpus.index import transaction
from diffdoc.corpus.store import SHINGLE_FILE
from diffdoc.engine import Engine, chunked
from diffdoc.errors import CorpusError
from diffdoc.reuse.shingles import SAMPLE_EVERY, SHINGLE_WORDS, places

# What the index was built with: a change of any of these rebuilds it.
SCHEMA = f"2:{SHINGLE_WORDS}:{SAMPLE_EVERY}"
_SYNC_CHUNK = 256

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, label TEXT NOT NULL,
    text_sha256 TEXT NOT NULL, places BLOB NOT NULL, UNIQUE (doc_id, label)
);
CREATE TABLE IF NOT EXISTS postings (
    hash INTEGER NOT NULL, version INTEGER NOT NULL, paragraph INTEGER NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (hash, version, paragraph, position)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Indexed:
    """A version as the shingle index knows it."""

    id: int
    doc_id: str
    label: str
    text_sha256: str


def version_places(root: str, version: VersionRecord) -> bytes:
    """The sampled shingles of one stored version and where each starts, packed as
    (hash, paragraph, word) triples (runs on the workers)."""
    corpus = Corpus(Path(root))
    document = docformat.loads(corpus.text(version), name=version.ref)
    return array("q", [n for place in places(document) for n in place]).tobytes()


class Places(NamedTuple):
    """A version's sampled shingles (sorted) and where each starts, as three columns."""

    hashes: array[int]
    paragraphs: array[int]
    words: array[int]

    @classmethod
    def unpack(cls, data: bytes) -> Places:
        numbers = array("q")
        numbers.frombytes(data)
        return cls(numbers[0::3], numbers[1::3], numbers[2::3])

    def hits(self, among: Iterable[int] | None = None) -> Iterator[tuple[int, int, int]]:
        """(hash, paragraph, word) of every place, or of those of the hashes `among` (found by
        bisection: a version shares a handful of its hundreds of shingles with a partner)."""
        if among is None:
            yield from zip(self.hashes, self.paragraphs, self.words, strict=True)
            return
        for hash_value in sorted(set(among)):
            at = bisect_left(self.hashes, hash_value)
            while at < len(self.hashes) and self.hashes[at] == hash_value:
                yield hash_value, self.paragraphs[at], self.words[at]
                at += 1


class ShingleIndex:
    """The shingle index of one corpus (opened, created or recreated as needed)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.path = corpus.root / SHINGLE_FILE
        try:
            self._db = self._open()
        except sqlite3.OperationalError:
            raise  # read-only, locked, cannot be created: not damage, keep the file
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)  # damaged: derived data, start afresh
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=120, isolation_level=None)
        db.execute("PRAGMA cache_size = -200000")
        try:
            row = None
            if db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
                row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None or row[0] != SCHEMA:
                with transaction(db):
                    for table in ("meta", "versions", "postings"):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    for statement in _TABLES.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    # --- keeping it up to date -----------------------------------------------------------------

    def sync(
        self,
        engine: Engine | None = None,
        *,
        rebuild: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        """Shingle the versions the index lacks, drop those the corpus no longer has; the counts.
        A one-line CorpusError naming the index when it cannot be written (a read-only corpus
        whose index is behind)."""
        try:
            return self._sync(engine or Engine(), rebuild, progress)
        except sqlite3.Error as error:
            raise CorpusError(f"{self.path}: cannot update the shingle index ({error})") from None

    def _sync(
        self, engine: Engine, rebuild: bool, progress: Callable[[int], None] | None
    ) -> tuple[int, int]:
        if rebuild:
            with transaction(self._db):
                self._db.execute("DELETE FROM postings")
                self._db.execute("DELETE FROM versions")
        self.corpus.refresh_index()
        wanted = {(v.doc_id, v.label, v.text_sha256): v for v in all_versions(self.corpus)}
        have = {(i.doc_id, i.label, i.text_sha256): i for i in self.versions()}
        gone = [have[key] for key in sorted(set(have) - set(wanted))]
        missing = [wanted[key] for key in wanted if key not in have]
        if gone:
            with transaction(self._db):
                for indexed in gone:
                    self._drop(indexed)
        work = partial(version_places, str(self.corpus.root))
        for batch in chunked(missing, _SYNC_CHUNK):
            packed = engine.map(work, list(batch), progress=progress)
            with transaction(self._db):
                for version, data in zip(batch, packed, strict=True):
                    self._put(version, data)
        return len(missing), len(gone)

    def _drop(self, indexed: Indexed) -> None:
        row = self._db.execute("SELECT places FROM versions WHERE id=?", (indexed.id,)).fetchone()
        self._db.executemany(
            "DELETE FROM postings WHERE hash=? AND version=? AND paragraph=? AND position=?",
            [(h, indexed.id, p, w) for h, p, w in Places.unpack(row[0]).hits()],
        )
        self._db.execute("DELETE FROM versions WHERE id=?", (indexed.id,))

    def _put(self, version: VersionRecord, data: bytes) -> None:
        old = self._db.execute(
            "SELECT id, doc_id, label, text_sha256 FROM versions WHERE doc_id=? AND label=?",
            (version.doc_id, version.label),
        ).fetchone()
        if old is not None:
            if old[3] == version.text_sha256:
                return  # another process indexed it meanwhile
            self._drop(Indexed(*old))
        cursor = self._db.execute(
            "INSERT INTO versions (doc_id, label, text_sha256, places) VALUES (?, ?, ?, ?)",
            (version.doc_id, version.label, version.text_sha256, data),
        )
        number = cursor.lastrowid
        self._db.executemany(
            "INSERT OR IGNORE INTO postings VALUES (?, ?, ?, ?)",
            [(h, number, p, w) for h, p, w in Places.unpack(data).hits()],
        )

    # --- reading -----------------------------------------------------------------------------

    def versions(self) -> list[Indexed]:
        """Every indexed version."""
        rows = self._db.execute("SELECT id, doc_id, label, text_sha256 FROM versions ORDER BY id")
        return [Indexed(*row) for row in rows]

    def count(self) -> int:
        """How many versions the index holds."""
        return int(self._db.execute("SELECT COUNT(*) FROM versions").fetchone()[0])

    def named(self, numbers: Iterable[int]) -> dict[int, tuple[str, str]]:
        """The (document id, label) of each of these indexed versions."""
        found: dict[int, tuple[str, str]] = {}
        for batch in chunked(sorted(set(numbers)), 500):
            marks = ",".join("?" * len(batch))
            query = f"SELECT id, doc_id, label FROM versions WHERE id IN ({marks})"
            for number, doc_id, label in self._db.execute(query, list(batch)):
                found[number] = (doc_id, label)
        return found

    def places(self, hashes: Iterable[int]) -> dict[int, list[tuple[int, int, int]]]:
        """For each indexed version holding some of `hashes`: where, as (hash, paragraph, word)
        triples in the order of the index."""
        found: dict[int, list[tuple[int, int, int]]] = {}
        for batch in chunked(sorted(set(hashes)), 500):
            marks = ",".join("?" * len(batch))
            query = (
                "SELECT hash, version, paragraph, position FROM postings "
                f"WHERE hash IN ({marks}) ORDER BY 1, 2, 3, 4"
            )
            for hash_value, version, paragraph, position in self._db.execute(query, list(batch)):
                found.setdefault(version, []).append((hash_value, paragraph, position))
        return found

    def document_frequency(self, hashes: Iterable[int]) -> dict[int, int]:
        """How many indexed versions hold each of `hashes`."""
        found: dict[int, int] = {}
        for batch in chunked(sorted(set(hashes)), 500):
            marks = ",".join("?" * len(batch))
            for hash_value, count in self._db.execute(
                f"SELECT hash, COUNT(DISTINCT version) FROM postings WHERE hash IN ({marks}) "
                "GROUP BY hash",
                list(batch),
            ):
                found[hash_value] = count
        return found


def all_versions(corpus: Corpus) -> list[VersionRecord]:
    """Every stored version, by document id then number (the index brought up to date first)."""
    found: list[VersionRecord] = []
    for summary in corpus.index.summaries():
        found.extend(corpus.index.versions(summary.document.id))
    return found


def postings_between(path: str, bounds: tuple[int, int]) -> list[tuple[int, int]]:
    """The (hash, version) postings with lo <= hash <= hi: one partition of the join (workers)."""
    low, high = bounds
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=120)
    try:
        query = (
            "SELECT DISTINCT hash, version FROM postings WHERE hash >= ? AND hash <= ? "
            "ORDER BY 1, 2"
        )
        return db.execute(query, (low, high)).fetchall()
    finally:
        db.close()


_READERS: dict[str, sqlite3.Connection] = {}


def places_of(path: str, numbers: Iterable[int]) -> dict[int, Places]:
    """The (hash, paragraph, word) places of these indexed versions (workers: one read-only
    connection per process and index file)."""
    db = _READERS.get(path)
    if db is None:
        db = _READERS[path] = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=120)
    found = {}
    for batch in chunked(sorted(set(numbers)), 500):
        marks = ",".join("?" * len(batch))
        query = f"SELECT id, places FROM versions WHERE id IN ({marks})"
        for number, data in db.execute(query, list(batch)):
            found[number] = Places.unpack(data)
    return found


def open_shingles(corpus: Corpus) -> ShingleIndex:
    """Open a corpus's shingle index; a one-line CorpusError when SQLite fails."""
    try:
        return ShingleIndex(corpus)
    except (sqlite3.Error, OSError) as error:
        where = corpus.root / SHINGLE_FILE
        problem = error.strerror if isinstance(error, OSError) else error
        raise CorpusError(f"{where}: cannot open the shingle index ({problem})") from None


def update_if_present(
    corpus: Corpus, engine: Engine | None = None, *, rebuild: bool = False
) -> bool:
    """After add, import or remove (or verify, `rebuild`): bring an existing shingle index up
    to date; a corpus that never used `reuse` gets none. True when there was one."""
    if not rebuild and not (corpus.root / SHINGLE_FILE).is_file():
        return False
    index = open_shingles(corpus)
    try:
        index.sync(engine)
    finally:
        index.close()
    return True
