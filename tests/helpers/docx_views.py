"""Reading a redline back: its parts, and the paragraphs Word's "Accept all" / "Reject all" give."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from diffdoc.compare import compare
from diffdoc.models import Block, CompareOptions, Comparison, Document, Source
from diffdoc.normalize import KeyConfig, comparison_key
from diffdoc.report.docx import redline_document, render_docx
from diffdoc.report.revisions import document_body, view_paragraphs

DATE = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def doc(*paragraphs: str, label: str = "v.txt", kinds: dict[int, str] | None = None) -> Document:
    """A document of plain paragraphs (kinds by position where given)."""
    kinds = kinds or {}
    blocks = tuple(
        Block(kinds.get(i, "paragraph"), text, comparison_key(text))  # type: ignore[arg-type]
        for i, text in enumerate(paragraphs)
    )
    return Document(title="T", blocks=blocks, source=Source(label, "0" * 64))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def views(data: bytes) -> tuple[list[str], list[str]]:
    """(accept all, reject all) of a saved redline."""
    body = document_body(parts(data)["word/document.xml"])
    return view_paragraphs(body, "accept"), view_paragraphs(body, "reject")


def body_of(comparison: Comparison, author: str = "diffdoc") -> Any:
    """The w:body the renderer builds (what it saves), without packaging it."""
    return redline_document(comparison, author=author, date=DATE).element.body


def keys(texts: list[str], comparison: Comparison) -> list[str]:
    config = KeyConfig.from_options(comparison.options)
    return [comparison_key(text, config) for text in texts]


def assert_views(comparison: Comparison, *, exact: bool = False) -> None:
    """Accept all gives the new paragraphs exactly; reject all the old ones, up to what the
    comparison counts as no difference (exactly, with `exact`)."""
    body = body_of(comparison)
    accepted, rejected = view_paragraphs(body, "accept"), view_paragraphs(body, "reject")
    assert accepted == comparison.new.texts
    assert keys(rejected, comparison) == keys(comparison.old.texts, comparison)
    if exact:
        assert rejected == comparison.old.texts


def redline(old: Document, new: Document, **options: bool) -> tuple[Comparison, bytes]:
    comparison = compare(old, new, CompareOptions(**options))
    return comparison, render_docx(comparison, date=DATE)
