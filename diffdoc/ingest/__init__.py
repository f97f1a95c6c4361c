"""Reading documents: one small reader per format, chosen from content and extension.

    read_document(path)                  -> Document
    parse_bytes(data, name="x.md")       -> Document

Every problem with the input is an InputError naming the file and the problem. The readers
of HTML, DOCX, PDF and Markdown (BeautifulSoup, python-docx, pypdfium2, PyYAML) are imported only
when a file of their format arrives: a command that reads plain text never pays for them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from diffdoc import docformat
from diffdoc.errors import InputError
from diffdoc.ingest.encoding import binary_problem, decode, looks_binary, text_codec
from diffdoc.ingest.limits import MAX_INPUT_BYTES, STDIN, check_size, read_input
from diffdoc.ingest.sniff import is_normalized_text, sniff_binary, sniff_text
from diffdoc.ingest.text import read_text
from diffdoc.models import Document, Source
from diffdoc.paths import shown

FORMATS: tuple[str, ...] = ("text", "markdown", "html", "docx", "pdf", "normalized")
REVISIONS: tuple[str, ...] = ("accept", "reject")  # a DOCX file's tracked changes

__all__ = ["FORMATS", "MAX_INPUT_BYTES", "REVISIONS", "parse_bytes", "read_document", "read_input"]


def read_document(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    max_size: int = MAX_INPUT_BYTES,
    revisions: str = "accept",
) -> Document:
    """Read and normalize the document at `path` (`-`: standard input), at most `max_size`
    bytes (see diffdoc.ingest.limits); a DOCX file's tracked changes accepted or rejected
    (`revisions`)."""
    data = read_input(path, max_size)
    name = "<stdin>" if os.fspath(path) == STDIN else shown(path)
    return parse_bytes(
        data, name=name, fmt=fmt, encoding=encoding, max_size=max_size, revisions=revisions
    )


def parse_bytes(
    data: bytes,
    *,
    name: str,
    fmt: str | None = None,
    encoding: str | None = None,
    max_size: int = MAX_INPUT_BYTES,
    revisions: str = "accept",
) -> Document:
    """Read and normalize a document given as bytes; `name` labels it and hints its format.
    `revisions`: "accept" (a DOCX file's current text) or "reject" (the text before its
    tracked changes); other formats have none."""
    if revisions not in REVISIONS:
        raise ValueError(f"revisions must be one of {REVISIONS}, not {revisions!r}")
    name = shown(name)
    check_size(data, name, max_size)
    return _parse_bytes(data, name=name, fmt=fmt, encoding=encoding, revisions=revisions)


def _with_text(document: Document, name: str) -> Document:
    """The document read from a file, if it has any wording: a page of scripts only, a DOCX
    without words or Markdown with nothing but front matter is an error, not an empty text."""
    if not document.blocks:
        kind = document.source.format if document.source is not None else "input"
        raise InputError(name, f"no text (the {kind} file holds no wording)")
    return document


def _pdf(data: bytes, name: str, source: Source, revisions: str) -> Document:
    from diffdoc.ingest.pdf import read_pdf  # a PDF has no tracked changes

    return read_pdf(data, name=name, source=source)


def _docx(data: bytes, name: str, source: Source, revisions: str) -> Document:
    from diffdoc.ingest.docx import read_docx

    view: Literal["accept", "reject"] = "reject" if revisions == "reject" else "accept"
    return read_docx(data, name=name, source=source, revisions=view)


def _html(text: str, name: str, source: Source) -> Document:
    from diffdoc.ingest.html import read_html

    return read_html(text, source=source)


def _markdown(text: str, name: str, source: Source) -> Document:
    from diffdoc.ingest.markdown import read_markdown

    return read_markdown(text, source=source, name=name)


def _text(text: str, name: str, source: Source) -> Document:
    return read_text(text, source=source)


# One reader per format; each imports its library only when a file of its format arrives.
# "normalized" is not here: it is diffdoc's own output, read back without the structure rules.
# A binary reader also takes how to read tracked changes (REVISIONS).
BinaryReader = Callable[[bytes, str, Source, str], Document]
BINARY_READERS: dict[str, BinaryReader] = {"pdf": _pdf, "docx": _docx}
TEXT_READERS: dict[str, Callable[[str, str, Source], Document]] = {
    "html": _html,
    "markdown": _markdown,
    "text": _text,
}


def _parse_bytes(
    data: bytes, *, name: str, fmt: str | None, encoding: str | None, revisions: str = "accept"
) -> Document:
    if fmt is not None and fmt not in FORMATS:
        raise InputError(name, f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not data or data.isspace():  # as `not data.strip()`, without copying the data
        raise InputError(name, "empty file")
    label = Path(name).name
    sha256 = hashlib.sha256(data).hexdigest()
    magic = sniff_binary(data, name)
    binary = fmt if fmt in BINARY_READERS else None if fmt is not None else magic
    if binary in BINARY_READERS:
        if binary == "pdf" and magic != "pdf":
            raise InputError(name, "corrupt PDF file (no %PDF header)")
        source = Source(label=label, sha256=sha256, format=binary, encoding="binary")
        return _with_text(BINARY_READERS[binary](data, name, source, revisions), name)
    if encoding is not None:
        text_codec(encoding, name=name)  # base64, rot13...: refused whatever the file
    if magic == "zip":
        raise InputError(name, "binary file, not a text document")
    if magic is None and encoding is None and looks_binary(data):
        raise InputError(name, binary_problem(data))
    text, used = decode(data, name=name, encoding=encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        raise InputError(name, "empty file")
    chosen = fmt or sniff_text(text, name)
    # Without --from, sniffing has already ruled out the normalized format.
    if chosen == "normalized" or (
        fmt is not None and chosen in ("text", "markdown") and is_normalized_text(text)
    ):
        return docformat.loads(text, name=name)
    source = Source(label=label, sha256=sha256, format=chosen, encoding=used)
    return _with_text(TEXT_READERS[chosen](text, name, source), name)
