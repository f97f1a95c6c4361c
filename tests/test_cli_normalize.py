"""`diffdoc normalize`: text and JSON output, --from and --encoding, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.samples import make_pdf

from diffdoc import docformat
from diffdoc.cli import main
from diffdoc.ingest import read_document

DATA = Path(__file__).parent / "data" / "ingest"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["normalize", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_output_is_the_normalized_format_and_reads_back(
    seed_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(str(seed_path))
    assert code == 0
    assert out.startswith("%diffdoc-normalized 1\ntitle: DECLARATION BY THE HEADS")
    assert "\n:: heading | section: III | level: 3\nIII\n" in out
    assert docformat.loads(out) == read_document(seed_path)
    again = tmp_path / "seed.txt"
    again.write_text(out, encoding="utf-8")
    assert run(str(again)) == (0, out, "")  # normalizing twice changes nothing


def test_json_output(seed_path: Path) -> None:
    code, out, _ = run("--format", "json", str(seed_path))
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"title", "metadata", "blocks"}
    assert data["blocks"][0] == {
        "kind": "title",
        "text": "DECLARATION BY THE HEADS OF THE MEMBER STATES OF THE SHANGHAI COOPERATION "
        "ORGANIZATION",
        "key": "DECLARATION BY THE HEADS OF THE MEMBER STATES OF THE SHANGHAI COOPERATION "
        "ORGANIZATION",
        "section": None,
        "label": None,
    }
    assert data["blocks"][-1]["kind"] == "closing"
    assert sum(b["kind"] == "paragraph" for b in data["blocks"]) == 38


def test_from_and_encoding_options() -> None:
    sample = str(DATA / "ru-cp1251.txt")
    code, out, _ = run("--format", "json", sample)
    assert json.loads(out)["title"] == "ДЕКЛАРАЦИЯ ГЛАВ ГОСУДАРСТВ"
    code, out, _ = run("--format", "json", "--encoding", "koi8-r", sample)
    assert code == 0 and json.loads(out)["title"] != "ДЕКЛАРАЦИЯ ГЛАВ ГОСУДАРСТВ"
    code, out, _ = run("--format", "json", "--from", "markdown", str(DATA / "zh-utf8.txt"))
    assert code == 0 and json.loads(out)["title"] == "上海合作组织成员国元首宣言"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.md", None, "no such file"),
        ("empty.md", b"", "empty file"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not a text document"),
        ("bad.pdf", b"%PDF-1.4\ngarbage\n", "corrupt PDF file"),
        ("bad.docx", b"PK\x03\x04word/document.xml garbage", "corrupt DOCX file"),
        ("scan.pdf", "no-text-pdf", "PDF has no text layer"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    tmp_path: Path, name: str, content: bytes | str | None, problem: str
) -> None:
    path = tmp_path / name
    if content == "no-text-pdf":
        path.write_bytes(make_pdf([[]]))
    elif isinstance(content, bytes):
        path.write_bytes(content)
    code, out, err = run(str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"diffdoc: error: {path}: {problem}")


def test_directory_and_undecodable_text(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert (code, err) == (2, f"diffdoc: error: {tmp_path}: is a directory, not a document\n")
    path = tmp_path / "ru.txt"
    path.write_bytes("Декларация".encode("cp1251"))
    code, _, err = run("--encoding", "utf-8", str(path))
    assert code == 2 and err.startswith(f"diffdoc: error: {path}: cannot decode as utf-8")
    assert err.count("\n") == 1


def test_unknown_from_is_a_usage_error(seed_path: Path) -> None:
    code, _, err = run("--from", "rtf", str(seed_path))
    assert code == 2 and "rtf" in err
