"""Fuzzing the readers (issue 11): random bytes and mutated real files, in every format.

Every input must end in a Document or a DiffdocError (one line, exit 2 at the command line),
never another exception, and within PER_INPUT CPU seconds. The inputs are real texts (the
repository's seed and demo draft, and ../shared/texts when it is there) cut to a window and
mutated: bytes flipped, deleted, repeated, and markup tokens inserted (unbalanced brackets,
deep tags, NULs, bad UTF-8, surrogates, form feeds); DOCX and PDF files are built from those
texts at import time (python-docx, reportlab) and mutated both as bytes and, for DOCX, inside
the document XML.

The examples are derandomized so that `make test` is repeatable; for a longer, random run:
`DIFFDOC_FUZZ_EXAMPLES=5000 DIFFDOC_FUZZ_RANDOM=1 .venv/bin/python -m pytest
tests/test_reliability_fuzz.py`.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from helpers.paths import DRAFT, SEED, TEXTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffdoc.errors import DiffdocError
from diffdoc.ingest import parse_bytes
from diffdoc.models import Document

# A failing example can be 100 kB: Hypothesis warns about its repr, and the warning (an error
# under this project's filterwarnings) would hide the failure itself.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

PER_INPUT = 5.0  # CPU seconds; the inputs are at most WINDOW bytes and mostly take milliseconds
WINDOW = 6000
EXAMPLES = int(os.environ.get("DIFFDOC_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the time bound is checked below, in CPU time, which load does not inflate
    derandomize=not os.environ.get("DIFFDOC_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

TOKENS = [
    *(b"[", b"(", b"]", b")", b"![", b"[^", b"](", b"**", b"*", b"_", b"__", b"`", b"\\"),
    *(b"<!--", b"-->", b"<div>", b"</div>", b"<p>", b"</p>", b"<main>", b"<h1>", b"<br>"),
    *(b'<ul class="menu"><li><a href="/">', b"<script>", b"<table><tr><td>", b"<![CDATA["),
    *(b"&amp;", b"&#0;", b"&#xD800;", b"&#1114112;", b"&", b"{: .x}", b"{:", b"<http:"),
    *(b"---\n", b"title: x\n", b"...\n", b"# ", b"\n\n", b"\n", b"\r", b"\r\n", b"\t", b"\f"),
    *(b"[^1]: ", b"1. ", b"- ", b"> ", b"=====\n", b"    ", b"\x00", b"\xff", b"\xc3", b"\x80"),
    *(b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", "\u2028".encode(), "\u00ad".encode()),
    *("\u202e".encode(), "\ufffd".encode(), "Ⅻ".encode(), b"\x1b[31m", b"%PDF-1.4\n"),
]


def _texts() -> list[bytes]:
    paths = [SEED, DRAFT]
    if TEXTS.is_dir():
        paths += sorted(TEXTS.glob("*.txt"))
    return [path.read_bytes() for path in paths]


TEXT_SEEDS = _texts()


def _html(text: bytes) -> bytes:
    paragraphs = text.decode("utf-8", "replace").split("\n\n")[:40]
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    nav = '<nav><ul><li><a href="/">Home</a></li><li><a href="/a">About</a></li></ul></nav>'
    page = f"<html><head><title>T</title></head><body>{nav}<main>{body}</main></body></html>"
    return page.encode()


HTML_SEEDS = [_html(text) for text in TEXT_SEEDS[:4]]


def _docx(text: bytes) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.decode("utf-8", "replace").split("\n\n")[:30]:
        document.add_paragraph(paragraph)
    document.add_heading("A heading", level=1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "left", "right"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(text: bytes) -> bytes | None:
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas
    except ImportError:
        return None
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    lines = [line[:90] for line in text.decode("utf-8", "replace").splitlines() if line][:120]
    for start in range(0, len(lines), 50):
        for row, line in enumerate(lines[start : start + 50]):
            drawing.drawString(72, 780 - 14 * row, line.encode("latin-1", "replace").decode())
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def _window(draw: st.DrawFn, data: bytes, size: int = WINDOW) -> bytearray:
    if len(data) <= size:
        return bytearray(data)
    start = draw(st.integers(0, len(data) - size))
    return bytearray(data[start : start + size])


def _mutate(draw: st.DrawFn, data: bytearray, most: int = 12) -> bytes:
    for _ in range(draw(st.integers(0, most))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["flip", "insert", "repeat", "delete", "cut"]))
        if operation == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif operation == "insert":
            token = draw(st.sampled_from(TOKENS))
            data[at:at] = token * draw(st.sampled_from([1, 1, 2, 50, 2000]))
        elif operation == "repeat":
            piece = data[at : at + draw(st.integers(1, 200))]
            data[at:at] = piece * draw(st.integers(1, 20))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 500))]
        elif operation == "cut":
            del data[at:]
    return bytes(data)


@st.composite
def mutated_texts(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    return _mutate(draw, _window(draw, draw(st.sampled_from(seeds))))


def _read(data: bytes, name: str, fmt: str | None = None) -> None:
    """Read `data`; a Document or a DiffdocError, within PER_INPUT CPU seconds."""
    started = time.process_time()
    try:
        document = parse_bytes(data, name=name, fmt=fmt)
    except DiffdocError as error:
        message = str(error)
        assert message and "\n" not in message.strip(), message
    else:
        assert isinstance(document, Document)
        assert document.blocks
        assert all(isinstance(text, str) and text for text in document.texts)
    seconds = time.process_time() - started
    assert seconds < PER_INPUT, (name, len(data), seconds)


# --- text, Markdown, HTML --------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(["x.txt", "x.md", "x.html", "x"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _read(data, name)


@FUZZ
@given(text=st.text(max_size=2000), name=st.sampled_from(["x.txt", "x.md", "x.html"]))
def test_random_text(text: str, name: str) -> None:
    _read(text.encode("utf-8", "surrogatepass"), name)


@FUZZ
@given(data=mutated_texts(TEXT_SEEDS), fmt=st.sampled_from([None, "text", "markdown", "html"]))
def test_mutated_real_texts(data: bytes, fmt: str | None) -> None:
    _read(data, "draft.md", fmt)


@FUZZ
@given(data=mutated_texts(HTML_SEEDS), fmt=st.sampled_from([None, "html"]))
def test_mutated_html_pages(data: bytes, fmt: str | None) -> None:
    _read(data, "page.html", fmt)


# --- DOCX and PDF ----------------------------------------------------------------------------

DOCX_SEEDS = [_docx(text[:WINDOW]) for text in TEXT_SEEDS[:3]]


def _rezip(original: bytes, part: str, replacement: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(original))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = replacement if item.filename == part else source.read(item.filename)
            target.writestr(item.filename, data)
    return buffer.getvalue()


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    original = draw(st.sampled_from(DOCX_SEEDS))
    if draw(st.booleans()):  # the archive's bytes
        return _mutate(draw, bytearray(original), most=4)
    part = draw(st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml"]))
    xml = zipfile.ZipFile(io.BytesIO(original)).read(part)
    return _rezip(original, part, _mutate(draw, _window(draw, xml, 1 << 20)))


@FUZZ
@given(data=mutated_docx())
def test_mutated_docx(data: bytes) -> None:
    _read(data, "draft.docx")


PDF_SEEDS = [pdf for pdf in (_pdf(text[:WINDOW]) for text in TEXT_SEEDS[:2]) if pdf]


@st.composite
def mutated_pdf(draw: st.DrawFn) -> bytes:
    return _mutate(draw, bytearray(draw(st.sampled_from(PDF_SEEDS))), most=6)


@pytest.mark.skipif(not PDF_SEEDS, reason="reportlab is not installed (the test extras)")
@FUZZ
@given(data=mutated_pdf())
def test_mutated_pdf(data: bytes) -> None:
    _read(data, "draft.pdf")


def test_the_seeds_read() -> None:
    # The unmutated seeds are documents: the mutations start from real input.
    for data in TEXT_SEEDS:
        assert parse_bytes(data, name="x.md").blocks
    for data in HTML_SEEDS:
        assert len(parse_bytes(data, name="x.html").blocks) > 3
    for data in DOCX_SEEDS:
        assert len(parse_bytes(data, name="x.docx").blocks) > 3
    for data in PDF_SEEDS:
        assert parse_bytes(data, name="x.pdf").blocks
    assert Path(SEED).is_file()
