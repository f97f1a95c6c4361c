"""Bulk import: many versions at once, parsed in parallel, written in batches.

`import_items(corpus, items)` takes an iterable of `BulkItem` (a document id, the bytes to
store, the name they came under and optional metadata), in the order they should be added,
and stores each as a new version the way `add_version` would, with the same write safety:

- items whose bytes a version of the same document already holds are skipped (so a second run
  of an interrupted import finishes the rest);
- the items are read in chunks; each chunk is parsed on the engine (in this process, on local
  worker processes or on Dask, with the workers kept up for the whole import) while the chunk
  before it is written (a pipeline one chunk deep), then written under the writer lock:
  originals and version folders under temporary names, flushed with one `os.sync()`, then
  renamed into place; the index is updated once per chunk. A killed import leaves whole
  versions only (and `.tmp-*` leftovers the next writer removes);
- several versions of one document may come in one run (oldest first, as `import-git` gives
  them); labels are given or automatic (`v1`, `v2`, ...).

An item that cannot be read stops the import with a one-line error naming it; the items before
it are stored.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any

from diffdoc.corpus import safeio
from diffdoc.corpus.bulk_items import BulkItem, Failed, Parsed, check_item, parse_item
from diffdoc.corpus.bulk_write import Planned, Written, write_chunk
from diffdoc.corpus.records import VersionRecord
from diffdoc.corpus.store import Corpus, sha256_hex
from diffdoc.engine import Engine, Pending, Session
from diffdoc.errors import CorpusError, DiffdocError
from diffdoc.ingest import MAX_INPUT_BYTES

# Items parsed and written together: big enough that the pool, the sync and the index
# transaction are paid rarely, small enough that a chunk's texts fit in memory.
DEFAULT_CHUNK = 256


@dataclass
class BulkResult:
    """What an import did, in the order of the items."""

    added: list[VersionRecord] = field(default_factory=list)
    # (item name, the version that already holds its bytes)
    skipped: list[tuple[str, VersionRecord]] = field(default_factory=list)
    documents_created: int = 0


Progress = Callable[[int], None]


def import_items(
    corpus: Corpus,
    items: Iterable[BulkItem],
    *,
    engine: Engine | None = None,
    chunk: int = DEFAULT_CHUNK,
    max_size: int = MAX_INPUT_BYTES,
    progress: Progress | None = None,
    on_chunk: Callable[[list[VersionRecord]], None] | None = None,
) -> BulkResult:
    """Store every item as a new version (skipping bytes already stored); see the module doc.

    `progress` is called with the number of items just dealt with; `on_chunk` with the versions
    each written chunk added (for derived indexes).
    """
    engine = engine or Engine()
    result = BulkResult()
    corpus.refresh_index()
    known: dict[str, dict[str, VersionRecord]] = {}  # doc id -> sha256 -> version
    for summary in corpus.index.summaries():
        doc_id = summary.document.id
        known[doc_id] = {v.sha256: v for v in corpus.index.versions(doc_id)}
    reparse = partial(parse_item, max_size=max_size)
    task = partial(_write_task, str(corpus.root), secrets.token_hex(8), max_size)
    writing: Pending[Written | Refused] | None = None

    def finish(writing: Pending[Written | Refused]) -> None:
        written = _written(writing)
        result.added.extend(written.added)
        result.skipped.extend(written.skipped)
        result.documents_created += written.documents_created
        if on_chunk and written.added:
            on_chunk(written.added)

    # Three stages at once: this process reads chunk k+2 while the engine parses chunk k+1 and
    # the writer process writes chunk k (a process of its own: in this one, every system call
    # of the writes would wait for the reading to let go of the interpreter).
    with engine.session(offload=True) as parsing, Engine().session(offload=True) as writer:
        failure = None
        for planned, skipped, failure in _parsed_chunks(
            items, known, chunk, parsing, reparse, progress
        ):
            result.skipped.extend(skipped)
            if writing is not None:
                finish(writing)  # one chunk written at a time, in order
            writing = writer.submit(task, [planned])
            if failure is not None:
                break
        if writing is not None:
            finish(writing)
        if failure is not None:
            raise _StoppedError(failure.message, len(result.added))
    # Items skipped as copies of an item of this run name the version it became.
    added = {(v.doc_id, v.sha256): v for v in result.added}
    result.skipped = [(n, added.get((v.doc_id, v.sha256), v)) for n, v in result.skipped]
    return result


@dataclass(frozen=True)
class Refused:
    """The writer process could not store a chunk: the one-line message."""

    message: str


# The writer process's corpus and the folders it has cleaned, per import (by its token).
_WRITERS: dict[tuple[str, str], tuple[Corpus, set[Path]]] = {}


def _write_task(root: str, token: str, max_size: int, planned: list[Planned]) -> Written | Refused:
    """Write one chunk (in the writer process); errors returned as messages, never raised."""
    safeio.crash_with_parent()
    try:
        if (root, token) not in _WRITERS:
            _WRITERS.clear()  # an earlier import's, inherited or finished
            _WRITERS[root, token] = (Corpus.open(Path(root)), set())
        corpus, cleaned = _WRITERS[root, token]
        reparse = partial(parse_item, max_size=max_size)
        return write_chunk(corpus, planned, reparse=reparse, cleaned=cleaned)
    except DiffdocError as error:
        return Refused(str(error))


def _written(writing: Pending[Written | Refused]) -> Written:
    try:
        (done,) = writing.results()
    except BrokenProcessPool:
        raise CorpusError(
            "the import's writer process died (killed?); run the import again"
        ) from None
    if isinstance(done, Refused):
        raise CorpusError(done.message)
    return done


_Chunk = tuple[list[Planned], list[tuple[str, VersionRecord]], Failed | None]


def _parsed_chunks(
    items: Iterable[BulkItem],
    known: dict[str, dict[str, VersionRecord]],
    size: int,
    session: Session,
    reparse: Callable[[tuple[BulkItem, str]], Parsed | Failed],
    progress: Progress | None,
) -> Iterator[_Chunk]:
    """Each chunk's items checked, those already stored set aside, the others parsed for the
    label they are expected to get; the chunk with the first item that cannot be read is the
    last (its good prefix, and the failure). The next chunk is submitted to the workers
    before this one's results are awaited, so that they always have work."""
    numbers = {doc: max((v.number for v in vs.values()), default=0) for doc, vs in known.items()}
    taken = {doc: {v.label.casefold() for v in vs.values()} for doc, vs in known.items()}
    waiting: tuple[list[tuple[BulkItem, str, str]], list[Any], Pending[Parsed | Failed]] | None
    waiting = None
    for batch in chain(_batches(items, size), [None]):
        submitted = None
        refused: DiffdocError | None = None  # raised once the chunks before it are written
        if batch is not None:
            todo: list[tuple[BulkItem, str, str]] = []  # item, sha256, expected label
            skipped = []
            try:
                for item in batch:
                    check_item(item)
                    sha256 = sha256_hex(item.data)
                    stored = known.get(item.doc_id, {}).get(sha256)
                    if stored is not None:
                        skipped.append((item.name, stored))
                        continue
                    known.setdefault(item.doc_id, {})[sha256] = _placeholder(item, sha256)
                    todo.append((item, sha256, _expected_label(item, numbers, taken)))
            except DiffdocError as error:
                refused = error
            else:
                work = [(item, f"{item.doc_id}@{label}") for item, _, label in todo]
                submitted = (todo, skipped, session.submit(reparse, work))
        if waiting is not None:
            todo_before, skipped_before, pending = waiting
            if progress and skipped_before:
                progress(len(skipped_before))
            parsed = pending.results(progress)
            failure = next((p for p in parsed if isinstance(p, Failed)), None)
            planned = []
            for (item, sha256, label), p in zip(todo_before, parsed, strict=True):
                if not isinstance(p, Parsed):
                    break
                planned.append(Planned(item, sha256, label, p))
            yield planned, skipped_before, failure
            if failure is not None:
                return
        if refused is not None:
            raise refused
        waiting = submitted


class _StoppedError(DiffdocError):
    """An item could not be read; the import stopped there (the items before it are stored)."""

    def __init__(self, message: str, stored: int) -> None:
        super().__init__(f"{message} (import stopped; {stored} version(s) stored before it)")
        self.stored = stored


ImportStopped = _StoppedError


def _placeholder(item: BulkItem, sha256: str) -> VersionRecord:
    """A stand-in for a version planned but not yet written (only its doc, sha and label)."""
    return VersionRecord(
        doc_id=item.doc_id,
        number=0,
        label="",
        date=None,
        source_name=item.name,
        note=None,
        sha256=sha256,
        text_sha256=sha256,
        added_at="",
        title="",
    )


def _expected_label(item: BulkItem, numbers: dict[str, int], taken: dict[str, set[str]]) -> str:
    """The label the item will get, as `add_version` chooses it (given, or v1, v2, ...)."""
    number = numbers.get(item.doc_id, 0) + 1
    numbers[item.doc_id] = number
    labels = taken.setdefault(item.doc_id, set())
    label = item.label
    if label is None:
        while f"v{number}" in labels:
            number += 1
        label = f"v{number}"
    labels.add(label.casefold())
    return label


def _batches(items: Iterable[BulkItem], size: int) -> Iterator[list[BulkItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


__all__ = [
    "DEFAULT_CHUNK",
    "BulkItem",
    "BulkResult",
    "ImportStopped",
    "check_item",
    "import_items",
    "parse_item",
]
