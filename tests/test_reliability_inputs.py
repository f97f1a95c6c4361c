"""Every input is bounded, and what is refused is refused in one line (issue 11, items 3, 5,
7, 8 and 11): zip bombs, endless devices, huge files, codecs that are not character sets,
file names that are not UTF-8, and the messages for encrypted PDFs, UTF-16 without a BOM, a NUL
in a text and a text of one-letter paragraphs.
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
from helpers.paths import DRAFT
from helpers.reliability import cli, peak_memory_kb, run

from diffdoc.errors import InputError
from diffdoc.ingest import limits, parse_bytes


def _docx(text: str = "A paragraph of wording.") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, size: int) -> bytes:
    """`data` (a DOCX) with one more part of `size` spaces, deflated."""
    buffer = io.BytesIO(data)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as part,
    ):
        chunk = b" " * (1 << 20)
        for _ in range(size >> 20):
            part.write(chunk)
    return buffer.getvalue()


# --- DOCX expansion --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_docx_zip_bomb_is_refused_in_a_second_and_a_few_mb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_with_part(_docx(), "word/bomb.xml", 400 << 20))
    assert bomb.stat().st_size < 1_000_000  # 400 MB behind less than 1 MB
    started = time.perf_counter()
    code, err, peak = peak_memory_kb("normalize", bomb)
    assert time.perf_counter() - started < 5  # a child process: most of it is Python starting
    assert code == 2
    assert (
        err
        == (f"diffdoc: error: {bomb}: DOCX part word/bomb.xml would unpack 1,0")
        + err.split("would unpack 1,0", 1)[1]
    )
    assert "(the limit is 100 times): a zip bomb?" in err
    _, _, baseline = peak_memory_kb("normalize", DRAFT)
    assert peak < baseline + 10_000  # kB: the refusal reads the ZIP directory only


def test_a_docx_unpacking_past_the_total_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_DOCX_EXPANDED", 20_000)
    data = _docx()
    with pytest.raises(InputError, match=r"^d\.docx: DOCX would unpack to \d+(\.\d+)? kB \(the "):
        parse_bytes(data, name="d.docx")


def test_a_docx_with_too_many_parts_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_DOCX_MEMBERS", 5)
    with pytest.raises(InputError, match=r"^d\.docx: DOCX archive has \d+ parts \(the limit is 5"):
        parse_bytes(_docx(), name="d.docx")


def test_a_real_docx_is_well_inside_the_limits() -> None:
    text = " ".join(f"Paragraph {n} of the declaration, as negotiated." for n in range(20_000))
    assert parse_bytes(_docx(text), name="big.docx").texts[0].startswith("Paragraph 0 of")


def test_docx_nesting_beyond_the_xml_parser_depth_is_corrupt_not_a_crash() -> None:
    data = _docx()
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                deep = "<w:tbl><w:tr><w:tc>" * 3000 + "</w:tc></w:tr></w:tbl>" * 3000
                part = part.replace(b"<w:body>", b"<w:body>" + deep.encode())
            target.writestr(info, part)
    with pytest.raises(InputError, match=r"^deep\.docx: corrupt DOCX file \(Excessive depth"):
        parse_bytes(buffer.getvalue(), name="deep.docx")


# --- what an input is, and how large ---------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_before_reading() -> None:
    cli("normalize", "/dev/zero").failed_with(
        "/dev/zero: is a character device, not a regular file"
    )


def test_a_socket_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        cli("normalize", path).failed_with(f"{path}: is a socket, not a regular file")
    finally:
        server.close()


def test_a_directory_input_is_refused(tmp_path: Path) -> None:
    cli("normalize", tmp_path).failed_with(f"{tmp_path}: is a directory, not a document")


def test_a_fifo_is_read_like_standard_input(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(b"Words sent through a pipe.\n")

    writer = threading.Thread(target=write)
    writer.start()
    outcome = cli("normalize", fifo)
    writer.join(timeout=30)
    assert outcome.code == 0, outcome.err
    assert outcome.out.endswith(":: paragraph\nWords sent through a pipe.\n")


def test_standard_input_is_read_and_capped() -> None:
    outcome = cli("normalize", "-", stdin=b"From standard input.\n")
    assert outcome.code == 0 and "source label: <stdin>" in outcome.out
    cli("normalize", "-", "--max-size", "100", stdin=b"x" * 500).failed_with(
        "<stdin>: larger than the input limit of 100 bytes; raise it with --max-size"
    )


def test_a_file_over_max_size_is_refused_naming_file_and_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("A sentence of the text. " * 100_000)  # 2.4 MB
    cli("normalize", big, "--max-size", "1M").failed_with(
        f"{big}: larger than the input limit of 1 MB (2.4 MB); raise it with --max-size"
    )
    cli("compare", big, DRAFT, "--max-size", "2M").failed_with("limit of 2 MB (2.4 MB)")
    assert cli("normalize", big, "--max-size", "3M").code == 0


def test_add_refuses_an_input_over_max_size(tmp_path: Path, seed_path: Path) -> None:
    corpus = tmp_path / "c"
    assert cli("init", corpus).code == 0
    cli("add", seed_path, "--doc", "d", "--max-size", "1k", "--corpus", corpus).failed_with(
        "larger than the input limit of 1 kB"
    )
    assert not (corpus / "documents" / "d").exists()


def test_the_default_limit_is_200_mb() -> None:
    assert limits.MAX_INPUT_BYTES == 200_000_000
    assert limits.parse_size("200M") == limits.parse_size("200000000") == 200_000_000
    assert limits.parse_size("1.5G") == 1_500_000_000


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "codec", ["base64", "rot13", "zlib", "hex", "uu", "bz2", "punycode", "undefined", "idna"]
)
def test_only_text_encodings_are_accepted(codec: str, seed_path: Path) -> None:
    cli("normalize", seed_path, "--encoding", codec).failed_with(
        f"{seed_path}: {codec!r} is not a text encoding"
    )


def test_compare_with_a_bad_encoding_is_trouble_not_differences(seed_path: Path) -> None:
    cli("compare", seed_path, DRAFT, "--encoding", "base64").failed_with("not a text encoding")


def test_utf16_without_a_bom_suggests_the_encoding(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes("Привет. The text of the declaration.\n".encode(codec) * 5)
        cli("normalize", path).failed_with(
            f"without a byte-order mark (if it is text, try --encoding {codec})"
        )
        outcome = cli("normalize", path, "--encoding", codec)
        assert outcome.code == 0 and "Привет. The text of the declaration." in outcome.out


def test_a_png_is_still_just_binary() -> None:
    with pytest.raises(InputError, match=r"binary file, not a text document$"):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, name="p.png")


def test_a_nul_inside_a_long_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"A line of text.\n" * 2000 + b"Here\x00 it is.\n")
    cli("normalize", path).failed_with(
        f"{path}: NUL character at line 2001, column 5 (a damaged or binary file?)"
    )


# --- file names that are not UTF-8 ----------------------------------------------------------

needs_bytes_names = pytest.mark.skipif(
    os.name != "posix" or os.uname().sysname == "Darwin", reason="needs byte file names"
)


@needs_bytes_names
def test_non_utf8_file_names_are_shown_escaped(tmp_path: Path, seed_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    bad = folder + b"/bad\xffname.txt"
    with open(bad, "wb") as file:
        file.write(seed_path.read_bytes())
    corpus = tmp_path / "c"
    assert run("init", corpus).returncode == 0
    added = run("add", bad, "--doc", "d", "--corpus", corpus)
    assert added.returncode == 0, added.stderr
    assert added.stdout == b"added d@v1 (#1, new document)\n"
    log = run("log", "d", "--corpus", corpus)
    assert b"bad\\xffname.txt" in log.stdout and log.returncode == 0
    report = run("report", bad, DRAFT, "-o", folder + b"/r\xfe.html")
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith(os.fsencode(tmp_path) + b"/r\\xfe.html: ")
    md = run("compare", bad, DRAFT, "-f", "md", "-o", folder + b"/d\xfe.md")
    assert md.returncode == 1 and md.stderr == b""
    markdown = Path(os.fsdecode(folder + b"/d\xfe.md")).read_bytes()
    assert markdown.startswith(b"# Comparison of bad\\\\xffname.txt and ")  # \ escaped in Markdown
    missing = run("normalize", folder + b"/gone\xff.txt")
    assert missing.returncode == 2
    assert missing.stderr == b"diffdoc: error: " + folder + b"/gone\\xff.txt: no such file\n"


# --- messages --------------------------------------------------------------------------------


def test_an_encrypted_pdf_says_encrypted(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as file:
        writer.write(file)
    outcome = cli("normalize", path)
    outcome.failed_with(f"{path}: ")
    assert "encrypted" in outcome.err and "corrupt" not in outcome.err


@pytest.mark.slow
def test_a_million_one_letter_paragraphs_are_wording() -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    text = "\n\n".join(letters[(n * 7) % 26] for n in range(1_000_000)) + "\n"
    document = parse_bytes(text.encode(), name="letters.txt")
    assert len(document.blocks) == 1_000_000
    assert document.texts[:3] == ["a", "h", "o"]
