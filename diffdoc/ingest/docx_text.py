"""A DOCX paragraph's text as Word shows it with every tracked change accepted or rejected.

"accept" (the default) is the current text: runs inside `w:ins` and `w:moveTo` kept, those
inside `w:del` and `w:moveFrom` left out. "reject" is the text before the changes: the other
way round, deleted text read from its `w:delText`, and the paragraph's properties from
`w:pPrChange` (its old style and numbering). A paragraph mark the view removes (a deleted
mark on accepting, an inserted one on rejecting) joins the paragraph to the next, and a
table row the view removes (`w:trPr/w:del`, `w:trPr/w:ins`) is not read.

Comments are not text: their marks (`w:commentRangeStart`, `w:commentReference`) hold no
wording and their content lives in `word/comments.xml`, which is never read. Neither are
field codes (`w:instrText`; a field's result is read), soft hyphens or the paragraph's tab
stops (`w:pPr/w:tabs/w:tab`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

from docx.oxml.ns import qn

View = Literal["accept", "reject"]
VIEWS: tuple[View, ...] = ("accept", "reject")

_GONE: dict[View, frozenset[str]] = {
    "accept": frozenset({qn("w:del"), qn("w:moveFrom")}),
    "reject": frozenset({qn("w:ins"), qn("w:moveTo")}),
}
_TEXT: dict[View, str] = {"accept": qn("w:t"), "reject": qn("w:delText")}
_CHARACTERS = {
    qn("w:tab"): " ",
    qn("w:ptab"): " ",
    qn("w:br"): " ",
    qn("w:cr"): " ",
    qn("w:noBreakHyphen"): "\u2011",
}
_NOTE_REFERENCES = {qn("w:footnoteReference"): "footnote", qn("w:endnoteReference"): "endnote"}
# Inside these nothing is the paragraph's text: its properties (tab stops, the mark's
# revision), and a note's own reference mark inside the note.
_NOT_TEXT = frozenset({qn("w:pPr"), qn("w:rPr")})

# Called with ("footnote" | "endnote", the note's id, whether a custom mark follows as text)
# where a note is referenced; gives the mark to put in the text.
NoteMark = Callable[[str, str, bool], str]


def _removed(element: Any, root: Any, gone: frozenset[str]) -> bool:
    ancestor = element.getparent()
    while ancestor is not None and ancestor is not root:
        if ancestor.tag in gone or ancestor.tag in _NOT_TEXT:
            return True
        ancestor = ancestor.getparent()
    return False


def paragraph_text(paragraph: Any, view: View, note_mark: NoteMark | None = None) -> str:
    """The text of a `w:p` element in the view; note references become `note_mark`'s marks
    (none without it)."""
    gone = _GONE[view]
    text_tag = _TEXT[view]
    pieces: list[str] = []
    for element in paragraph.iter(qn("w:t"), qn("w:delText"), *_CHARACTERS, *_NOTE_REFERENCES):
        if _removed(element, paragraph, gone):
            continue
        tag = element.tag
        if tag in _NOTE_REFERENCES:
            if note_mark is not None:
                custom = element.get(qn("w:customMarkFollows")) in ("1", "true", "on")
                pieces.append(note_mark(_NOTE_REFERENCES[tag], element.get(qn("w:id"), ""), custom))
        elif tag in (qn("w:t"), qn("w:delText")):
            # A w:t inside a deletion is malformed but seen; on rejecting it is wording too.
            if tag == text_tag or tag == qn("w:t"):
                pieces.append(element.text or "")
        else:
            pieces.append(_CHARACTERS[tag])
    return "".join(pieces).replace("\u00ad", "")


def mark_removed(paragraph: Any, view: View) -> bool:
    """Whether the view removes the paragraph's mark (joining it to the next paragraph)."""
    mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return mark is not None and any(child.tag in _GONE[view] for child in mark)


def row_removed(row: Any, view: View) -> bool:
    properties = row.find(qn("w:trPr"))
    return properties is not None and any(child.tag in _GONE[view] for child in properties)


def properties(paragraph: Any, view: View) -> Any | None:
    """The paragraph's `w:pPr` in the view: on rejecting, the old one a tracked property
    change keeps (`w:pPr/w:pPrChange/w:pPr`)."""
    current = paragraph.find(qn("w:pPr"))
    if view == "reject" and current is not None:
        old = current.find(f"{qn('w:pPrChange')}/{qn('w:pPr')}")
        if old is not None:
            return old
    return current


def is_bold(paragraphs: list[Any], view: View) -> bool:
    """Every run with text in these paragraphs is bold (direct formatting)."""
    gone = _GONE[view]
    runs = 0
    for paragraph in paragraphs:
        for run in _runs_with_text(paragraph, gone):
            runs += 1
            bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
            if bold is None or bold.get(qn("w:val"), "1") in ("0", "false", "off"):
                return False
    return runs > 0


def _runs_with_text(paragraph: Any, gone: frozenset[str]) -> Iterator[Any]:
    for run in paragraph.iter(qn("w:r")):
        if _removed(run, paragraph, gone):
            continue
        if any((t.text or "").strip() for t in run.iter(qn("w:t"), qn("w:delText"))):
            yield run
