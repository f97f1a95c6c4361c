"""PDF paragraphs from geometry across page breaks and in justified narrow columns, and the
wording rule for a PDF's breaks (PDFs drawn at test time with reportlab)."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from diffdoc.ingest import parse_bytes
from diffdoc.ingest.pdf import join_geometry_cuts
from diffdoc.ingest.structure import RawParagraph

FONT, SIZE, LEFT, WIDTH = "Times-Roman", 11, 72.0, 440.0

# (x, text, justified) per line, top down, per page.
Page = list[tuple[float, str, bool]]


def _pdf(pages: list[Page], width: float = WIDTH) -> bytes:
    """Each line at 14 pt spacing from the top; a justified line is stretched by word
    spacing to end at LEFT + width, as a typesetter sets it."""
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    for page_number, lines in enumerate(pages, start=1):
        for row, (x, text, justified) in enumerate(lines):
            spacing = 0.0
            if justified and text.count(" "):
                room = LEFT + width - x - stringWidth(text, FONT, SIZE)
                spacing = room / text.count(" ")
            line = drawing.beginText(x, 760 - 14 * row)
            line.setFont(FONT, SIZE)
            line.setWordSpace(spacing)
            line.textLine(text)
            drawing.drawText(line)
        drawing.setFont(FONT, 9)
        drawing.drawString(480, 40, f"{page_number} of {len(pages)}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def test_a_first_line_indent_after_a_page_break_starts_a_paragraph() -> None:
    """A one-line paragraph set full width ends page 1 (no short line, no gap to tell); the
    next page opens with an indented first line: two paragraphs, not one."""
    indent = LEFT + 18
    page1: Page = [
        (indent, "The Parties reaffirm their commitment to the principles of the", True),
        (LEFT, "Charter and to the rule of law in the conduct of their relations, and", True),
        (LEFT, "call upon all States to do the same in good faith.", False),
        (indent, "Promoting Stability and Assistance for Communities of Destination", True),
    ]
    page2: Page = [
        (indent, "We affirm that countries of origin and communities hosting large", True),
        (LEFT, "numbers of migrants may need international financing and assistance", True),
        (LEFT, "for their development.", False),
    ]
    texts = parse_bytes(_pdf([page1, page2]), name="pages.pdf").texts
    assert "Promoting Stability and Assistance for Communities of Destination" in texts
    assert texts[-1].startswith("We affirm that countries of origin")


def test_a_justified_line_in_a_narrow_column_stays_one_line() -> None:
    """Word spacing of more than three font sizes, bridged by the text's own spaces, is a
    justified line's, not a gap between columns."""
    narrow = 160.0
    lines: Page = [
        (LEFT, "We have convened to reaffirm", True),
        (LEFT, "our commitment to", True),  # gaps of about 40 pt
        (LEFT, "quadrilateral cooperation between", True),
        (LEFT, "our countries.", False),
    ]
    texts = parse_bytes(_pdf([lines], width=narrow), name="narrow.pdf").texts
    assert texts == [
        "We have convened to reaffirm our commitment to quadrilateral cooperation between "
        "our countries."
    ]


def test_geometry_breaks_join_only_where_the_wording_goes_on_in_lowercase() -> None:
    head = "3bis. In accordance with Article 4, developing country Parties should"
    cut = [RawParagraph(head), RawParagraph("undertake enhanced mitigation actions.")]
    assert [d.text for d in join_geometry_cuts(cut)] == [
        head + " undertake enhanced mitigation actions."
    ]
    bracketed = [
        RawParagraph("The information to be provided on the"),
        RawParagraph("[NDMC][INDC] list."),
    ]
    assert len(join_geometry_cuts(bracketed)) == 2  # "[N": no lowercase continuation
    heading_like = [
        RawParagraph(
            "Draft agreement on workstreams 1 and 2 of the Ad Hoc Working Group on the Durban"
        ),
        RawParagraph("Parties shall cooperate in taking measures."),
    ]
    assert len(join_geometry_cuts(heading_like)) == 2
