"""DOCX footnotes and endnotes: the mark Word prints in the text, and the notes as blocks.

Word numbers notes by their references in reading order (footnotes 1, 2, 3; endnotes i, ii,
iii unless `word/settings.xml` sets another `w:numFmt` or `w:numStart`); a reference with
`w:customMarkFollows` has its mark as text in the next run instead. The reader puts the
number where the reference is (`actions1`, as a PDF prints a superscript) and the notes, in
the order of their references, as `footnote` blocks labelled with it, footnotes before
endnotes. A reference the view removes (inside a tracked deletion on accepting) is not
counted, so the numbers are the ones Word shows in that view. Separator "notes" (Word's rule
above the notes) are not notes.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from diffdoc.ingest.docx_numbering import format_number
from diffdoc.ingest.docx_text import View, paragraph_text
from diffdoc.ingest.structure import RawParagraph

_DEFAULT_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}


class Notes:
    def __init__(self, parts: dict[str, Any | None], settings: Any | None, view: View) -> None:
        self._view = view
        self._bodies: dict[str, dict[str, Any]] = {}
        for kind, root in parts.items():
            notes = {}
            if root is not None:
                for note in root.iter(qn(f"w:{kind}")):
                    note_type = note.get(qn("w:type"), "normal")
                    if note_type == "normal" and note.get(qn("w:id")) is not None:
                        notes[str(note.get(qn("w:id")))] = note
            self._bodies[kind] = notes
        self._format: dict[str, tuple[str, int]] = {}
        for kind, default in _DEFAULT_FORMAT.items():
            fmt, start = default, 1
            properties = settings.find(qn(f"w:{kind}Pr")) if settings is not None else None
            if properties is not None:
                fmt_element = properties.find(qn("w:numFmt"))
                start_element = properties.find(qn("w:numStart"))
                if fmt_element is not None:
                    fmt = fmt_element.get(qn("w:val"), fmt)
                if start_element is not None:
                    try:
                        start = int(start_element.get(qn("w:val"), "1"))
                    except ValueError:
                        start = 1
            self._format[kind] = (fmt, start)
        self._counts: dict[str, int] = {kind: 0 for kind in _DEFAULT_FORMAT}
        self._referenced: list[tuple[str, str, str | None]] = []  # kind, id, label

    def mark(self, kind: str, note_id: str, custom: bool) -> str:
        """The mark for a reference to note `note_id` (counted unless its mark is custom)."""
        if note_id not in self._bodies.get(kind, {}):
            return ""
        if custom:
            self._referenced.append((kind, note_id, None))
            return ""
        fmt, start = self._format[kind]
        number = start + self._counts[kind]
        self._counts[kind] += 1
        label = format_number(number, fmt) or str(number)
        self._referenced.append((kind, note_id, label))
        return label

    def drafts(self) -> list[RawParagraph]:
        """The notes referenced, as `footnote` drafts: footnotes, then endnotes."""
        out: list[RawParagraph] = []
        for wanted in _DEFAULT_FORMAT:
            for kind, note_id, label in self._referenced:
                if kind != wanted:
                    continue
                note = self._bodies[kind][note_id]
                texts = [paragraph_text(p, self._view) for p in note.iter(qn("w:p"))]
                text = " ".join(" ".join(texts).split())
                if text:
                    out.append(RawParagraph(text, kind="footnote", label=label))
        return out
