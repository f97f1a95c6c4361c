"""HTML, DOCX and PDF readers, format sniffing, and every kind of bad input."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from helpers.samples import make_docx, make_docx_with_table, make_pdf, replace_part

from diffdoc.errors import InputError
from diffdoc.ingest import FORMATS, parse_bytes, read_document
from diffdoc.ingest.sniff import sniff_binary, sniff_text

HTML = """<!DOCTYPE html>
<html><head><title>Declaration | Ministry</title><style>p { color: red }</style></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main>
  <h1>Joint Declaration</h1>
  <h2>I</h2>
  <p>We, the leaders,
     welcome the <em>progress</em> made.<sup>1</sup></p>
  <ul><li>(a) Trade;</li><li>(b) Transit.</li></ul>
  <script>track("view")</script>
  <p>Astana, 4 July 2024</p>
</main>
<footer><p>Copyright 2024. All rights reserved.</p></footer>
</body></html>
"""


def test_html_article_text_only() -> None:
    doc = parse_bytes(HTML.encode(), name="page.html")
    assert doc.metadata == {"title": "Declaration | Ministry"}
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "Joint Declaration"),
        ("heading", "I"),
        ("paragraph", "We, the leaders, welcome the progress made.1"),
        ("list_item", "(a) Trade;"),
        ("list_item", "(b) Transit."),
        ("closing", "Astana, 4 July 2024"),
    ]


def test_docx_headings_by_style() -> None:
    doc = parse_bytes(make_docx(), name="decl.docx")
    assert doc.title == "Test Declaration"
    assert [(b.kind, b.text, b.section) for b in doc.blocks] == [
        ("title", "Test Declaration", None),
        ("heading", "Article 1", "Article 1"),
        ("paragraph", "1. The Parties agree to cooperate.", "Article 1"),
        ("list_item", "(a) on trade;", "Article 1"),
        ("heading", "Article 2", "Article 2"),
        ("closing", "Done at Beijing, 15 June 2001", "Article 2"),
    ]
    assert doc.source is not None and doc.source.format == "docx"


def test_pdf_text_layer_with_furniture_and_page_cut() -> None:
    pages = [
        [
            "I",
            "The member states agree to strengthen their cooperation in the",
            "fight against terrorism and to promote the development of the",
            "1/2",
        ],
        [
            "region by all means available to them.",
            "Done at Moscow, 7 June 2002",
            "2/2",
        ],
    ]
    doc = parse_bytes(make_pdf(pages), name="decl.pdf")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "I"),
        (
            "paragraph",
            "The member states agree to strengthen their cooperation in the fight against "
            "terrorism and to promote the development of the region by all means available "
            "to them.",
        ),
        ("closing", "Done at Moscow, 7 June 2002"),
    ]


def test_pdf_without_text_layer() -> None:
    with pytest.raises(InputError, match=r"scan\.pdf: PDF has no text layer"):
        parse_bytes(make_pdf([[]]), name="scan.pdf")


def test_corrupt_pdf_and_docx() -> None:
    with pytest.raises(InputError, match=r"bad\.pdf: corrupt PDF"):
        parse_bytes(b"%PDF-1.4\nthis is not a PDF at all\n", name="bad.pdf")
    with pytest.raises(InputError, match=r"bad\.docx: corrupt DOCX"):
        parse_bytes(make_docx()[:2000], name="bad.docx")
    with pytest.raises(InputError, match=r"x\.pdf: corrupt PDF file \(no %PDF header\)"):
        parse_bytes(b"plain text", name="x.pdf", fmt="pdf")


def test_docx_with_broken_xml_is_corrupt() -> None:
    broken = replace_part(
        make_docx(),
        "word/document.xml",
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>Hello",
    )
    with pytest.raises(InputError, match=r"^broken\.docx: corrupt DOCX file \(.+\)$"):
        parse_bytes(broken, name="broken.docx")


def test_zip_garbage_named_docx_is_corrupt_docx() -> None:
    with pytest.raises(InputError, match=r"^x\.docx: corrupt DOCX file"):
        parse_bytes(b"PK\x03\x04garbage", name="x.docx")


def test_docx_tables_in_document_order() -> None:
    doc = parse_bytes(make_docx_with_table(), name="t.docx")
    assert doc.texts == [
        "Before the table.",
        "Signed for the Republic",
        "A. Signatory",
        "Nested cell.",
        "After the table.",
    ]


def _empty_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html><body><script>track()</script><p> </p></body></html>", "x.html"),
        (b"---\ntitle: Only metadata\n---\n", "x.md"),
        (b"<!-- nothing -->\n", "x.md"),
    ],
)
def test_no_text_is_an_error(data: bytes, name: str) -> None:
    with pytest.raises(InputError, match=rf"^{name}: no text \(the \w+ file holds no wording\)$"):
        parse_bytes(data, name=name)


def test_docx_without_text_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^e\.docx: no text \(the docx file"):
        parse_bytes(_empty_docx(), name="e.docx")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"PK\x03\x04\x14\x00\x00\x00other.zip", "binary file"),
    ],
)
def test_bad_bytes(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=f"in.bin: {problem}"):
        parse_bytes(data, name="in.bin")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.md")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_unknown_format() -> None:
    with pytest.raises(InputError, match="unknown format 'rtf'"):
        parse_bytes(b"text", name="a.txt", fmt="rtf")


def test_sniffing() -> None:
    assert FORMATS == ("text", "markdown", "html", "docx", "pdf", "normalized")
    assert sniff_binary(b"%PDF-1.7 ...") == "pdf"
    assert sniff_binary(make_docx()) == "docx"
    assert sniff_text("<!DOCTYPE html><html>", "x.txt") == "html"
    assert sniff_text("---\ntitle: x\n---\nText", "x.txt") == "markdown"
    assert sniff_text("Plain words.\n", "x.md") == "markdown"
    assert sniff_text("Plain words.\n", "x.txt") == "text"
    assert sniff_text("%diffdoc-normalized 1\n", "x.md") == "normalized"


def test_from_overrides_the_sniffed_format() -> None:
    data = b"**I**\n\nText *one*.\n"
    assert parse_bytes(data, name="a.md").texts == ["I", "Text one."]
    assert parse_bytes(data, name="a.md", fmt="text").texts == ["**I**", "Text *one*."]


def test_html_keeps_every_piece_of_article_text_in_order() -> None:
    page = (
        "<html><body><main><div>Intro text.<p>1. Decides to convene a meeting.</p>"
        "Loose text after it.</div><blockquote>Quoted operative text.</blockquote>"
        "<span>Span text alone.</span></main></body></html>"
    )
    assert parse_bytes(page.encode(), name="p.html").texts == [
        "Intro text.",
        "1. Decides to convene a meeting.",
        "Loose text after it.",
        "Quoted operative text.",
        "Span text alone.",
    ]


def test_html_body_text_alone_is_read() -> None:
    old = parse_bytes(b"<html><body>The parties shall agree.</body></html>", name="a.html")
    new = parse_bytes(b"<html><body>The parties may agree.</body></html>", name="b.html")
    assert (old.texts, new.texts) == (["The parties shall agree."], ["The parties may agree."])


def test_html_furniture_by_id_class_role_and_link_density() -> None:
    page = """<html><body>
    <div id="menu"><ul><li><a href="/">Главная</a></li><li><a href="/n">Новости</a></li></ul></div>
    <div class="site-breadcrumbs">Home / Documents</div>
    <div role="navigation">Skip to content</div>
    <ul><li><a href="/a">About</a></li><li><a href="/c">Contact us</a></li></ul>
    <div class="content"><h1>Декларация</h1><p>Мы подписали Хартию.</p>
    <ul><li>(a) trade;</li><li>(b) see <a href="/t">transit</a> rules.</li></ul></div>
    <div class="footer">© 2002 Все права защищены</div>
    <div class="cookie-banner">We use cookies.</div>
    </body></html>"""
    doc = parse_bytes(page.encode(), name="ru.html")
    assert doc.texts == [
        "Декларация",
        "Мы подписали Хартию.",
        "(a) trade;",
        "(b) see transit rules.",
    ]


def _encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["1. Agreed text."]]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf_needing_a_password_is_one_line_error() -> None:
    with pytest.raises(InputError, match=r"^locked\.pdf: encrypted PDF \(it needs a password"):
        parse_bytes(_encrypted_pdf("secret"), name="locked.pdf")


def test_encrypted_pdf_with_empty_user_password_reads() -> None:
    assert parse_bytes(_encrypted_pdf(""), name="open.pdf").texts == ["1. Agreed text."]
