"""DOCX reader (python-docx and lxml): body paragraphs and table cells in document order, one
block per paragraph, headings and titles by style, Word's automatic numbering as the labels
Word shows (diffdoc.ingest.docx_numbering), footnotes and endnotes as `footnote` blocks
(docx_notes), tracked changes accepted or rejected (docx_text). Comments are not read."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from diffdoc.errors import InputError
from diffdoc.ingest.docx_notes import Notes
from diffdoc.ingest.docx_numbering import Numbering
from diffdoc.ingest.docx_text import (
    VIEWS,
    View,
    is_bold,
    mark_removed,
    paragraph_text,
    properties,
    row_removed,
)
from diffdoc.ingest.limits import check_docx_archive
from diffdoc.ingest.structure import Emphasis, RawParagraph, assemble
from diffdoc.models import BlockKind, Document, Source

_LEVEL = re.compile(r"heading ([1-9])")


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


def _table_paragraphs(table: Any, view: View) -> Iterator[Any]:
    """Each cell's paragraphs (and nested tables) row by row, each cell once.

    The cells are the table's own `w:tc` elements, read from the XML in document order:
    a cell merged across columns is one `w:tc` already, and a cell merged down the rows
    (`w:vMerge` without "restart") continues the one above, so it is skipped. python-docx's
    `row.cells` repeats merged cells, and telling repeats apart by `id()` of lxml proxies
    failed: proxies are freed and their ids reused, so cells vanished at random. A row the
    view removes (a tracked row insertion on rejecting, deletion on accepting) is not read.
    """
    for row in table.iterchildren(qn("w:tr")):
        if row_removed(row, view):
            continue
        for tc in row.iterchildren(qn("w:tc")):
            properties = tc.find(qn("w:tcPr"))
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            if merge is not None and merge.get(qn("w:val"), "continue") != "restart":
                continue
            yield from _paragraphs(tc, view)


def _paragraphs(container: Any, view: View) -> Iterator[Any]:
    """The `w:p` elements of a body or cell in document order, tables' cells included;
    paragraphs inside content controls (`w:sdt`, `w:customXml`) are read where they stand."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield child
        elif child.tag == qn("w:tbl"):
            yield from _table_paragraphs(child, view)
        elif child.tag in _WRAPPERS:
            yield from _paragraphs(child, view)


_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}


def current_text(paragraph: Paragraph) -> str:
    """The paragraph's text as Word shows it with tracked changes accepted (see
    diffdoc.ingest.docx_text)."""
    return paragraph_text(paragraph._p, "accept")


def _part(document: docx.document.Document, reltype: str) -> Any | None:
    """The root element of the document's part of this relationship type, if any."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            return etree.fromstring(part.blob, _PARSER)
    return None


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _style_names(styles: Any | None) -> dict[str, str]:
    names = {}
    if styles is not None:
        for style in styles.iter(qn("w:style")):
            name = style.find(qn("w:name"))
            style_id = style.get(qn("w:styleId"))
            if style_id is not None and name is not None:
                names[style_id] = name.get(qn("w:val"), "")
    return names


def _style_id(paragraph_properties: Any | None) -> str:
    found = None if paragraph_properties is None else paragraph_properties.find(qn("w:pStyle"))
    return "Normal" if found is None else str(found.get(qn("w:val"), ""))


def _drafts(document: docx.document.Document, view: View) -> list[RawParagraph]:
    """The body's paragraphs in the view, numbered as Word numbers them, then the notes."""
    styles = _part(document, RT.STYLES)
    names = _style_names(styles)
    numbering = Numbering(_part(document, RT.NUMBERING), styles)
    notes = Notes(
        {"footnote": _part(document, RT.FOOTNOTES), "endnote": _part(document, RT.ENDNOTES)},
        _part(document, RT.SETTINGS),
        view,
    )
    drafts: list[RawParagraph] = []
    pieces: list[str] = []
    joined: list[Any] = []
    body_paragraphs = list(_paragraphs(document.element.body, view))
    for position, paragraph in enumerate(body_paragraphs):
        pieces.append(paragraph_text(paragraph, view, notes.mark))
        joined.append(paragraph)
        if mark_removed(paragraph, view) and position < len(body_paragraphs) - 1:
            continue  # the view removes this paragraph's mark: it runs on into the next
        text = " ".join("".join(pieces).replace("\t", " ").split())
        pieces = []
        paragraph_properties = properties(paragraph, view)
        label = numbering.label(paragraph_properties)  # counted even when empty, as in Word
        if text:
            style = names.get(_style_id(paragraph_properties), "")
            emphasis: Emphasis = "strong" if is_bold(joined, view) else ""
            if label is not None:
                text = f"{label} {text}"
            level = _LEVEL.fullmatch(style.lower()) if style else None
            drafts.append(
                RawParagraph(
                    text,
                    kind=_kind(style),
                    emphasis=emphasis,
                    label=label,
                    level=int(level.group(1))
                    if level
                    else (1 if style.lower() == "title" else None),
                )
            )
        joined = []
    return drafts + notes.drafts()


def _in_python_docx(error: BaseException) -> bool:
    """True when `error` was raised inside python-docx: its slips on malformed package parts
    (a content type without its name, a styles relationship to a part that is not styles:
    AttributeError, TypeError, IndexError) are the file's fault; the same errors raised in
    diffdoc's own code are bugs and propagate. Found by the fuzz test."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    return trace is not None and _PYTHON_DOCX in trace.tb_frame.f_code.co_filename


_PYTHON_DOCX = str(Path(docx.__file__).parent)


def read_docx(
    data: bytes, *, name: str, source: Source | None = None, revisions: View = "accept"
) -> Document:
    """Read a DOCX file's body paragraphs and tables into a Document, with its tracked
    changes accepted (the current text) or rejected (the text before them)."""
    if revisions not in VIEWS:
        raise ValueError(f"revisions must be one of {VIEWS}, not {revisions!r}")
    check_docx_archive(data, name=name)  # a zip bomb is refused before anything is unpacked
    try:
        document = docx.Document(io.BytesIO(data))
        drafts = _drafts(document, revisions)
        properties = document.core_properties
        metadata: dict[str, str] = {}
        for field in ("title", "author", "subject"):
            value = getattr(properties, field, None)
            if value:
                metadata[field] = str(value)
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        etree.Error,
        KeyError,
        ValueError,
        EOFError,
        OSError,
        zlib.error,  # a damaged deflate stream inside the archive
    ) as error:
        problem = " ".join(str(error).split()) or type(error).__name__
        raise InputError(name, f"corrupt DOCX file ({problem})") from None
    except (AttributeError, TypeError, IndexError) as error:
        if not _in_python_docx(error):
            raise
        problem = " ".join(str(error).split()) or type(error).__name__
        raise InputError(name, f"corrupt DOCX file (malformed package part: {problem})") from None
    return assemble(drafts, metadata=metadata, source=source)
