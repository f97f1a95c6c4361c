"""Tiny DOCX and PDF files made at test time (no binary fixtures in the repository)."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Test Declaration"
    document.add_heading("Test Declaration", level=0)
    document.add_heading("Article 1", level=1)
    document.add_paragraph("1. The Parties agree to cooperate.")
    document.add_paragraph("(a) on trade;", style="List Bullet")
    bold = document.add_paragraph()
    bold.add_run("Article 2").bold = True
    document.add_paragraph("")
    document.add_paragraph("Done at Beijing, 15 June 2001")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_docx_with_table() -> bytes:
    """A paragraph, a 2x2 table (its first row's cells merged), a nested table, a paragraph."""
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Signed for the Republic"
    table.cell(1, 0).text = "A. Signatory"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Nested cell."
    document.add_paragraph("After the table.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_part(data: bytes, part: str, content: bytes) -> bytes:
    """The ZIP package `data` with one part's bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == part else source.read(info))
    return out.getvalue()


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica text line per entry, or no text layer at all."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages))
    for page_id, lines in zip(page_ids, pages, strict=True):
        ops = [b"BT /F1 11 Tf 72 720 Td 14 TL"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
        ops.append(b"ET")
        content = zlib.compress(b"\n".join(ops) if lines else b"0 0 m 100 100 l S")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page_id + 1, font_id)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
