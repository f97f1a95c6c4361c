"""`compare -f docx` and `report --format docx` at the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.docx_views import W, parts, views
from lxml import etree

from diffdoc.cli import main
from diffdoc.ingest import read_document

OLD_TEXT = "# Statement\n\n1. We firmly support the Charter.\n\n2. We meet in June.\n"
NEW_TEXT = "# Statement\n\n1. We strongly support the Charter.\n\n2. We meet in June.\n"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD_TEXT, encoding="utf-8")
    new.write_text(NEW_TEXT, encoding="utf-8")
    return old, new


def test_compare_writes_the_redline_and_exits_1(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    args = ["compare", *map(str, pair), "-f", "docx", "-o", str(out), "--author", "Ruritania"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.output == ""
    data = out.read_bytes()
    accepted, rejected = views(data)
    assert accepted == read_document(pair[1]).texts
    assert rejected == read_document(pair[0]).texts
    root = etree.fromstring(parts(data)["word/document.xml"])
    assert {e.get(f"{W}author") for e in root.iter(f"{W}ins", f"{W}del")} == {"Ruritania"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "old.md", "redline.docx"]


def test_same_texts_exit_0(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "same.docx"
    result = CliRunner().invoke(
        main, ["compare", str(pair[0]), str(pair[0]), "-f", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert views(out.read_bytes())[0] == read_document(pair[0]).texts


def test_to_a_pipe_the_redline_goes_to_stdout(pair: tuple[Path, Path]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "diffdoc", "compare", *map(str, pair), "-f", "docx"],
        capture_output=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith(b"PK")
    assert views(run.stdout)[0] == read_document(pair[1]).texts


def test_to_a_terminal_it_is_refused_before_reading(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("diffdoc.cli.word.stdout_is_tty", lambda: True)
    missing = tmp_path / "missing.md"
    for args in (
        ["compare", str(missing), str(pair[1]), "-f", "docx"],
        ["compare", str(missing), str(pair[1]), "-f", "docx", "-o", "-"],
        ["report", str(missing), str(pair[1]), "--format", "docx", "-o", "-"],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert result.stderr == (
            "diffdoc: error: <stdout>: is a terminal; a DOCX redline is binary: write it "
            "with -o FILE (or redirect stdout to a file)\n"
        )


def test_report_format_docx(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(
        main, ["report", *map(str, pair), "--format", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert result.output == f"{out}: 1 modified; 2 equal; +1 −1 words\n"
    assert views(out.read_bytes())[0] == read_document(pair[1]).texts
    piped = CliRunner().invoke(main, ["report", *map(str, pair), "--format", "docx", "-o", "-"])
    assert piped.exit_code == 0
    assert piped.stdout_bytes.startswith(b"PK")
    assert piped.stderr == "<stdout>: 1 modified; 2 equal; +1 −1 words\n"


def test_an_unwritable_output_is_one_line_and_leaves_nothing(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "no-such-folder" / "r.docx"
    result = CliRunner().invoke(main, ["compare", *map(str, pair), "-f", "docx", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"diffdoc: error: {out}: cannot write:")
    assert len(result.stderr.splitlines()) == 1
    assert not out.parent.exists()


def test_the_output_may_not_be_an_input(pair: tuple[Path, Path]) -> None:
    before = pair[1].read_bytes()
    result = CliRunner().invoke(
        main, ["compare", *map(str, pair), "-f", "docx", "-o", str(pair[1])]
    )
    assert result.exit_code == 2
    assert pair[1].read_bytes() == before
