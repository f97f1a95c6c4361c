"""`diffdoc git-diff` and the README's git recipes, in a real repository the test creates."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from diffdoc.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DIFFDOC = f"{shlex.quote(sys.executable)} -m diffdoc"
STATEMENT = (
    "# Joint statement\n\n"
    "1. The Parties firmly support the principles of the Charter and of international law.\n\n"
    "2. Ministers will meet every year.\n"
)
EDITED = STATEMENT.replace("firmly", "strongly")
WRAPPED = "The Parties agree to cooperate on\nfisheries and on maritime security.\n"
REWRAPPED = "The Parties agree to\ncooperate on fisheries and on\nmaritime security.\n"


def git(repo: Path, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "HOME": str(repo.parent),  # no user or system configuration leaks in
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_PAGER": "cat",
        **env,
    }
    environment.pop("GIT_PAGER_IN_USE", None)
    environment.update(env)
    return subprocess.run(
        ["git", *args], cwd=repo, env=environment, capture_output=True, text=True, check=check
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: an edit, a re-wrap only, a deletion, an addition; names with spaces."""
    repo = tmp_path / "texts"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "diff.diffdoc.command", f"{DIFFDOC} git-diff")
    (repo / ".gitattributes").write_text("*.md diff=diffdoc\n")
    (repo / "joint statement.md").write_text(STATEMENT)
    (repo / "wrapped.md").write_text(WRAPPED)
    (repo / "old annex.md").write_text("Annex text that will be deleted.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    (repo / "joint statement.md").write_text(EDITED)
    (repo / "wrapped.md").write_text(REWRAPPED)
    (repo / "old annex.md").unlink()
    (repo / "new annex.md").write_text("A new annex on climate finance.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "second")
    return repo


def test_git_diff_shows_wording_changes_by_file(repo: Path) -> None:
    run = git(repo, "diff", "--ext-diff", "HEAD~1", "HEAD")
    out = run.stdout
    assert run.returncode == 0, run.stderr
    assert "diff --diffdoc a/joint statement.md b/joint statement.md\n" in out
    assert "1. The Parties [-firmly-]{+strongly+} support the principles" in out
    assert "wrapped.md" not in out  # re-wrapped only: nothing shown
    assert "diff --diffdoc a/old annex.md /dev/null\n--- a/old annex.md\n+++ /dev/null\n" in out
    assert "[-Annex text that will be deleted.-]" in out
    assert "diff --diffdoc /dev/null b/new annex.md\n" in out
    assert "{+A new annex on climate finance.+}" in out
    assert "\x1b[" not in out  # piped: no colour


def test_colour_in_gits_pager(repo: Path) -> None:
    run = git(repo, "diff", "--ext-diff", "HEAD~1", "HEAD", GIT_PAGER_IN_USE="true")
    assert "\x1b[31m[-firmly-]\x1b[0m" in run.stdout
    never = git(repo, "-c", "diff.diffdoc.command=" + f"{DIFFDOC} git-diff --color never",
                "diff", "--ext-diff", "HEAD~1", "HEAD", GIT_PAGER_IN_USE="true")  # fmt: skip
    assert "\x1b[" not in never.stdout


def test_a_rename_names_both_paths(repo: Path) -> None:
    git(repo, "mv", "wrapped.md", "wrapped text.md")
    git(repo, "commit", "-q", "-m", "rename")
    run = git(repo, "diff", "--ext-diff", "-M", "HEAD~1", "HEAD")
    assert run.stdout.splitlines()[:4] == [
        "diff --diffdoc a/wrapped.md b/wrapped text.md",
        "similarity index 100%",
        "rename from wrapped.md",
        "rename to wrapped text.md",
    ]


def test_textconv_gives_gits_word_diff_by_paragraph(repo: Path) -> None:
    git(repo, "config", "diff.diffdoc.textconv", f"{DIFFDOC} normalize --format plain")
    run = git(repo, "diff", "--word-diff", "HEAD~1", "HEAD", "--", "joint statement.md")
    assert "[-firmly-]{+strongly+}" in run.stdout
    rewrap = git(repo, "diff", "HEAD~1", "HEAD", "--", "wrapped.md")
    assert rewrap.stdout == ""  # both sides convert to the same paragraph


def test_difftool_runs_compare_and_exit_1_means_differences(repo: Path) -> None:
    # without the attribute: with `diff=diffdoc` git's diff runs the driver's command instead
    (repo / ".gitattributes").unlink()
    tool = ["difftool", "-y", "-x", f"{DIFFDOC} compare", "HEAD~1", "HEAD", "--"]
    run = git(repo, *tool, "joint statement.md")
    assert "1. The Parties [-firmly-]{+strongly+} support" in run.stdout
    assert run.returncode == 0  # difftool ignores the tool's status by default
    trusted = git(
        repo, "difftool", "--trust-exit-code", *tool[1:], "joint statement.md", check=False
    )
    assert trusted.returncode != 0  # compare's 1 (git 2.39 reports 128: "external diff died")
    same = git(repo, "difftool", "--trust-exit-code", *tool[1:], "wrapped.md", check=False)
    assert same.returncode == 0  # a re-wrap: compare exits 0


def test_a_file_diffdoc_cannot_read_is_a_line_and_git_goes_on(repo: Path) -> None:
    (repo / "joint statement.md").write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 20)
    (repo / "new annex.md").write_text("A new annex on climate finance and oceans.\n")
    run = git(repo, "diff", "--ext-diff")
    assert run.returncode == 0
    assert "diff --diffdoc a/joint statement.md b/joint statement.md\ndiffdoc: cannot compare:" in (
        run.stdout
    )
    assert "{+and oceans+}" in run.stdout or "{+ and oceans+}" in run.stdout


def test_arguments_git_would_not_pass_are_refused() -> None:
    result = CliRunner().invoke(main, ["git-diff", "a.md", "b.md"])
    assert result.exit_code == 2
    assert "7 arguments" in result.stderr
    unmerged = CliRunner().invoke(main, ["git-diff", "conflict.md"])
    assert (unmerged.exit_code, unmerged.output) == (0, "* Unmerged path conflict.md\n")
