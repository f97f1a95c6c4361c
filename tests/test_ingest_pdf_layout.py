"""The layout-aware PDF reader on PDFs drawn at test time with reportlab."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from diffdoc.ingest import parse_bytes

Run = tuple[float, float, str, str, float]  # x, y, text, font, size


def _pdf(pages: list[list[Run]]) -> bytes:
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    for runs in pages:
        for x, y, text, font, size in runs:
            drawing.setFont(font, size)
            drawing.drawString(x, y, text)
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def _furniture(number: int, total: int) -> list[Run]:
    return [
        (72, 800, "ADP.2015.11.InformalNote", "Times-Roman", 9),
        (72, 40, "GE.15-20001 (E)", "Times-Roman", 9),
        (480, 40, f"{number} of {total}", "Times-Roman", 9),
    ]


def _body(lines: list[tuple[float, str]], top: float = 740) -> list[Run]:
    return [(x, top - 14 * i, text, "Times-Roman", 11) for i, (x, text) in enumerate(lines)]


def _two_pages() -> bytes:
    page1 = [*_furniture(1, 2), (72, 770, "Draft decision on finance", "Times-Bold", 16)]
    page1 += _body(
        [
            (90, "1. Parties decide to establish a new mechanism for the transfer of"),
            (72, "technology and the exchange of good practice between all the Parties"),
            (72, "concerned, and to review its work at each session."),
            (90, "2. The Conference further requests the secretariat to report on the"),
            (72, "inviolability of the premises and on the well-being of staff, in accor-"),
            (72, "dance with the rules and practices of the Conference, and on the work of the"),
            (
                72,
                "so-called expert group, which shall report annually on its activities, establish-",
            ),
        ]
    )
    page1 += [
        (72, 120, "_______________", "Times-Roman", 9),
        (
            72,
            105,
            "1 See decision 1/CP.21, paragraph 5, on the arrangements for the",
            "Times-Roman",
            9,
        ),
    ]
    page2 = _furniture(2, 2) + _body(
        [
            (72, "ing its own rules of procedure in the light of the work done so far."),
            (90, "3. Parties welcome the financial contributions made by several Parties"),
            (72, "and invite all Parties to contribute."),
        ]
    )
    page2 += [(72, 105, "review of the mechanism by the Conference.", "Times-Roman", 9)]
    return _pdf([page1, page2])


def test_furniture_title_paragraphs_hyphens_and_footnotes() -> None:
    document = parse_bytes(_two_pages(), name="d.pdf")
    assert document.title == "Draft decision on finance"
    assert document.texts == [
        "Draft decision on finance",
        "1. Parties decide to establish a new mechanism for the transfer of technology and the "
        "exchange of good practice between all the Parties concerned, and to review its work "
        "at each session.",
        "2. The Conference further requests the secretariat to report on the inviolability of "
        "the premises and on the well-being of staff, in accordance with the rules and "
        "practices of the Conference, and on the work of the so-called expert group, which "
        "shall report annually on its activities, establishing its own rules of procedure in "
        "the light of the work done so far.",
        "3. Parties welcome the financial contributions made by several Parties and invite all "
        "Parties to contribute.",
        "See decision 1/CP.21, paragraph 5, on the arrangements for the review of the "
        "mechanism by the Conference.",
    ]
    kinds = [block.kind for block in document.blocks]
    assert kinds == ["title", "paragraph", "paragraph", "paragraph", "footnote"]
    assert document.blocks[-1].label == "1"


def test_two_columns_read_column_by_column() -> None:
    left: list[Run] = [
        (60, 700 - 14 * i, f"Left column line {i} of the text", "Helvetica", 10) for i in range(8)
    ]
    right: list[Run] = [
        (320, 700 - 14 * i, f"Right column line {i} of it", "Helvetica", 10) for i in range(8)
    ]
    document = parse_bytes(_pdf([left + right]), name="c.pdf")
    text = " ".join(document.texts)
    assert text.index("Left column line 7") < text.index("Right column line 0")
    assert "Left column line 0 of the text Right" not in text


def test_page_numbers_in_any_form_are_dropped() -> None:
    pages = []
    for number, marker in enumerate(["- 1 -", "Page 2", "3"], start=1):
        runs = _body(
            [
                (72, f"Paragraph {number} of the declaration runs over two lines of the page,"),
                (72, "and ends here."),
            ]
        )
        pages.append([*runs, (290, 40, marker, "Helvetica", 9)])
    document = parse_bytes(_pdf(pages), name="n.pdf")
    assert all("Page" not in t and not t.startswith("-") for t in document.texts)
    assert len(document.texts) == 3
