"""The HTML and Markdown readers take time linear in their input (issue 11, item 4).

Deep nesting once made the HTML reader walk every element's parents and subtree (100,000
nested `<div>`s: over 120 s) and regex backtracking made Markdown's inline markup quadratic
(300 KB of unbalanced `[` and `(`: over 120 s). The bounds below are CPU seconds, generous
so that a loaded machine passes, yet far below what the quadratic versions took: they catch a
return to quadratic time, not a slowdown (speed figures are the benchmarks' business).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from diffdoc.ingest import parse_bytes
from diffdoc.ingest.html import read_html
from diffdoc.ingest.markdown import read_markdown
from diffdoc.ingest.markup import strip_emphasis, strip_inline
from diffdoc.models import Document

_BOUND = 20.0  # CPU seconds; the linear readers take 1-3 s for each input below


def _timed(read: Callable[[], Document | str]) -> tuple[Document | str, float]:
    started = time.process_time()
    result = read()
    return result, time.process_time() - started


def _page(body: str) -> str:
    return f"<html><head><title>T</title></head><body>{body}</body></html>"


# --- HTML ------------------------------------------------------------------------------------

_DEPTH = 100_000


@pytest.mark.slow
def test_a_hundred_thousand_nested_divs_read_in_linear_time() -> None:
    html = _page("<div>" * _DEPTH + "The deepest wording." + "</div>" * _DEPTH)
    assert len(html) > 1_100_000
    document, seconds = _timed(lambda: parse_bytes(html.encode(), name="deep.html"))
    assert isinstance(document, Document)
    assert document.texts == ["The deepest wording."]
    assert seconds < _BOUND, seconds


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "texts"),
    [
        # Named furniture asks whether an <h1> lies below it: once a subtree search each.
        ('<div class="menu">' * _DEPTH + "<h1>Title</h1>" + "</div>" * _DEPTH, ["Title"]),
        # A list is a menu by its link text: once a get_text and find_all("a") each.
        ("<ul><li>" * _DEPTH + "words <a>a link</a>" + "</li></ul>" * _DEPTH, ["words a link"]),
        # The article's ancestors and descendants are not searched for furniture.
        ("<div>" * _DEPTH + "<main><p>Article.</p></main>" + "</div>" * _DEPTH, ["Article."]),
        ("<main>" + "<section>" * _DEPTH + "Inside." + "</section>" * _DEPTH + "</main>", None),
    ],
    ids=["named-furniture", "lists", "article-deep", "inside-article"],
)
def test_deep_furniture_checks_are_linear(body: str, texts: list[str] | None) -> None:
    document, seconds = _timed(lambda: read_html(_page(body)))
    assert isinstance(document, Document)
    assert document.texts == (texts or ["Inside."])
    assert seconds < _BOUND, seconds


@pytest.mark.slow
def test_a_hundred_thousand_headings_are_linear() -> None:
    # Each block once looked through all the blocks before it for the title.
    html = _page("".join(f"<h1>Heading {n}</h1>" for n in range(_DEPTH)))
    document, seconds = _timed(lambda: read_html(html))
    assert isinstance(document, Document)
    assert len(document.blocks) == _DEPTH
    assert [b.kind for b in document.blocks[:2]] == ["title", "heading"]
    assert seconds < _BOUND, seconds


def test_furniture_is_still_found_by_name_links_and_headings() -> None:
    html = _page(
        '<div class="site-menu"><p>Home</p></div>'
        '<div id="footer"><h1>Kept: it holds the title</h1></div>'
        '<ul><li><a href="/">One</a></li><li><a href="/2">Two</a></li></ul>'
        "<ul><li>Wording</li><li>more <a>wording</a></li></ul>"
        "<p>Body.</p>"
    )
    assert read_html(html).texts == ["Kept: it holds the title", "Wording", "more wording", "Body."]


# --- Markdown --------------------------------------------------------------------------------

_KB300 = 300_000


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "[(",  # the attack run's case: every [ a link text to the end, every ( a URL
        "[",
        "![",
        "[^",
        "[a](http:",
        "<!--",
        "<http:",
        "{:",
        "_a b* ",  # emphasis openers no closer can use: each closer searched all of them
    ],
)
def test_300_kb_of_unbalanced_markup_reads_in_linear_time(unit: str) -> None:
    text = unit * (_KB300 // len(unit))
    document, seconds = _timed(lambda: parse_bytes(text.encode(), name="x.md"))
    assert isinstance(document, Document)
    assert len(document.blocks) == 1
    assert seconds < _BOUND, (unit, seconds)


@pytest.mark.slow
def test_a_long_run_of_spaces_before_no_attribute_list_is_linear() -> None:
    text = "a" + " " * _KB300 + "b"
    result, seconds = _timed(lambda: strip_inline(text))
    assert result == "a b"
    assert seconds < _BOUND, seconds


def test_unbalanced_emphasis_openers_stay_wording() -> None:
    runs = 20_000
    text = "_a " * runs + "b* " * runs
    result, seconds = _timed(lambda: strip_emphasis(text))
    assert result == text
    assert seconds < _BOUND, seconds


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # The innermost brackets are the link, as in CommonMark.
        ("see [the [annex](http://x.org/a) here", "see [the annex here"),
        ("[a [b][ref]", "[a b"),
        ("x![alt [img](/p.png) y", "x![alt img y"),
        ("[^1][^2]", "12"),
        ("<!-- a --> b <!-- c", "b <!-- c"),
        ("<!-- a --><!-- b -->c", "c"),
        ("<http://x.org/<b>>", "<http://x.org/>"),
        ("Text {: .class} and {: #id}", "Text and"),
        ("**bold** and _it_ and *em* _a b*", "bold and it and em _a b*"),
        ("***strong em*** __x__", "strong em x"),
    ],
)
def test_inline_markup_is_still_removed(raw: str, expected: str) -> None:
    assert strip_inline(raw, {"ref"}) == expected


def test_a_markdown_file_of_nested_brackets_keeps_its_words() -> None:
    text = "# Title\n\n" + "[" * 1000 + "word" + "]" * 1000 + "\n"
    document = read_markdown(text)
    assert document.texts == ["Title", "[" * 1000 + "word" + "]" * 1000]


@pytest.mark.parametrize(
    "data", [b".xml", b"http://example.org/x", b'<?xml version="1.0"?><r><p>Hi</p></r>']
)
def test_html_that_bs4_would_warn_about_reads_without_a_warning(data: bytes) -> None:
    # Found by the fuzz test: BeautifulSoup's advice to programmers ("looks like a file
    # name", "XML parsed as HTML") printed on stderr; under -W error it was an exception.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        document = parse_bytes(data, name="x.html", fmt="html")
    assert document.texts


def test_a_damaged_deflate_stream_in_a_docx_is_corrupt() -> None:
    # Found by the fuzz test: zlib.error escaped the DOCX reader.
    import io
    import zipfile

    import docx

    from diffdoc.errors import InputError

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Wording " * 2000)
    document.save(buffer)
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 2 : start + 40] = b"\xff" * 38  # inside the deflated document.xml
    with pytest.raises(InputError, match=r"^x\.docx: corrupt DOCX file"):
        parse_bytes(bytes(data), name="x.docx")


@pytest.mark.slow
def test_many_emphasis_runs_are_linear() -> None:
    # Each `*` run once sliced the whole text to look for wording before and after it:
    # 2.4 MB of runs took about 35 s; linear, about 3 s.
    text = "_a b* " * 400_000
    result, seconds = _timed(lambda: strip_emphasis(text))
    assert result == text
    assert seconds < _BOUND, seconds


@pytest.mark.parametrize("attribute", [b"Extension=", b"PartName="])
def test_a_content_type_without_its_name_is_a_corrupt_docx(attribute: bytes) -> None:
    # Found by the fuzz test: python-docx read the missing attribute as None and called
    # .lower() on it (AttributeError).
    import io
    import zipfile

    import docx

    from diffdoc.errors import InputError

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                part = part.replace(attribute, attribute[:-2] + b"=", 1)
            target.writestr(item.filename, part)
    with pytest.raises(InputError, match=r"^x\.docx: corrupt DOCX file \(malformed package"):
        parse_bytes(damaged.getvalue(), name="x.docx")


def test_a_styles_relationship_to_another_part_reads_the_wording() -> None:
    # Found by the fuzz test: python-docx asked the part for .styles (AttributeError). The
    # reader now reads the styles part's XML itself: a wrong part only means no style names.
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    original = docx.Document()
    original.add_paragraph("Wording.")
    original.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                assert b'Target="styles.xml"' in part
                part = part.replace(b'Target="styles.xml"', b'Target="settings.xml"')
            target.writestr(item.filename, part)
    document = parse_bytes(damaged.getvalue(), name="x.docx")
    assert [block.text for block in document.blocks] == ["Wording."]


@pytest.mark.parametrize("text", ["\ue000", "\ue0001 Not a heading\n\nBody."])
def test_markdown_opening_with_the_heading_marks_character_is_wording(text: str) -> None:
    # Found by the fuzz test: the reader marks headings in-band with U+E000 (private use);
    # a line of the file opening with it was taken for a heading (IndexError).
    document = parse_bytes(text.encode(), name="x.md")
    assert document.texts == [p for p in text.split("\n\n")]
    assert {block.kind for block in document.blocks} == {"paragraph"}
