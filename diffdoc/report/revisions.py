"""WordprocessingML revision markup: building it (lxml elements, never strings of XML) and
reading a body back the way Word's "Accept all" and "Reject all" would.

Revisions used: `w:ins`/`w:del` around runs (deleted text in `w:delText`), `w:moveFrom`/`w:moveTo`
around moved runs inside `w:moveFromRangeStart`/`w:moveToRangeStart` ranges of one name,
`w:ins`/`w:del` on a paragraph mark (`w:pPr/w:rPr`), and `w:pPrChange` for a paragraph whose style
changed. A paragraph mark kept by neither view (between a deleted last paragraph and an inserted
one after it) carries both `w:ins` and `w:del`, as Word writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from diffdoc.report.redline import Piece, Side

View = Literal["accept", "reject"]

# Characters XML 1.0 cannot hold; shown as U+FFFD. Tab, line feed and carriage return are
# w:tab, w:br and w:cr elements.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPECIAL = re.compile("([\t\n\r])")
_SPECIAL_TAGS = {"\t": "w:tab", "\n": "w:br", "\r": "w:cr"}


@dataclass
class Revisions:
    """Who made the revisions, when, and the next free annotation id."""

    author: str
    date: str  # ISO 8601 in UTC, as Word writes it: 2026-01-31T12:00:00Z
    next_id: int = 0

    def stamp(self, tag: str, **attributes: str) -> Any:
        """A revision element with a fresh id, the author and the date."""
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        for name, value in attributes.items():
            element.set(qn(f"w:{name}"), value)
        return element

    def run(self, piece: Piece) -> Any:
        """A run holding `piece`, wrapped in the revision that gives it its views."""
        if piece.side == "both":
            return _run(piece.text, deleted=False)
        deleted = piece.side == "old"
        if piece.moved:
            wrapper = self.stamp("w:moveFrom" if deleted else "w:moveTo")
            wrapper.append(_run(piece.text, deleted=False))  # moved text is w:t, as Word writes
        else:
            wrapper = self.stamp("w:del" if deleted else "w:ins")
            wrapper.append(_run(piece.text, deleted=deleted))
        return wrapper

    def mark(self, side: Side) -> list[Any]:
        """The revision elements of a paragraph mark kept by `side`'s views. A moved
        paragraph's mark is a deletion or insertion too, not `w:moveFrom`/`w:moveTo`: Word
        reads both alike, and LibreOffice (7.4) drops a moved mark, leaving an empty paragraph
        in its "Accept all"."""
        if side == "both":
            return []
        if side == "neither":
            return [self.stamp("w:ins"), self.stamp("w:del")]
        return [self.stamp("w:del" if side == "old" else "w:ins")]


def _run(text: str, *, deleted: bool) -> Any:
    run = OxmlElement("w:r")
    for part in _SPECIAL.split(_NOT_XML.sub("\ufffd", text)):
        if not part:
            continue
        if part in _SPECIAL_TAGS:
            run.append(OxmlElement(_SPECIAL_TAGS[part]))
            continue
        element = OxmlElement("w:delText" if deleted else "w:t")
        element.text = part
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(element)
    return run


# --- the two views ----------------------------------------------------------------------------

_TEXT = {qn("w:t"), qn("w:delText")}
_CHARACTERS = {
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\r",
    qn("w:noBreakHyphen"): "\u2011",
    qn("w:softHyphen"): "\u00ad",
}
_GONE = {
    "accept": {qn("w:del"), qn("w:moveFrom")},
    "reject": {qn("w:ins"), qn("w:moveTo")},
}


def view_paragraphs(body: Any, view: View) -> list[str]:
    """The paragraph texts of a document body after accepting or rejecting every revision.

    A run is dropped when it lies inside a revision the view removes (inside `w:del` or
    `w:moveFrom` on accepting, `w:ins` or `w:moveTo` on rejecting); a paragraph mark carrying
    such a revision is dropped too, which joins its paragraph to the next. Empty paragraphs
    are kept (a document's own empty lines); an empty document gives [].
    """
    gone = _GONE[view]
    paragraphs: list[str] = []
    current: list[str] = []
    body_paragraphs = list(body.iter(qn("w:p")))
    for position, paragraph in enumerate(body_paragraphs):
        current += _texts(paragraph, gone)
        mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        marked = mark is not None and any(child.tag in gone for child in mark)
        if not marked or position == len(body_paragraphs) - 1:
            paragraphs.append("".join(current))
            current = []
    return [] if paragraphs == [""] else paragraphs


def _texts(paragraph: Any, gone: set[str]) -> Iterable[str]:
    for element in paragraph.iter(*_TEXT, *_CHARACTERS):
        if any(ancestor.tag in gone for ancestor in _ancestors(element, paragraph)):
            continue
        yield element.text or "" if element.tag in _TEXT else _CHARACTERS[element.tag]


def _ancestors(element: Any, stop: Any) -> Iterable[Any]:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.getparent()


def document_body(document_xml: bytes) -> Any:
    """The `w:body` element of a `word/document.xml` part."""
    root = etree.fromstring(document_xml)
    body = root.find(qn("w:body"))
    if body is None:
        raise ValueError("word/document.xml has no w:body")
    return body
