from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from diffdoc.cli import main

OLD = "# Declaration\n\nWe firmly support the Charter.\n\nThe “Shanghai spirit” matters.\n"
NEW = '# Declaration\n\nWe strongly support the Charter.\n\nThe "Shanghai spirit" matters.\n'


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["compare", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_text_report_marks_changes_and_exits_1(files: tuple[Path, Path]) -> None:
    code, out, _ = run(*files)
    assert code == 1
    assert "[-firmly-]{+strongly+}" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "1 modified" in out


def test_colour_on_request(files: tuple[Path, Path]) -> None:
    code, out, _ = run(*files, "--color", "always")
    assert code == 1
    assert "\x1b[31m[-firmly-]\x1b[0m" in out


def test_same_text_exits_0(files: tuple[Path, Path]) -> None:
    code, out, _ = run(files[0], files[0])
    assert code == 0
    assert "no wording differences" in out


def test_typography_only_exits_0_unless_strict(tmp_path: Path) -> None:
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("The “Shanghai spirit” — trust.\n", encoding="utf-8")
    new.write_text('The "Shanghai spirit" - trust.\n', encoding="utf-8")
    assert run(old, new)[0] == 0
    assert run(old, new, "--strict")[0] == 1


def test_json_contract(files: tuple[Path, Path]) -> None:
    code, out, _ = run(*files, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["format"] == "diffdoc-comparison/1"
    assert data["old"]["label"] == "old.md"
    assert len(data["old"]["sha256"]) == 64
    assert data["stats"]["modify"] == 1
    assert data["stats"]["words_inserted"] == data["stats"]["words_deleted"] == 1
    for block in data["blocks"]:
        old_text = "".join(s["text"] for s in block["segments"] if s["op"] != "insert")
        assert old_text == "\n\n".join(data["old"]["paragraphs"][i] for i in block["old"])


def test_markdown_uses_criticmarkup(files: tuple[Path, Path]) -> None:
    code, out, _ = run(*files, "--format", "md")
    assert code == 1
    assert "{~~firmly~>strongly~~}" in out


def test_output_file_is_written(files: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run(*files, "-f", "json", "-o", target)
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["stats"]["modify"] == 1


def test_unwritable_output_is_trouble(files: tuple[Path, Path], tmp_path: Path) -> None:
    code, _, err = run(*files, "-o", tmp_path / "missing" / "report.txt")
    assert code == 2
    assert err.startswith("diffdoc: error: ") and "report.txt" in err
    assert not (tmp_path / "missing").exists()


def test_missing_and_empty_inputs_exit_2(files: tuple[Path, Path], tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "nope.txt", files[1])
    assert code == 2 and "nope.txt" in err and "Traceback" not in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run(files[0], empty)
    assert code == 2 and "empty.txt" in err and len(err.strip().splitlines()) == 1


def test_ignore_case(tmp_path: Path) -> None:
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("The Parties agree.\n", encoding="utf-8")
    new.write_text("the parties agree.\n", encoding="utf-8")
    assert run(old, new)[0] == 1
    assert run(old, new, "--ignore-case")[0] == 0


def test_installed_command_end_to_end(files: tuple[Path, Path]) -> None:
    command = Path(sys.executable).with_name("diffdoc")
    argv = [str(command)] if command.exists() else [sys.executable, "-m", "diffdoc"]
    result = subprocess.run(
        [*argv, "compare", *map(str, files), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["stats"]["words_inserted"] == 1
