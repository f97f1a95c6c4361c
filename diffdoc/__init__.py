"""diffdoc: comparative diff and versioning for diplomatic texts.

The library is the product; the `diffdoc` command only calls it::

    from diffdoc import compare, read_document, render

    comparison = compare(read_document("draft-1.txt"), read_document("final.txt"))
    print(comparison.stats.modify, "paragraphs reworded")
    html = render(comparison, "html")  # or "json", "md", "text"

    corpus = Corpus.open("corpus")
    latest = corpus.load(corpus.resolve("sco-declaration-2002@latest"))
"""

from __future__ import annotations

from diffdoc._version import __version__
from diffdoc.compare import compare
from diffdoc.corpus import Corpus
from diffdoc.errors import CorpusError, DiffdocError, InputError, UnknownRefError
from diffdoc.ingest import parse_bytes, read_document
from diffdoc.models import (
    Block,
    BlockChange,
    CompareOptions,
    Comparison,
    Document,
    Segment,
    Source,
    Stats,
)
from diffdoc.report import render

__all__ = [
    "Block",
    "BlockChange",
    "CompareOptions",
    "Comparison",
    "Corpus",
    "CorpusError",
    "DiffdocError",
    "Document",
    "InputError",
    "Segment",
    "Source",
    "Stats",
    "UnknownRefError",
    "__version__",
    "compare",
    "parse_bytes",
    "read_document",
    "render",
]
