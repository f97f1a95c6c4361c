"""One item of a bulk import, and how a worker reads it (a pure function, errors returned)."""

from __future__ import annotations

from dataclasses import dataclass

from diffdoc import docformat
from diffdoc.corpus.layout_io import check_fields, is_date, metadata_lang
from diffdoc.corpus.store import sha256_hex
from diffdoc.errors import DiffdocError
from diffdoc.ingest import MAX_INPUT_BYTES, parse_bytes
from diffdoc.models import Document, Source


@dataclass(frozen=True)
class BulkItem:
    """One version to store: `data` is kept as the original bytes, `name` labels it (and hints
    its format, like a file name)."""

    doc_id: str
    data: bytes
    name: str
    label: str | None = None
    date: str | None = None
    title: str | None = None
    lang: str | None = None
    series: str | None = None
    note: str | None = None
    fmt: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back for one item: the stored text, rendered for `label`."""

    text: bytes
    title: str
    format: str
    encoding: str
    found_date: str | None
    found_lang: str | None


@dataclass(frozen=True)
class Failed:
    """An item that could not be read: the one-line message."""

    message: str


def check_item(item: BulkItem) -> None:
    """The checks `add_version` makes before reading: ids, labels, dates, one-line fields."""
    check_fields(item.doc_id, item)


def parse_item(work: tuple[BulkItem, str], *, max_size: int = MAX_INPUT_BYTES) -> Parsed | Failed:
    """Read one item and render its stored text with the source label `ref` (`DOC@LABEL`).

    Runs on the workers: a pure function of its input, errors returned, never raised.
    """
    item, ref = work
    try:
        document = parse_bytes(
            item.data, name=item.name, fmt=item.fmt, encoding=item.encoding, max_size=max_size
        )
    except DiffdocError as error:
        return Failed(str(error))
    return render(document, item, ref)


def render(document: Document, item: BulkItem, ref: str) -> Parsed:
    """The stored form of a parsed item, as `add_version` writes it."""
    sha256 = sha256_hex(item.data)
    source = document.source or Source(item.name, sha256)
    stored = Document(
        document.title,
        document.blocks,
        document.metadata,
        Source(ref, sha256, source.format, source.encoding),
    )
    found = document.metadata.get("date", "")
    lang = metadata_lang(document)
    return Parsed(
        text=docformat.dumps(stored).encode("utf-8"),
        title=document.title,
        format=source.format,
        encoding=source.encoding,
        found_date=found if is_date(found) else None,
        found_lang=lang,
    )
