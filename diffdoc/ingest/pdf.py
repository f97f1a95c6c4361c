"""PDF reader (pypdf): the text layer, page by page, through the plain-text paragraph rules
(page furniture, footnotes, hard wraps and line-end hyphens)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from diffdoc.errors import InputError
from diffdoc.ingest.text import read_text
from diffdoc.models import Document, Source


def pdf_text(data: bytes, *, name: str) -> str:
    """The text layer of every page, pages separated by form feeds."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(name, "encrypted PDF (it needs a password; decrypt it first)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (
        PyPdfError,
        DependencyError,
        ValueError,
        KeyError,
        TypeError,
        OSError,
        AttributeError,
    ) as error:
        raise InputError(name, f"corrupt PDF file ({error})") from None
    if not any(page.strip() for page in pages):
        raise InputError(name, "PDF has no text layer (a scanned image? run OCR first)")
    return "\n\f\n".join(pages)


def read_pdf(data: bytes, *, name: str, source: Source | None = None) -> Document:
    """Read a PDF's text layer into a Document."""
    return read_text(pdf_text(data, name=name), source=source)
