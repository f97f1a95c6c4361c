"""DOCX reader (python-docx): body paragraphs and table cells in document order, one block
per paragraph, headings and titles by style, tracked changes read as the current text."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from diffdoc.errors import InputError
from diffdoc.ingest.limits import check_docx_archive
from diffdoc.ingest.structure import RawParagraph, assemble
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


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    """Each cell's paragraphs (and nested tables) row by row, each cell once.

    The cells are the table's own `w:tc` elements, read from the XML in document order:
    a cell merged across columns is one `w:tc` already, and a cell merged down the rows
    (`w:vMerge` without "restart") continues the one above, so it is skipped. python-docx's
    `row.cells` repeats merged cells, and telling repeats apart by `id()` of lxml proxies
    failed: proxies are freed and their ids reused, so cells vanished at random.
    """
    for row in table._tbl.tr_lst:
        for tc in row.tc_lst:
            properties = tc.tcPr
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            if merge is not None and merge.get(qn("w:val"), "continue") != "restart":
                continue
            yield from _paragraphs(_Cell(tc, table))


def _paragraphs(container: docx.document.Document | _Cell) -> Iterator[Paragraph]:
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _table_paragraphs(item)
        else:
            yield item


_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " "}
_TEXT_TAGS[qn("w:noBreakHyphen")] = "\u2011"
# Tracked deletions (and the old place of a tracked move) are not the current text; the
# paragraph's properties hold tab stops (`w:tabs/w:tab`), not tabs.
_REMOVED = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr")}


def current_text(paragraph: Paragraph) -> str:
    """The paragraph's text as Word shows it with tracked changes accepted: runs inside
    `w:ins`, `w:moveTo`, hyperlinks and fields included (python-docx's `Paragraph.text`
    skips inserted runs), deleted ones left out; soft hyphens are never wording."""
    root = paragraph._p
    pieces: list[str] = []
    for element in root.iter(*_TEXT_TAGS):
        ancestor = element.getparent()
        removed = False
        while ancestor is not None and ancestor is not root:
            if ancestor.tag in _REMOVED:
                removed = True
                break
            ancestor = ancestor.getparent()
        if removed:
            continue
        fixed = _TEXT_TAGS[element.tag]
        pieces.append(element.text or "" if fixed is None else fixed)
    return "".join(pieces).replace("\u00ad", "")


def _draft(paragraph: Paragraph) -> RawParagraph | None:
    text = current_text(paragraph).replace("\t", " ").strip()
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    level = _LEVEL.fullmatch(style.lower()) if style else None
    return RawParagraph(
        text,
        kind=_kind(style or ""),
        emphasis="strong" if bold else "",
        level=int(level.group(1)) if level else (1 if style.lower() == "title" else None),
    )


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


def read_docx(data: bytes, *, name: str, source: Source | None = None) -> Document:
    """Read a DOCX file's body paragraphs and tables into a Document."""
    check_docx_archive(data, name=name)  # a zip bomb is refused before anything is unpacked
    try:
        document = docx.Document(io.BytesIO(data))
        drafts = [d for p in _paragraphs(document) if (d := _draft(p)) is not None]
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
