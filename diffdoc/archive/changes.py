"""`changes`: every pair of consecutive versions across the corpus whose wording changed.

Each document's consecutive versions are compared on the engine (one task per document, so
each version is read once), through the corpus's comparison cache: a second run after new
commits compares only the new pairs. A pair is listed when its wording changed (the
comparison's `Stats.changed`, or a changed title) or, flagged `metadata_only`, when only the
front matter did. Re-wrapping, whitespace and a Markdown link's target are not wording: the
readers never put them in the text (a link reads as its words).

The results never depend on the engine: tasks come back in input order and are sorted by
date, document and version before anything is shown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from diffdoc import docformat
from diffdoc.archive.summaries import load_summary, store_summary, summary_path
from diffdoc.compare import compare
from diffdoc.corpus import Corpus, VersionRecord
from diffdoc.drafts.cache import ComparisonCache
from diffdoc.engine import Engine, Progress
from diffdoc.errors import CorpusError, InputError
from diffdoc.models import CompareOptions, Comparison, Document, Stats
from diffdoc.normalize import KeyConfig, comparison_key
from diffdoc.report.page import shorten
from diffdoc.wordiff import diff_words

FORMAT = "diffdoc-changes/1"
FIRST_CHANGES = 3  # changed passages quoted per pair
EXCERPT = 80  # characters of each


@dataclass(frozen=True)
class PairTask:
    """One document's pairs to compare: (old, new) versions, consecutive in the document."""

    root: str
    pairs: tuple[tuple[VersionRecord, VersionRecord], ...]
    options: CompareOptions


@dataclass(frozen=True)
class PairChange:
    """What changed between two consecutive versions (one entry of the JSON `changes`)."""

    doc: str
    path: str
    old: str
    new: str
    old_date: str | None
    new_date: str | None
    words_inserted: int
    words_deleted: int
    stats: Stats
    metadata_only: bool
    metadata_changes: tuple[tuple[str, str | None, str | None], ...]
    first_changes: tuple[tuple[str, str, str], ...]  # (op, deleted, inserted)
    title_changed: bool
    addresses_only: bool  # the only words changed are web addresses
    number: int  # the newer version's number in its document (for the order; not in JSON)

    def summary(self) -> dict[str, Any]:
        """The part that depends only on the two texts (what cache/changes/ keeps)."""
        data = self.to_json()
        return {key: data[key] for key in PAIR_FIELDS}

    def to_json(self) -> dict[str, Any]:
        """The JSON form of the pair (diffdoc-changes/1)."""
        return {
            "doc": self.doc,
            "path": self.path,
            "old": self.old,
            "new": self.new,
            "old_date": self.old_date,
            "new_date": self.new_date,
            "words_inserted": self.words_inserted,
            "words_deleted": self.words_deleted,
            "stats": asdict(self.stats),
            "metadata_only": self.metadata_only,
            "metadata_changes": [
                {"key": key, "old": old, "new": new} for key, old, new in self.metadata_changes
            ],
            "title_changed": self.title_changed,
            "addresses_only": self.addresses_only,
            "first_changes": [
                {"op": op, "deleted": deleted, "inserted": inserted}
                for op, deleted, inserted in self.first_changes
            ],
        }


@dataclass(frozen=True)
class TaskResult:
    """What one task found: the listed pairs, and how many it compared and took from cache."""

    changes: tuple[PairChange, ...]
    compared: int
    cached: int


@dataclass(frozen=True)
class ChangeList:
    """Every listed pair, wording first then metadata only, each newest first."""

    changes: tuple[PairChange, ...]
    pairs: int  # consecutive pairs compared
    cached: int  # of which came from the cache

    @property
    def wording(self) -> list[PairChange]:
        """The pairs whose wording changed."""
        return [c for c in self.changes if not c.metadata_only]

    @property
    def metadata_only(self) -> list[PairChange]:
        """The pairs whose front matter alone changed."""
        return [c for c in self.changes if c.metadata_only]


@functools.lru_cache(maxsize=4)
def _open(root: str) -> Corpus:
    return Corpus.open(Path(root))


def load_version(corpus: Corpus, version: VersionRecord) -> Document:
    """A stored version as its own text says it (front matter as metadata, not the facts the
    corpus adds to it: those differ for every commit)."""
    path = corpus.version_dir(version) / "normalized.txt"
    try:
        return docformat.loads(corpus.text(version), name=str(path))
    except InputError as error:
        raise CorpusError(f"{path}: corrupt normalized text ({error.problem})") from None


def compare_pair(
    corpus: Corpus, old: VersionRecord, new: VersionRecord, options: CompareOptions
) -> Comparison:
    """The comparison of two stored versions, through the corpus's cache."""
    cache = ComparisonCache(corpus.root, compare)
    return cache.compare(
        load_version(corpus, old),
        load_version(corpus, new),
        old.text_sha256,
        new.text_sha256,
        options,
    )


def compare_task(task: PairTask) -> TaskResult:
    """Compare one document's pairs through the caches (the engine's work)."""
    corpus = _open(task.root)
    cache = ComparisonCache(corpus.root, compare)
    found = []
    summarized = 0
    previous: tuple[VersionRecord, Document] | None = None
    for old, new in task.pairs:
        path = summary_path(corpus.root, old.text_sha256, new.text_sha256, task.options)
        known, pair = load_summary(path, corpus.root)
        change = from_summary(old, new, pair) if known and pair is not None else None
        if known and (pair is None or change is not None):
            summarized += 1
            if change is not None:
                found.append(change)
            continue
        # Pairs are consecutive: the newer side of one is usually the older side of the next.
        if previous is not None and previous[0] == old:
            old_doc = previous[1]
        else:
            old_doc = load_version(corpus, old)
        new_doc = load_version(corpus, new)
        previous = (new, new_doc)
        comparison = cache.compare(old_doc, new_doc, old.text_sha256, new.text_sha256, task.options)
        change = describe_pair(old, new, comparison)
        store_summary(path, corpus.root, None if change is None else change.summary())
        if change is not None:
            found.append(change)
    return TaskResult(tuple(found), len(task.pairs), summarized + cache.hits)


# The fields of a listed pair that depend only on the two texts (kept in cache/changes/).
PAIR_FIELDS = (
    "words_inserted",
    "words_deleted",
    "stats",
    "metadata_only",
    "metadata_changes",
    "title_changed",
    "addresses_only",
    "first_changes",
)


def from_summary(old: VersionRecord, new: VersionRecord, data: dict[str, Any]) -> PairChange | None:
    """The pair rebuilt from its summary and the two versions; None if the summary is bad."""
    try:
        return PairChange(
            doc=new.doc_id,
            path=new.source_name,
            old=old.ref,
            new=new.ref,
            old_date=old.date,
            new_date=new.date,
            words_inserted=int(data["words_inserted"]),
            words_deleted=int(data["words_deleted"]),
            stats=Stats(**data["stats"]),
            metadata_only=bool(data["metadata_only"]),
            metadata_changes=tuple(
                (str(m["key"]), m["old"], m["new"]) for m in data["metadata_changes"]
            ),
            first_changes=tuple(
                (str(f["op"]), str(f["deleted"]), str(f["inserted"])) for f in data["first_changes"]
            ),
            title_changed=bool(data["title_changed"]),
            addresses_only=bool(data["addresses_only"]),
            number=new.number,
        )
    except (KeyError, TypeError, ValueError):
        return None


def describe_pair(
    old: VersionRecord, new: VersionRecord, comparison: Comparison
) -> PairChange | None:
    """The pair as listed, or None when neither its wording nor its metadata changed."""
    stats = comparison.stats
    inserted, deleted = stats.words_inserted, stats.words_deleted
    config = KeyConfig.from_options(comparison.options)
    old_title, new_title = comparison.old.title, comparison.new.title
    title_changed = comparison_key(old_title, config) != comparison_key(new_title, config)
    if title_changed:
        title_diff = diff_words(old_title, new_title, config)
        inserted += title_diff.words_inserted
        deleted += title_diff.words_deleted
    metadata = metadata_changes(comparison.old.metadata, comparison.new.metadata)
    addresses = addresses_only(comparison)
    wording = title_changed or (
        not addresses
        and bool(stats.words_inserted or stats.words_deleted or stats.punctuation_changed)
    )
    # Web addresses printed in the text that changed alone (a site moved): not wording, listed
    # with the metadata changes.
    if not wording and not metadata and not addresses:
        return None
    return PairChange(
        doc=new.doc_id,
        path=new.source_name,
        old=old.ref,
        new=new.ref,
        old_date=old.date,
        new_date=new.date,
        words_inserted=inserted,
        words_deleted=deleted,
        stats=stats,
        metadata_only=not wording,
        metadata_changes=metadata,
        first_changes=first_changes(comparison, old_title if title_changed else None),
        title_changed=title_changed,
        addresses_only=addresses and not wording,
        number=new.number,
    )


_ADDRESS = re.compile(r"(?i:[a-z][a-z0-9+.-]*://|www\.)\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?")
_WORDS = re.compile(r"\S+")


def addresses_only(comparison: Comparison) -> bool:
    """True when some words changed and every one of them is a web address
    (`https://...`, `www.example.gov`, `example.gov/page`): a site moved, not a wording."""
    seen = False
    for block in comparison.blocks:
        if block.op == "equal":
            continue
        for segment in block.segments:
            if segment.op == "equal" or segment.cosmetic:
                continue
            for word in _WORDS.findall(segment.text):
                word = word.strip("()[]<>.,;:!?\"'")
                if not word:
                    continue
                if not _ADDRESS.fullmatch(word):
                    return False
                seen = True
    return seen


def metadata_changes(old: Any, new: Any) -> tuple[tuple[str, str | None, str | None], ...]:
    """Each metadata key whose value changed, was added or removed, by key."""
    keys = sorted(set(old) | set(new))
    return tuple((k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k))


def first_changes(
    comparison: Comparison, old_title: str | None = None
) -> tuple[tuple[str, str, str], ...]:
    """The first changed passages (op, words deleted, words inserted), shortened."""
    found: list[tuple[str, str, str]] = []
    if old_title is not None:
        found.append(("title", shorten(old_title, EXCERPT), shorten(comparison.new.title, EXCERPT)))
    for block in comparison.blocks:
        if len(found) >= FIRST_CHANGES:
            break
        if block.op in ("insert", "delete", "move"):
            text = shorten(block.new_text if block.op != "delete" else block.old_text, EXCERPT)
            found.append(
                (
                    block.op,
                    text if block.op == "delete" else "",
                    text if block.op != "delete" else "",
                )
            )
            continue
        deleted = " ".join(s.text for s in block.segments if s.op == "delete" and not s.cosmetic)
        inserted = " ".join(s.text for s in block.segments if s.op == "insert" and not s.cosmetic)
        if deleted.strip() or inserted.strip():
            found.append((block.op, shorten(deleted, EXCERPT), shorten(inserted, EXCERPT)))
    return tuple(found[:FIRST_CHANGES])


def consecutive_pairs(
    corpus: Corpus,
    *,
    series: str | None = None,
    doc_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[tuple[tuple[VersionRecord, VersionRecord], ...]]:
    """The consecutive version pairs of each document, by document id; a pair is in the
    date range when its newer version is."""
    if doc_id is not None:
        ids = [corpus.history(doc_id)[0].id]
    else:
        ids = [s.document.id for s in corpus.summaries(series)]
    found = []
    for name in ids:
        _, versions = corpus.history(name)
        pairs = tuple(
            (a, b)
            for a, b in pairwise(versions)
            if (since is None or (b.date or "") >= since)
            and (until is None or (b.date or "") <= until)
        )
        if pairs:
            found.append(pairs)
    return found


def list_changes(
    corpus: Corpus,
    *,
    series: str | None = None,
    doc_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    options: CompareOptions | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> ChangeList:
    """Compare every consecutive pair (through the cache) and list those that changed."""
    options = options or CompareOptions()
    engine = engine or Engine()
    documents = consecutive_pairs(corpus, series=series, doc_id=doc_id, since=since, until=until)
    root = str(corpus.root.resolve())
    tasks = [PairTask(root, pairs, options) for pairs in documents]
    results = engine.map(compare_task, tasks, progress=progress)
    changes = [c for r in results for c in r.changes]
    return ChangeList(
        tuple(sort_changes(changes)),
        sum(r.compared for r in results),
        sum(r.cached for r in results),
    )


def sort_changes(changes: Sequence[PairChange]) -> list[PairChange]:
    """Wording first, then metadata only; each newest first (then by document, version)."""

    ordered = sorted(changes, key=lambda c: (c.doc, -c.number))
    ordered.sort(key=lambda c: c.new_date or "", reverse=True)  # stable: ties keep that order
    ordered.sort(key=lambda c: c.metadata_only)
    return ordered


def to_json(result: ChangeList, engine: Engine) -> dict[str, Any]:
    """The diffdoc-changes/1 document; only `engine` depends on how it ran."""
    return {
        "format": FORMAT,
        "pairs": result.pairs,
        "wording": len(result.wording),
        "metadata_only": len(result.metadata_only),
        "changes": [c.to_json() for c in result.changes],
        "engine": {**engine.describe(), "cached": result.cached},
    }
