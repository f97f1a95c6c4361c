"""Shell completion (click's): the scripts for bash, zsh and fish are generated, and they
complete command names; `python -m diffdoc` runs the same command line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from diffdoc.cli import main


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F _diffdoc_completion diffdoc"), ("zsh", "#compdef diffdoc"),
     ("fish", "complete --no-files --command diffdoc")],
)  # fmt: skip
def test_completion_script_is_generated(shell: str, marker: str) -> None:
    result = CliRunner().invoke(
        main, [], prog_name="diffdoc", env={"_DIFFDOC_COMPLETE": f"{shell}_source"}
    )
    assert result.exit_code == 0
    assert marker in result.output
    assert "_DIFFDOC_COMPLETE" in result.output


def test_completion_completes_commands_and_options() -> None:
    def complete(words: str) -> list[str]:
        env = {
            "_DIFFDOC_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
        result = CliRunner().invoke(main, [], prog_name="diffdoc", env=env)
        return result.output.splitlines()

    assert "plain,compare" in complete("diffdoc comp")
    assert "plain,--context" in complete("diffdoc compare --cont")


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "diffdoc", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("diffdoc, version ")
