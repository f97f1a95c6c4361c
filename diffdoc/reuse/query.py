"""`reuse REF`: the passages of one version that occur in other documents, with their sources.

Candidates come from the shingle index: the versions of other documents that share a sampled
shingle with REF (shingles held by more than MAX_DF versions, the formulas every text uses, seed
no candidate). Each candidate is matched word by word (`passages.match_documents`) on the
engine; overlapping matches of one paragraph become one passage, listing for each other document
its earliest version holding the passage, earliest first (by version date, then order added).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from diffdoc import docformat
from diffdoc.corpus import Corpus, VersionRecord
from diffdoc.engine import Engine
from diffdoc.models import Document
from diffdoc.reuse.index import ShingleIndex
from diffdoc.reuse.passages import Link, Match, by_hash, linked, match_documents
from diffdoc.reuse.shingles import LazyParagraphs, Paragraph, paragraphs, sampled_at

DEFAULT_MIN_WORDS = 12
# A sampled shingle in more than 1 % of the versions (at most MAX_DF, at least MIN_DF) is
# boilerplate: it seeds no candidate (passim's --max-df plays the same part). Passages holding
# it are still found through their rarer shingles, and matched whole.
MAX_DF = 100
MIN_DF = 5


def max_df(versions: int) -> int:
    """The document frequency above which a shingle is boilerplate, for a corpus this size."""
    return max(MIN_DF, min(MAX_DF, versions // 100))


# A candidate holds at least passages.MIN_SHARED sampled shingles of the document in one run
# (`passages.linked`), and only the paragraphs holding one are matched: before this rule, ~190
# candidates a statement of the General Debate were read and matched whole, nearly all for
# nothing (two formulas shared by chance, far apart). At most MAX_CANDIDATES are matched,
# those with the longest runs first.
MAX_CANDIDATES = 400


@dataclass(frozen=True)
class SourceHit:
    """Where a passage occurs in another document."""

    version: VersionRecord
    paragraph: int
    start: int
    end: int
    words: int
    similarity: float
    text: str  # the source's passage as written


@dataclass(frozen=True)
class Passage:
    """A reused passage of the document: paragraph, character offsets, words, sources."""

    paragraph: int
    start: int
    end: int
    words: int
    sources: tuple[SourceHit, ...]


@dataclass(frozen=True)
class ReuseResult:
    """The document and its reused passages, in reading order."""

    version: VersionRecord
    document: Document
    paragraphs: tuple[str, ...]
    passages: tuple[Passage, ...]


def order_key(version: VersionRecord) -> tuple[bool, str, str, str, int]:
    """Earliest first: by version date (undated last), then the order versions were added."""
    return (
        version.date is None,
        version.date or "",
        version.added_at,
        version.doc_id,
        version.number,
    )


def load_paragraphs(root: Path, version: VersionRecord) -> LazyParagraphs:
    """The words of a stored version's paragraphs (no index needed: runs on workers)."""
    text = Corpus(root).text(version)
    return LazyParagraphs(docformat.block_texts(text, name=version.ref))


Candidate = tuple[VersionRecord, tuple[Link, ...]]


def match_version(
    root: str, ours: Sequence[Paragraph], min_words: int, candidate: Candidate
) -> list[Match]:
    """The passages of `ours` that occur in a candidate version, in the paragraphs linked to
    ours (a task for the engine)."""
    version, links = candidate
    return match_documents(ours, load_paragraphs(Path(root), version), min_words, links)


def find_reuse(
    corpus: Corpus,
    version: VersionRecord,
    index: ShingleIndex,
    *,
    series: str | None = None,
    min_words: int = DEFAULT_MIN_WORDS,
    engine: Engine | None = None,
) -> ReuseResult:
    """The passages of `version` that also occur in other documents (of `series`)."""
    engine = engine or Engine()
    document = corpus.load(version)
    ours = paragraphs(document)
    candidates = _candidates(corpus, version, ours, index, series)
    work = partial(match_version, str(corpus.root), ours, min_words)
    found = engine.map(work, candidates)
    hits = [
        (match, record)
        for (record, _), matches in zip(candidates, found, strict=True)
        for match in matches
    ]
    return ReuseResult(version, document, tuple(b.text for b in document.blocks), group(ours, hits))


def _candidates(
    corpus: Corpus,
    version: VersionRecord,
    ours: Sequence[Paragraph],
    index: ShingleIndex,
    series: str | None,
) -> list[Candidate]:
    where = by_hash(sampled_at(ours))
    frequency = index.document_frequency(where)
    limit = max_df(index.count())
    rare = [h for h in where if frequency.get(h, 0) <= limit]
    scored = {}
    for number, hits in index.places(rare).items():
        links = linked(where, hits)
        if links:
            scored[number] = (max(links.values()), tuple(links))
    names = index.named(scored)
    members = None
    if series is not None:
        members = {s.document.id for s in corpus.summaries(series)}
    ranked = []
    for number, (doc_id, label) in names.items():
        if doc_id == version.doc_id or (members is not None and doc_id not in members):
            continue
        record = next((v for v in corpus.index.versions(doc_id) if v.label == label), None)
        if record is not None:
            score, pairs = scored[number]
            ranked.append((-score, order_key(record), (record, pairs)))
    ranked.sort(key=lambda r: (r[0], r[1]))
    chosen = [r[2] for r in ranked[:MAX_CANDIDATES]]
    chosen.sort(key=lambda c: order_key(c[0]))
    return chosen


# A match overlapping a passage is one of its sources when it covers this share of its words;
# one covering less is left out (it is another, overlapping passage of some other text).
COVER = 0.75


def group(
    ours: Sequence[Paragraph], hits: Sequence[tuple[Match, VersionRecord]]
) -> tuple[Passage, ...]:
    """The passages: the longest match first, each overlapping match that covers most of it
    as another source; per other document its earliest version holding the passage (the longest
    match there); sources earliest first; passages in reading order, never overlapping."""
    by_paragraph: dict[int, list[tuple[Match, VersionRecord]]] = {}
    for match, record in hits:
        by_paragraph.setdefault(match.paragraph, []).append((match, record))
    passages = []
    for index in sorted(by_paragraph):
        items = sorted(
            by_paragraph[index], key=lambda h: (-h[0].words, h[0].first, order_key(h[1]))
        )
        chosen: list[tuple[int, int, list[tuple[Match, VersionRecord]]]] = []
        for match, record in items:
            overlapping = [c for c in chosen if match.first < c[1] and c[0] < match.last]
            if not overlapping:
                chosen.append((match.first, match.last, [(match, record)]))
                continue
            first, last, members = overlapping[0]
            shared = min(last, match.last) - max(first, match.first)
            if len(overlapping) == 1 and shared >= COVER * (last - first):
                members.append((match, record))
        for first, last, members in sorted(chosen, key=lambda c: c[0]):
            passages.append(_passage(ours[index], index, first, last, members))
    return tuple(passages)


def _passage(
    paragraph: Paragraph,
    index: int,
    first: int,
    last: int,
    cluster: list[tuple[Match, VersionRecord]],
) -> Passage:
    best: dict[str, tuple[Match, VersionRecord]] = {}
    for match, record in cluster:
        held = best.get(record.doc_id)
        if held is None or _better(match, record, *held):
            best[record.doc_id] = (match, record)
    sources = []
    for match, record in sorted(best.values(), key=lambda h: order_key(h[1])):
        sources.append(
            SourceHit(
                record,
                match.source_paragraph,
                match.source_start,
                match.source_end,
                match.source_last - match.source_first,
                match.similarity,
                match.source_text,
            )
        )
    return Passage(
        index, paragraph.starts[first], paragraph.ends[last - 1], last - first, tuple(sources)
    )


def _better(match: Match, record: VersionRecord, held: Match, held_record: VersionRecord) -> bool:
    if record.number != held_record.number:
        return order_key(record) < order_key(held_record)
    return (match.words, -match.first) > (held.words, -held.first)
