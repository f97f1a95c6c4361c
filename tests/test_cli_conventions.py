"""What users expect of a diff: `-` for standard input and --label, --stat, --context N,
--from per side, and `compare` with more than two files pointing at `history`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diffdoc.cli import main

DOC = "# Title\n\n## I\n\nOne a.\n\nTwo.\n\nThree.\n\nFour.\n\n## II\n\nFive x.\n\nSix.\n"


def run(*args: str | Path, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "c1.md", tmp_path / "c2.md"
    old.write_text(DOC, encoding="utf-8")
    new.write_text(
        DOC.replace("One a", "One b").replace("Five x", "Five y").replace("Six", "Six z"),
        encoding="utf-8",
    )
    return old, new


def test_stdin_for_either_side_with_labels(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = run("compare", "-", new, stdin=DOC)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == ["--- <stdin>", "+++ c2.md"]
    labelled = run("compare", old, "-", "--label", "draft 1", "--label", "draft 2", stdin=DOC)
    assert labelled.exit_code == 0, labelled.output
    assert labelled.output.splitlines()[:2] == ["--- draft 1", "+++ draft 2"]
    both = run("compare", "-", "-", stdin=DOC)
    assert both.exit_code == 2
    assert both.output == "diffdoc: error: OLD and NEW cannot both be standard input (-)\n"


def test_normalize_stdin_with_a_label() -> None:
    result = run("normalize", "-", "--label", "statement.md", stdin="Text.\n")
    assert result.exit_code == 0
    assert "source label: statement.md\n" in result.output
    assert "source label: <stdin>\n" in run("normalize", "-", stdin="Text.\n").output


def test_stat_prints_the_summary_and_one_line_per_changed_section(
    pair: tuple[Path, Path],
) -> None:
    result = run("compare", *pair, "--stat")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"--- {pair[0].name}",
        f"+++ {pair[1].name}",
        "3 modified; 6 equal; +3 −2 words",
        "section I: 1 modified",
        "section II: 2 modified",
    ]


def test_context_prints_unchanged_paragraphs_around_changes(pair: tuple[Path, Path]) -> None:
    lines = run("compare", *pair, "--context", "1").output.splitlines()
    assert lines[4:] == [
        "   1 unchanged paragraph (new ¶ 1)",
        "  ¶ 2  I",
        "",
        "@@ modified: old ¶ 3 → new ¶ 3 (section I)",
        "One [-a-]{+b+}.",
        "",
        "  ¶ 4  Two.",
        "   2 unchanged paragraphs (new ¶ 5–6)",
        "  ¶ 7  II",
        "",
        "@@ modified: old ¶ 8 → new ¶ 8 (section II)",
        "Five [-x-]{+y+}.",
        "",
        "@@ modified: old ¶ 9 → new ¶ 9 (section II)",
        "Six{+ z+}.",
    ]
    default = run("compare", *pair).output
    assert "  ¶ 4  Two." not in default and "4 unchanged paragraphs (new ¶ 4–7)" in default
    assert run("compare", *pair, "--context", "-1").exit_code == 2


def test_from_per_side(pair: tuple[Path, Path]) -> None:
    old, new = pair
    # Read as plain text, the old side keeps its `#` marks: the headings differ.
    mixed = run("compare", old, new, "--from-old", "text", "-f", "json").output
    both = run("compare", old, new, "--from", "markdown", "-f", "json").output
    assert '"paragraphs": ["# Title"' in mixed and '"paragraphs": ["Title"' in mixed
    assert '"paragraphs": ["# Title"' not in both
    overridden = run("compare", old, new, "--from", "text", "--from-new", "markdown", "-f", "json")
    assert overridden.output.count('"paragraphs": ["# Title"') == 1


def test_more_than_two_files_point_at_history(pair: tuple[Path, Path], tmp_path: Path) -> None:
    third = tmp_path / "c3.md"
    third.write_text(DOC, encoding="utf-8")
    result = run("compare", *pair, third)
    assert result.exit_code == 2
    assert result.output.startswith("diffdoc: error: compare takes two files (OLD NEW), not 3;")
    assert "diffdoc history FILE1 FILE2 FILE3" in result.output
    assert run("compare", pair[0]).exit_code == 2
