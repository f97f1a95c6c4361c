"""A document's versions in the corpus as a series of drafts: lineage, brackets, traces.

The glue between the corpus (which holds no diff logic) and the drafts library: versions are
loaded in order, each consecutive comparison is made once and kept in the comparison cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffdoc.compare import compare as compare_documents
from diffdoc.corpus import Corpus, DocumentRecord, VersionRecord
from diffdoc.drafts.brackets import bracket_series
from diffdoc.drafts.cache import Compare, ComparisonCache
from diffdoc.drafts.lineage import DraftVersion, Lineage, chain
from diffdoc.drafts.trace import PhraseTrace, trace_phrase
from diffdoc.errors import CorpusError
from diffdoc.models import CompareOptions, Comparison
from diffdoc.normalize import KeyConfig
from diffdoc.progress import progress
from diffdoc.report.series import Brackets


@dataclass(frozen=True)
class CorpusSeries:
    """A document's record, its versions (oldest first) and their lineage."""

    document: DocumentRecord
    records: tuple[VersionRecord, ...]
    lineage: Lineage

    def position(self, version: VersionRecord) -> int:
        """The place of a stored version in the series (0 = oldest)."""
        return next(n for n, r in enumerate(self.records) if r.number == version.number)


def draft_versions(corpus: Corpus, records: list[VersionRecord]) -> list[DraftVersion]:
    """The stored versions loaded as drafts."""
    return [DraftVersion(r.label, r.date, corpus.load(r), r.note) for r in records]


def consecutive_comparisons(
    corpus: Corpus,
    records: list[VersionRecord],
    versions: list[DraftVersion],
    options: CompareOptions,
    compare: Compare = compare_documents,
    show_progress: bool = False,
) -> list[Comparison]:
    """Each version compared with the next, through the corpus's comparison cache (a bar on
    stderr with `show_progress`, on a terminal only)."""
    cache = ComparisonCache(corpus.root, compare)
    return [
        cache.compare(
            versions[n].document,
            versions[n + 1].document,
            records[n].text_sha256,
            records[n + 1].text_sha256,
            options,
        )
        for n in progress(range(len(records) - 1), "comparing versions", show_progress)
    ]


def corpus_lineage(
    corpus: Corpus,
    doc_id: str,
    options: CompareOptions | None = None,
    *,
    upto: VersionRecord | None = None,
    compare: Compare = compare_documents,
    show_progress: bool = False,
) -> CorpusSeries:
    """The lineage of a document's versions (up to and including `upto`, when given)."""
    document, records = corpus.history(doc_id)
    if upto is not None:
        records = [r for r in records if r.number <= upto.number]
    versions = draft_versions(corpus, records)
    comparisons = consecutive_comparisons(
        corpus, records, versions, options or CompareOptions(), compare, show_progress
    )
    return CorpusSeries(document, tuple(records), chain(versions, comparisons))


def corpus_brackets(
    corpus: Corpus, doc_id: str
) -> tuple[DocumentRecord, list[tuple[VersionRecord, Brackets]]]:
    """Each version of a document with its bracket counts (passages followed by position)."""
    series = corpus_lineage(corpus, doc_id)
    lineage = series.lineage
    counts = bracket_series([v.document for v in lineage.versions], lineage.comparisons)
    return series.document, list(zip(series.records, counts, strict=True))


def corpus_trace(
    corpus: Corpus,
    phrase: str,
    *,
    doc_id: str | None = None,
    series: str | None = None,
    config: KeyConfig | None = None,
) -> list[tuple[DocumentRecord, list[VersionRecord], PhraseTrace]]:
    """Where a phrase occurs in one document, the documents of a series, or the whole corpus."""
    summaries = corpus.summaries(series) if doc_id is None else []
    if series is not None and not summaries:
        raise CorpusError(f"{corpus.root}: no series {series!r}")
    doc_ids = [doc_id] if doc_id is not None else [s.document.id for s in summaries]
    results = []
    for current in doc_ids:
        document, records = corpus.history(current)
        versions = draft_versions(corpus, records)
        results.append((document, records, trace_phrase(phrase, versions, config)))
    return results
