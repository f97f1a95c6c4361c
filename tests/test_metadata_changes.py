"""Metadata changes (front matter `modified_time`, titles) in all four outputs, and the exit
status they give only with --metadata."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from diffdoc.cli import main
from diffdoc.compare import compare_files
from diffdoc.models import MetadataChange, metadata_changes
from diffdoc.report import render

OLD = "---\ntitle: Statement\nmodified_time: 2024-03-01\nplace: Geneva\n---\n\nWe meet.\n"
NEW = "---\ntitle: Statement\nmodified_time: 2024-03-04\nauthor: MFA\n---\n\nWe meet.\n"


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_changes_in_order_added_and_removed() -> None:
    old = {"title": "A", "modified_time": "1", "place": "Geneva"}
    new = {"title": "A", "modified_time": "2", "author": "MFA"}
    assert metadata_changes(old, new) == (
        MetadataChange("modified_time", "1", "2"),
        MetadataChange("place", "Geneva", None),
        MetadataChange("author", None, "MFA"),
    )
    assert metadata_changes(old, dict(old)) == ()


def test_all_four_outputs(tmp_path: Path) -> None:
    comparison = compare_files(*_pair(tmp_path))
    data = json.loads(render(comparison, "json"))
    assert data["format"] == "diffdoc-comparison/1"
    assert data["metadata_changes"] == [
        {"key": "modified_time", "old": "2024-03-01", "new": "2024-03-04"},
        {"key": "place", "old": "Geneva", "new": None},
        {"key": "author", "old": None, "new": "MFA"},
    ]
    text = render(comparison, "text").splitlines()
    assert text[2:6] == [
        "no wording differences (1 paragraph equal)",
        "metadata modified_time: 2024-03-01 → 2024-03-04",
        "metadata place: Geneva → (none)",
        "metadata author: (none) → MFA",
    ]
    markdown = render(comparison, "md")
    assert "- metadata modified\\_time: 2024-03-01 → 2024-03-04\n" in markdown
    assert "- metadata author: (none) → MFA\n" in markdown
    soup = BeautifulSoup(render(comparison, "html"), "html.parser")
    rows = [
        [cell.get_text() for cell in row.find_all(["th", "td"])]
        for row in soup.select("table.metadata-changes tbody tr")
    ]
    assert rows == [
        ["modified_time", "2024-03-01", "2024-03-04"],
        ["place", "Geneva", "none"],
        ["author", "none", "MFA"],
    ]


def test_absent_when_the_metadata_agree(tmp_path: Path) -> None:
    old, _ = _pair(tmp_path)
    comparison = compare_files(old, old)
    assert "metadata_changes" not in json.loads(render(comparison, "json"))
    assert "metadata" not in render(comparison, "text")
    assert '<table class="metadata-changes"' not in render(comparison, "html")


def test_exit_status_counts_metadata_only_when_asked(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    runner = CliRunner()
    plain = runner.invoke(main, ["compare", str(old), str(new)])
    assert plain.exit_code == 0, plain.output
    assert "metadata modified_time: 2024-03-01 → 2024-03-04" in plain.output
    asked = runner.invoke(main, ["compare", "--metadata", str(old), str(new)])
    assert asked.exit_code == 1, asked.output
    same = runner.invoke(main, ["compare", "--metadata", str(old), str(old)])
    assert same.exit_code == 0, same.output
