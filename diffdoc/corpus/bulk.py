"""Bulk import: many versions at once, parsed in parallel, written in batches.

`import_items(corpus, items)` takes an iterable of `BulkItem` (a document id, the bytes to
store, the name they came under and optional metadata), in the order they should be added,
and stores each as a new version the way `add_version` would, with the same write safety:

- items whose bytes a version of the same document already holds are skipped (so a second run
  of an interrupted import finishes the rest);
- the items are read in chunks; each chunk is parsed on the engine (local worker processes or
  Dask), then written under the writer lock: originals and version folders under temporary
  names, flushed with one `os.sync()`, then renamed into place; the index is updated once per
  chunk. A killed import leaves whole versions only (and `.tmp-*` leftovers the next writer
  removes);
- several versions of one document may come in one run (oldest first, as `import-git` gives
  them); labels are given or automatic (`v1`, `v2`, ...).

An item that cannot be read stops the import with a one-line error naming it; the items before
it are stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from diffdoc.corpus.bulk_items import BulkItem, Failed, Parsed, check_item, parse_item
from diffdoc.corpus.bulk_write import Planned, write_chunk
from diffdoc.corpus.records import VersionRecord
from diffdoc.corpus.store import Corpus, sha256_hex
from diffdoc.engine import Engine
from diffdoc.errors import DiffdocError
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
    numbers = {doc: max((v.number for v in vs.values()), default=0) for doc, vs in known.items()}
    taken = {doc: {v.label.casefold() for v in vs.values()} for doc, vs in known.items()}
    for batch in _batches(items, chunk):
        todo: list[tuple[BulkItem, str, str]] = []  # item, sha256, expected label
        for item in batch:
            check_item(item)
            sha256 = sha256_hex(item.data)
            stored = known.get(item.doc_id, {}).get(sha256)
            if stored is not None:
                result.skipped.append((item.name, stored))
                continue
            known.setdefault(item.doc_id, {})[sha256] = _placeholder(item, sha256)
            expected = _expected_label(item, numbers, taken)
            todo.append((item, sha256, expected))
        if progress and len(todo) < len(batch):
            progress(len(batch) - len(todo))
        if not todo:
            continue
        work = [(item, f"{item.doc_id}@{label}") for item, _, label in todo]
        parsed = engine.map(partial(parse_item, max_size=max_size), work, progress=progress)
        failure = next(((i, p) for i, p in enumerate(parsed) if isinstance(p, Failed)), None)
        good = parsed if failure is None else parsed[: failure[0]]
        planned = [
            Planned(item, sha256, label, p)
            for (item, sha256, label), p in zip(todo, good, strict=False)
            if isinstance(p, Parsed)
        ]
        written = write_chunk(corpus, planned, reparse=partial(parse_item, max_size=max_size))
        for version in written.added:
            known[version.doc_id][version.sha256] = version
        result.added.extend(written.added)
        result.skipped.extend(written.skipped)
        result.documents_created += written.documents_created
        if on_chunk and written.added:
            on_chunk(written.added)
        if failure is not None:
            bad = failure[1]
            assert isinstance(bad, Failed)
            raise _StoppedError(bad.message, len(result.added))
    return result


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
