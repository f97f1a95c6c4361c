"""Shared by the drafts tests: small documents and the Paris Agreement series."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from diffdoc.compare import compare
from diffdoc.drafts.lineage import DraftVersion, Lineage, build_lineage
from diffdoc.ingest import read_document
from diffdoc.models import Block, Document
from diffdoc.normalize import comparison_key

PARIS = (
    "paris-2015-11-06-adp-draft-agreement.okfn-md.en.txt",
    "paris-2015-12-04-adp-draft-agreement.okfn-md.en.txt",
    "paris-2015-12-09-draft-agreement.okfn-md.en.txt",
    "paris-2015-12-12-paris-agreement-adopted.okfn-md.en.txt",
    "paris-2016-01-29-paris-agreement-editorial-corrections.okfn-md.en.txt",
)
PARIS_LABELS = ("draft-2015-11-06", "draft-2015-12-04", "draft-2015-12-09", "adopted", "corrected")


def doc(*texts: str) -> Document:
    """A document of paragraphs."""
    return Document("t", tuple(Block("paragraph", t, comparison_key(t)) for t in texts))


def paris_versions(texts_dir: Path) -> list[DraftVersion]:
    """The Paris series read from ../shared/texts, labelled by date."""
    return [
        DraftVersion(label, name[6:16], read_document(texts_dir / name))
        for label, name in zip(PARIS_LABELS, PARIS, strict=True)
    ]


@cache
def paris_lineage(texts_dir: Path) -> Lineage:
    """The lineage of the Paris series, built once per test run."""
    return build_lineage(paris_versions(texts_dir), compare)
