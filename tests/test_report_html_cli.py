"""`diffdoc report` and `diffdoc compare -f html`: exit statuses, output file, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.paths import ROOT, SEED

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


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def test_report_never_overwrites_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _copy(SEED, tmp_path / "v.md")
    new = _copy(DEMO_DRAFT, tmp_path / "draft.md")
    (tmp_path / "link.md").symlink_to(new)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args in (
        ["report", "v.md", "draft.md", "-o", "v.md"],
        ["report", "v.md", "draft.md", "-o", "./draft.md"],
        ["report", "v.md", "draft.md", "-o", "link.md"],
        ["compare", "v.md", "draft.md", "-f", "html", "-o", "draft.md"],
        ["compare", str(old), "draft.md", "-o", "v.md"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith(f"diffdoc: error: {Path(args[-1])}: is the input ")
        assert result.stderr.count("\n") == 1
    assert old.read_bytes() == SEED.read_bytes()
    assert new.read_bytes() == DEMO_DRAFT.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md", "link.md", "v.md"]


def test_dash_output_means_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    report = runner.invoke(main, ["report", str(SEED), str(DEMO_DRAFT), "-o", "-"])
    assert report.exit_code == 0
    assert report.stdout.startswith("<!DOCTYPE html>") and report.stdout.endswith("</html>\n")
    assert report.stderr == "<stdout>: " + (
        "5 modified, 2 inserted, 1 deleted, 1 moved, 1 split, 1 merged; 35 equal; +53 −19 words\n"
    )
    compared = runner.invoke(main, ["compare", str(SEED), str(DEMO_DRAFT), "-f", "html", "-o", "-"])
    assert compared.exit_code == 1
    assert compared.stdout == report.stdout
    assert list(tmp_path.iterdir()) == []  # no file named "-"
