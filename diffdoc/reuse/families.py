"""`reuse --all`: every passage shared by two or more documents, grouped into families.

1. The join, partitioned by shingle hash: PARTITIONS ranges of the hash space, each read from
   the shingle index by one task, count for every pair of versions of different documents the
   sampled shingles they share (shingles in more than MAX_DF versions left out).
2. Each pair sharing at least MIN_SHARED of them is matched word by word (`match_documents`),
   one task per version with all its partners.
3. Passages of one paragraph overlapping by most of their length (OVERLAP) are one
   occurrence; two occurrences matched to each other are in one family (union-find). A family
   lists its occurrences earliest first; its text is its earliest occurrence.

The partitions, the tasks and the grouping do not depend on the engine or the number of workers,
and every list is sorted before it is used: the families come out the same whatever ran them.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from diffdoc.corpus import Corpus, VersionRecord
from diffdoc.engine import Engine
from diffdoc.reuse.index import ShingleIndex, all_versions, places_of, postings_between
from diffdoc.reuse.passages import Match, by_hash, linked, match_documents
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
) -> bytes:
    """(pair key, shared shingles) for the versions of different documents sharing a shingle of
    this partition, sorted by key and packed (16 bytes a pair: on the General Debate, 8 million
    pairs share one shingle or more, which as a dict of Python ints took 1.7 GB); `documents`
    maps the versions taken part to their document (a task)."""
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
    packed = array("q")
    for key in sorted(counts):
        packed.append(key)
        packed.append(counts[key])
    return packed.tobytes()


def _partners(parts: Sequence[bytes], least: int) -> dict[int, list[int]]:
    """Each version's partners sharing at least `least` sampled shingles with it, summed over
    the partitions (a merge of their sorted pairs: memory stays at the packed pairs)."""
    streams = []
    for data in parts:
        numbers = array("q")
        numbers.frombytes(data)
        streams.append(zip(numbers[0::2], numbers[1::2], strict=True))
    partners: dict[int, list[int]] = {}
    current, total = -1, 0
    for key, count in heapq.merge(*streams):
        if key == current:
            total += count
            continue
        if total >= least:
            partners.setdefault(current // _PAIR, []).append(current % _PAIR)
        current, total = key, count
    if total >= least:
        partners.setdefault(current // _PAIR, []).append(current % _PAIR)
    return partners


@lru_cache(maxsize=512)
def _cached_paragraphs(root: str, version: VersionRecord) -> Sequence[Paragraph]:
    """A worker's recently read versions (a version is the partner of many)."""
    return load_paragraphs(Path(root), version)


Task = tuple[tuple[int, VersionRecord], tuple[tuple[int, VersionRecord], ...]]
# A match as the grouping needs it, small to send back from the workers and to keep by the
# hundred thousand: (paragraph, first word, last word, start, end) in the version, then the same
# in its partner.
Span = tuple[int, int, int, int, int, int, int, int, int, int]


def _span(m: Match) -> Span:
    return (
        *(m.paragraph, m.first, m.last, m.start, m.end),
        *(m.source_paragraph, m.source_first, m.source_last, m.source_start, m.source_end),
    )


def match_group(root: str, index_path: str, min_words: int, task: Task) -> list[list[Span]]:
    """The passages version `task[0]` shares with each of its partners (a task): only the
    partners holding a run of its sampled shingles are read, and only the paragraphs holding
    one matched (`linked`)."""
    (number, version), partners = task
    places = places_of(index_path, [number, *(n for n, _ in partners)])
    where = by_hash(places[number].hits()) if number in places else {}
    found: list[list[Span]] = []
    for partner_number, partner in partners:
        theirs = places.get(partner_number)
        hits = [] if theirs is None else list(theirs.hits(where.keys() & theirs.hashes))
        links = linked(where, hits)
        if not links:
            found.append([])
            continue
        ours = _cached_paragraphs(root, version)
        matches = match_documents(ours, _cached_paragraphs(root, partner), min_words, links)
        found.append([_span(m) for m in matches])
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
    partners = _partners(engine.map(join, partition_bounds()), MIN_SHARED)
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


# Two passages of one paragraph are one occurrence when they overlap by at least this share of
# the longer (passim's relative overlap): a formula inside a longer passage stays an occurrence of
# its own. Merging every overlap instead chained a quarter of the General Debate's passages into
# one family of 8,559 occurrences.
OVERLAP = 0.8


def _families(
    root: Path, links: Sequence[tuple[VersionRecord, VersionRecord, Span]]
) -> list[Family]:
    records: dict[str, VersionRecord] = {}
    spans: dict[tuple[str, int], list[tuple[int, int, int, int, int]]] = {}
    for number, (ours, theirs, m) in enumerate(links):
        records[ours.ref], records[theirs.ref] = ours, theirs
        spans.setdefault((ours.ref, m[0]), []).append((*m[1:5], 2 * number))
        spans.setdefault((theirs.ref, m[5]), []).append((*m[6:10], 2 * number + 1))
    segments: list[list[int]] = []  # first, last, start, end (the union of its passages)
    keys: list[tuple[str, int]] = []  # each segment's (ref, paragraph)
    segment_of = [0] * (2 * len(links))  # each end of each link: its segment
    for key in sorted(spans):
        heads: list[tuple[int, int, int]] = []  # each segment's first passage, and its number
        for first, last, start, end, end_id in sorted(spans[key]):
            heads = [h for h in heads if h[1] > first]  # sorted by first: the rest cannot overlap
            chosen = next(
                (
                    number
                    for head_first, head_last, number in heads
                    if min(last, head_last) - max(first, head_first)
                    >= OVERLAP * max(last - first, head_last - head_first)
                ),
                None,
            )
            if chosen is None:
                chosen = len(segments)
                segments.append([first, last, start, end])
                keys.append(key)
                heads.append((first, last, chosen))
            else:
                segment = segments[chosen]
                segment[1], segment[3] = max(segment[1], last), max(segment[3], end)
            segment_of[end_id] = chosen
    parent = list(range(len(segments)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for number in range(len(links)):
        a, b = find(segment_of[2 * number]), find(segment_of[2 * number + 1])
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
                Occurrence(records[keys[n][0]], keys[n][1], s[2], s[3], s[1] - s[0])
                for n, s in ((n, segments[n]) for n in members)
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
