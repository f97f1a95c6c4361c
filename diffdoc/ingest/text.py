"""Plain-text reader: hard-wrapped or one paragraph per line, with or without page furniture."""

from __future__ import annotations

from diffdoc.ingest.label_columns import distribute_label_columns
from diffdoc.ingest.layout import rebuild
from diffdoc.ingest.structure import assemble
from diffdoc.models import Document, Source


def read_text(text: str, *, source: Source | None = None) -> Document:
    """Read plain text into a Document, rebuilding paragraphs from its lines."""
    return assemble(distribute_label_columns(rebuild(text.split("\n"))), source=source)
