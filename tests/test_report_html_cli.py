"""`diffdoc report` and `diffdoc compare -f html`: exit statuses, output file, errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, SEED

from diffdoc.cli import main

DEMO_DRAFT = ROOT / "demo" / "sco-2002-illustrative-edited-draft.md"


def test_report_writes_the_page_and_prints_its_path(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(SEED), str(DEMO_DRAFT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{out}: 5 modified, 2 inserted, 1 deleted, 1 moved, 1 split, 1 merged; 35 equal; "
        "+53 −19 words\n"
    )
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('class="row change ') == 11
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_report_is_compare_with_html_format(tmp_path: Path) -> None:
    report, compared = tmp_path / "a.html", tmp_path / "b.html"
    runner = CliRunner()
    assert (
        runner.invoke(main, ["report", str(SEED), str(DEMO_DRAFT), "-o", str(report)]).exit_code
        == 0
    )
    result = runner.invoke(
        main, ["compare", str(SEED), str(DEMO_DRAFT), "-f", "html", "-o", str(compared)]
    )
    assert result.exit_code == 1  # compare keeps diff's statuses: 1, there are differences
    assert report.read_bytes() == compared.read_bytes()


def test_report_options_reach_the_comparison(tmp_path: Path) -> None:
    out = tmp_path / "strict.html"
    result = CliRunner().invoke(
        main, ["report", str(SEED), str(DEMO_DRAFT), "--strict", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert "6 modified" in result.output  # the straight quotes are a change with --strict
    assert "Compared with options: --strict." in out.read_text(encoding="utf-8")


def test_report_errors_are_one_line_with_status_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["report", str(tmp_path / "nope.md"), str(SEED), "-o", "x.html"])
    assert missing.exit_code == 2
    assert missing.output.startswith("diffdoc: error: ") and missing.output.count("\n") == 1
    unwritable = tmp_path / "no-such-folder" / "r.html"
    result = runner.invoke(main, ["report", str(SEED), str(SEED), "-o", str(unwritable)])
    assert result.exit_code == 2
    assert result.output.startswith(f"diffdoc: error: {unwritable}: cannot write")
    assert not unwritable.parent.exists()


def test_report_needs_an_output_file() -> None:
    result = CliRunner().invoke(main, ["report", str(SEED), str(SEED)])
    assert result.exit_code == 2
    assert "Missing option '-o' / '--output'" in result.output
