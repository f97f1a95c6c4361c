"""`reuse --all`: every passage shared by two or more documents, grouped into families.

1. The join, partitioned by shingle hash: PARTITIONS ranges of the hash space, each read from
   the shingle index by one task, count for every pair of versions of different documents the
   sampled shingles they share (shingles in more than MAX_DF versions left out).
2. Each pair sharing at least MIN_SHARED of them is matched word by word (`match_documents`),
   one task per version with all its partners.
3. Overlapping passages of one paragraph are one occurrence; two occurrences matched to each
   other are in one family (union-find). A family lists its occurrences earliest first; its
   text is its earliest occurrence.

The partitions, the tasks and the grouping do not depend on the engine or the number of workers,
and every list is sorted before it is used: the families come out the same whatever ran them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from diffdoc.corpus import Corpus, VersionRecord
from diffdoc.engine import Engine
from diffdoc.reuse.index import ShingleIndex, all_versions, places_of, postings_between
from diffdoc.reuse.passages import MIN_SHARED as MIN_RUN
from diffdoc.reuse.passages import Match, longest_run, match_documents
from diffdoc.reuse.query import DEFAULT_MIN_WORDS, load_paragraphs, max_df, order_key
from diffdoc.reuse.shingles import Paragraph

PARTITIONS = 64
# Pairs sharing fewer sampled shingles are not matched: 3 keeps a two-sentence passage with one
# changed word (about 20 intact shingles, 5 sampled) with chance 91 %, longer ones almost surely.
MIN_SHARED = 3
_SPACE = 1 << 63
_PAIR = 1 << 32


@dataclass(frozen=True)
class Occurrence:
    """One place a family's passage occurs: version, paragraph, characters, words."""

    version: VersionRecord
    paragraph: int
    start: int
    end: int
    words: int


@dataclass(frozen=True)
class Family:
    """A passage and every occurrence of it, earliest first."""

    text: str
    words: int
    occurrences: tuple[Occurrence, ...]


def partition_bounds(count: int = PARTITIONS) -> list[tuple[int, int]]:
    """`count` ranges [low, high] covering the 63-bit hash space."""
    step = _SPACE // count
    return [(i * step, _SPACE - 1 if i == count - 1 else (i + 1) * step - 1) for i in range(count)]


def pair_counts(
    path: str, documents: dict[int, int], max_df: int, bounds: tuple[int, int]
) -> list[tuple[int, int]]:
    """(pair key, shared shingles) for the versions of different documents sharing a shingle of
    this partition; `documents` maps the versions taken part to their document (a task)."""
    counts: dict[int, int] = {}
    rows = postings_between(path, bounds)
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end][0] == rows[start][0]:
            end += 1
        holders = [v for _, v in rows[start:end] if v in documents]
        start = end
        if len(holders) < 2 or len(holders) > max_df:
            continue
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                if documents[a] != documents[b]:
                    key = a * _PAIR + b
                    counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items())


@lru_cache(maxsize=512)
def _cached_paragraphs(root: str, version: VersionRecord) -> list[Paragraph]:
    """A worker's recently read versions (a version is the partner of many)."""
    return load_paragraphs(Path(root), version)


Task = tuple[tuple[int, VersionRecord], tuple[tuple[int, VersionRecord], ...]]


def match_group(root: str, index_path: str, min_words: int, task: Task) -> list[list[Match]]:
    """The passages version `task[0]` shares with each of its partners (a task): only the
    partners holding a run of its sampled shingles (`longest_run`) are read and matched."""
    (number, version), partners = task
    places = places_of(index_path, [number, *(n for n, _ in partners)])
    where: dict[int, list[tuple[int, int]]] = {}
    for hash_value, paragraph, position in places.get(number, []):
        where.setdefault(hash_value, []).append((paragraph, position))
    found: list[list[Match]] = []
    for partner_number, partner in partners:
        if longest_run(where, places.get(partner_number, [])) < MIN_RUN:
            found.append([])
            continue
        ours = _cached_paragraphs(root, version)
        found.append(match_documents(ours, _cached_paragraphs(root, partner), min_words))
    return found


def find_families(
    corpus: Corpus,
    index: ShingleIndex,
    *,
    series: str | None = None,
    min_words: int = DEFAULT_MIN_WORDS,
    engine: Engine | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Family]:
    """Every family of passages shared by two or more documents (of `series`)."""
    engine = engine or Engine()
    records = {(v.doc_id, v.label): v for v in all_versions(corpus)}
    members = None if series is None else {s.document.id for s in corpus.summaries(series)}
    by_id: dict[int, VersionRecord] = {}
    for indexed in index.versions():
        record = records.get((indexed.doc_id, indexed.label))
        if record is not None and (members is None or record.doc_id in members):
            by_id[indexed.id] = record
    doc_number = {doc: n for n, doc in enumerate(sorted({v.doc_id for v in by_id.values()}))}
    documents = {i: doc_number[v.doc_id] for i, v in by_id.items()}
    join = partial(pair_counts, str(index.path), documents, max_df(len(by_id)))
    totals: dict[int, int] = {}
    for part in engine.map(join, partition_bounds()):
        for key, count in part:
            totals[key] = totals.get(key, 0) + count
    partners: dict[int, list[int]] = {}
    for key in sorted(totals):
        if totals[key] >= MIN_SHARED:
            partners.setdefault(key // _PAIR, []).append(key % _PAIR)
    tasks: list[Task] = [
        ((a, by_id[a]), tuple((b, by_id[b]) for b in partners[a])) for a in sorted(partners)
    ]
    if progress:
        progress("pairs", sum(len(t[1]) for t in tasks), len(by_id))
    results = engine.map(partial(match_group, str(corpus.root), str(index.path), min_words), tasks)
    links = [
        (version, partner, match)
        for ((_, version), others), found in zip(tasks, results, strict=True)
        for (_, partner), matches in zip(others, found, strict=True)
        for match in matches
    ]
    return _families(Path(corpus.root), links)


def _families(
    root: Path, links: Sequence[tuple[VersionRecord, VersionRecord, Match]]
) -> list[Family]:
    spans: dict[tuple[str, int], list[tuple[int, int, int, int]]] = {}
    records: dict[str, VersionRecord] = {}
    for ours, theirs, m in links:
        records[ours.ref], records[theirs.ref] = ours, theirs
        spans.setdefault((ours.ref, m.paragraph), []).append((m.first, m.last, m.start, m.end))
        spans.setdefault((theirs.ref, m.source_paragraph), []).append(
            (m.source_first, m.source_last, m.source_start, m.source_end)
        )
    segments: list[tuple[str, int, int, int, int, int]] = []  # ref, par, first, last, start, end
    where: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (ref, par) -> [(last, segment)]
    for key in sorted(spans):
        current: list[int] | None = None
        for first, last, start, end in sorted(spans[key]):
            if current is not None and first < current[1]:
                current[1], current[3] = max(current[1], last), max(current[3], end)
                continue
            if current is not None:
                segments.append((*key, *current))  # type: ignore[arg-type]
            current = [first, last, start, end]
        assert current is not None
        segments.append((*key, *current))  # type: ignore[arg-type]
    for number, (ref, par, first, _, _, _) in enumerate(segments):
        where.setdefault((ref, par), []).append((first, number))
    parent = list(range(len(segments)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def segment_of(ref: str, par: int, first: int) -> int:
        found = [n for start, n in where[(ref, par)] if start <= first]
        return found[-1]

    for ours, theirs, m in links:
        a = find(segment_of(ours.ref, m.paragraph, m.first))
        b = find(segment_of(theirs.ref, m.source_paragraph, m.source_first))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for number in range(len(segments)):
        groups.setdefault(find(number), []).append(number)

    @lru_cache(maxsize=256)
    def paragraph_text(ref: str, par: int) -> str:
        return load_paragraphs(root, records[ref])[par].text

    families = []
    for members in groups.values():
        occurrences = sorted(
            (
                Occurrence(records[s[0]], s[1], s[4], s[5], s[3] - s[2])
                for s in (segments[n] for n in members)
            ),
            key=lambda o: (order_key(o.version), o.paragraph, o.start),
        )
        earliest = occurrences[0]
        text = paragraph_text(earliest.version.ref, earliest.paragraph)
        families.append(
            Family(text[earliest.start : earliest.end], earliest.words, tuple(occurrences))
        )
    families.sort(
        key=lambda f: (
            order_key(f.occurrences[0].version),
            f.occurrences[0].paragraph,
            f.occurrences[0].start,
        )
    )
    return families
