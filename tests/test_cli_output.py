"""Writing the output can fail too: a full disk is a one-line error, exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "demo" / "sco-2002-illustrative-edited-draft.md"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(seed_path: Path) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "diffdoc", "compare", str(seed_path), str(DRAFT), "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert run.returncode == 2
    assert run.stderr == "diffdoc: error: <stdout>: cannot write: No space left on device\n"


def test_help_lists_every_command_once_under_its_heading() -> None:
    from click.testing import CliRunner

    from diffdoc.cli import COMMAND_GROUPS, main

    grouped = [name for group in COMMAND_GROUPS.values() for name in group]
    assert sorted(grouped) == sorted(main.commands), "a command missing from COMMAND_GROUPS"
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Following drafts:" in result.output
    assert "Other commands" not in result.output
    lines = result.output.splitlines()
    listing = "\n".join(lines[lines.index("Reading and comparing:") :])
    assert "..." not in listing and "…" not in listing, "a summary cut short"
    assert lines.index("Reading and comparing:") < lines.index("The corpus of versions:")


def test_export_json_blocks_are_those_of_normalize_json(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from diffdoc.cli import main

    corpus = str(Path(__file__).resolve().parents[1] / "corpus")
    runner = CliRunner()
    exported = runner.invoke(main, ["export", "sco-declaration-2002", "--format", "json",
                                    "--corpus", corpus])  # fmt: skip
    normalized = runner.invoke(main, ["normalize", "sco-declaration-2002", "--corpus", corpus,
                                      "--format", "json"])  # fmt: skip
    assert exported.exit_code == normalized.exit_code == 0, exported.output + normalized.output
    blocks = json.loads(exported.output)["blocks"]
    assert blocks == json.loads(normalized.output)["blocks"]
    assert blocks[-1]["text"] == "St. Petersburg, June 7, 2002" and blocks[-1]["key"]
    written = tmp_path / "v1.json"
    result = runner.invoke(main, ["export", "sco-declaration-2002", "--format", "json",
                                  "-o", str(written), "--corpus", corpus])  # fmt: skip
    assert result.exit_code == 0 and json.loads(written.read_text())["blocks"] == blocks


def test_unknown_version_lists_the_documents_versions_and_log_shows_no_date(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from diffdoc.cli import main

    runner = CliRunner()
    corpus = str(tmp_path / "c")
    assert runner.invoke(main, ["init", corpus]).exit_code == 0
    text = tmp_path / "t.txt"
    for n in range(1, 8):
        text.write_text(f"Paragraph number {n} of the text.\n", encoding="utf-8")
        assert (
            runner.invoke(main, ["add", str(text), "--doc", "d", "--corpus", corpus]).exit_code == 0
        )
    result = runner.invoke(main, ["show", "d@v9", "--corpus", corpus])
    assert result.exit_code == 2
    assert result.output.endswith("(d has 7 versions: 2 earlier, then @v3, @v4, @v5, @v6, @v7)\n")
    log = runner.invoke(main, ["log", "d", "--corpus", corpus, "--no-stats"])
    assert "  1  @v1  no date     t.txt" in log.output, log.output
