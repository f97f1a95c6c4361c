"""DOCX reader (python-docx): one block per paragraph, headings and titles by style."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from diffdoc.errors import InputError
from diffdoc.ingest.structure import Draft, assemble
from diffdoc.models import BlockKind, Document, Source


def _kind(style: str) -> BlockKind | None:
    style = style.lower()
    if style == "title":
        return "title"
    if style.startswith("heading"):
        return "heading"
    if style.startswith("list"):
        return "list_item"
    if style.startswith("footnote"):
        return "footnote"
    return None


def read_docx(data: bytes, *, name: str, source: Source | None = None) -> Document:
    """Read a DOCX file's body paragraphs into a Document."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(name, f"corrupt DOCX file ({error})") from None
    drafts: list[Draft] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.replace("\t", " ").strip()
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        runs = [run for run in paragraph.runs if run.text.strip()]
        bold = bool(runs) and all(run.bold for run in runs)
        drafts.append(Draft(text, kind=_kind(style or ""), emphasis="strong" if bold else ""))
    metadata: dict[str, str] = {}
    properties = document.core_properties
    for field in ("title", "author", "subject"):
        value = getattr(properties, field, None)
        if value:
            metadata[field] = str(value)
    return assemble(drafts, metadata=metadata, source=source)
