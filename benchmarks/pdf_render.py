"""Render paragraphs as PDFs in two different layouts (reportlab), for benchmarks/pdf_truth.py.

Layout "un": A4, Times 11 pt, justified and hyphenated (pyphen), first-line indents and no
space between paragraphs, a running header with a document symbol, "N of M" page numbers and
a "GE.15-20001 (E)" job number, footnotes under a rule in 9 pt. Layout "plain": US Letter,
Helvetica 10 pt, ragged right, no indents, space between paragraphs, "Page N" at the foot.
Layout "columns" (for checking the reader on a layout its rules were not tuned on): A4 in
two columns, Times 9.5 pt justified and hyphenated (US patterns), small first-line indents
and a little space between paragraphs, a centred running title, "- N -" page numbers and a
"25-16680 (E)" job number with its "*2516680*" barcode. (Breaking at a word's own hyphens is
off there: reportlab then printed "high-" / "-level", a hyphen on both lines.)
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, SimpleDocTemplate

_HEADING = re.compile(r"^(?:[IVXLC]+\.?(?:\s.*)?|Article \d+.*|Annex.*|Part [IVX]+.*|Preamble)$")


def _styles(layout: str) -> dict[str, ParagraphStyle]:
    if layout == "un":
        body = ParagraphStyle(
            "body", fontName="Times-Roman", fontSize=11, leading=13.5, alignment=TA_JUSTIFY,
            firstLineIndent=18, spaceBefore=0, hyphenationLang="en_GB", embeddedHyphenation=1,
            uriWasteReduce=0.3,
        )  # fmt: skip
        bold = "Times-Bold"
        title_size = 16
    elif layout == "columns":
        body = ParagraphStyle(
            "body", fontName="Times-Roman", fontSize=9.5, leading=11.5, alignment=TA_JUSTIFY,
            firstLineIndent=10, spaceBefore=3, hyphenationLang="en_US", embeddedHyphenation=0,
            uriWasteReduce=0.3,
        )  # fmt: skip
        bold = "Times-Bold"
        title_size = 13
    else:
        body = ParagraphStyle(
            "body", fontName="Helvetica", fontSize=10, leading=13, alignment=TA_LEFT,
            firstLineIndent=0, spaceBefore=7,
        )  # fmt: skip
        bold = "Helvetica-Bold"
        title_size = 14
    heading = ParagraphStyle(
        "heading", parent=body, fontName=bold, firstLineIndent=0, spaceBefore=10, spaceAfter=4,
        alignment=TA_LEFT, hyphenationLang="",
    )  # fmt: skip
    title = ParagraphStyle(
        "title", parent=heading, fontSize=title_size, leading=title_size * 1.25, spaceAfter=12
    )
    return {"body": body, "heading": heading, "title": title}


def _furniture(layout: str, total: int) -> Any:
    def draw(canvas: Any, document: Any) -> None:
        number = canvas.getPageNumber()
        width, height = document.pagesize
        canvas.saveState()
        if layout == "columns":
            canvas.setFont("Times-Italic", 8)
            canvas.drawCentredString(width / 2, height - 1.4 * cm, "Outcome of the session")
            canvas.setFont("Times-Roman", 8)
            canvas.drawCentredString(width / 2, 1.0 * cm, f"- {number} -")
            canvas.drawString(2 * cm, 1.0 * cm, "25-16680 (E)")
            canvas.drawRightString(width - 2 * cm, 1.0 * cm, "*2516680*")
        elif layout == "un":
            canvas.setFont("Times-Roman", 9)
            canvas.drawString(2.5 * cm, height - 1.5 * cm, "A/CONF.230/2015/L.9")
            canvas.drawRightString(width - 2.5 * cm, 1.2 * cm, f"{number} of {total}")
            canvas.drawString(2.5 * cm, 1.2 * cm, "GE.15-20001 (E)")
        else:
            canvas.setFont("Helvetica", 9)
            canvas.drawCentredString(width / 2, 1.3 * cm, f"Page {number}")
        canvas.restoreState()

    return draw


def _flowables(paragraphs: Sequence[str], layout: str) -> list[Paragraph]:
    styles = _styles(layout)
    out = []
    for index, text in enumerate(paragraphs):
        if index == 0:
            style = styles["title"]
        elif _HEADING.match(text) and len(text) < 120:
            style = styles["heading"]
        else:
            style = styles["body"]
        out.append(Paragraph(escape(text), style))
    return out


def render(paragraphs: Sequence[str], layout: str) -> bytes:
    """A PDF of `paragraphs` (the first is the title) in layout "un", "plain" or "columns"."""
    total = 0
    data = b""
    for _ in range(2):  # the first pass counts the pages for "N of M"
        buffer = io.BytesIO()
        furniture = _furniture(layout, total)
        if layout == "columns":
            document: Any = BaseDocTemplate(
                buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                topMargin=2.2 * cm, bottomMargin=2.2 * cm,
            )  # fmt: skip
            width = (document.width - 0.8 * cm) / 2
            frames = [
                Frame(document.leftMargin + k * (width + 0.8 * cm), document.bottomMargin,
                      width, document.height, id=f"column{k}")
                for k in range(2)
            ]  # fmt: skip
            document.addPageTemplates([PageTemplate("two", frames, onPage=furniture)])
            document.build(_flowables(paragraphs, layout))
        else:
            size = A4 if layout == "un" else LETTER
            margins = 2.5 * cm if layout == "un" else 2.0 * cm
            document = SimpleDocTemplate(
                buffer, pagesize=size, leftMargin=margins, rightMargin=margins,
                topMargin=2.5 * cm, bottomMargin=2.5 * cm,
            )  # fmt: skip
            document.build(
                _flowables(paragraphs, layout), onFirstPage=furniture, onLaterPages=furniture
            )
        data = buffer.getvalue()
        total = document.page
    return data
