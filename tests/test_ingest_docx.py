"""The DOCX reader: every table cell once and in order, numbering, footnotes, revisions."""

from __future__ import annotations

import io

import docx

from diffdoc.ingest import parse_bytes


def _saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _big_table_docx() -> bytes:
    """A 12x3 table of distinct cells, one cell merged across two columns and one down two
    rows, between two paragraphs."""
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=12, cols=3)
    for r in range(12):
        for c in range(3):
            table.cell(r, c).text = f"Cell {r}-{c} of the schedule."
    table.cell(3, 0).merge(table.cell(3, 1)).text = "Merged across row 3."
    table.cell(6, 2).merge(table.cell(7, 2)).text = "Merged down rows 6 and 7."
    document.add_paragraph("After the table.")
    return _saved(document)


def test_every_table_cell_once_in_document_order_on_every_run() -> None:
    data = _big_table_docx()
    expected = ["Before the table."]
    for r in range(12):
        for c in range(3):
            if (r, c) == (3, 0):
                expected.append("Merged across row 3.")
            elif (r, c) == (3, 1) or (r, c) == (7, 2):
                continue
            elif (r, c) == (6, 2):
                expected.append("Merged down rows 6 and 7.")
            else:
                expected.append(f"Cell {r}-{c} of the schedule.")
    expected.append("After the table.")
    assert len(expected) == 36
    for _ in range(5):
        assert parse_bytes(data, name="t.docx").texts == expected
