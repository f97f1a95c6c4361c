"""Shared by the reliability tests: run a command and check the shape of its outcome."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

from click.testing import CliRunner

from diffdoc.cli import main

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class Outcome:
    """Exit status, standard output and standard error of one command."""

    code: int
    out: str
    err: str

    def failed_with(self, message: str) -> None:
        """Exit status 2 and exactly one line `diffdoc: error: ...` containing `message`."""
        assert self.code == 2, (self.code, self.out, self.err)
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("diffdoc: error: "), self.err
        assert message in lines[0], self.err
        assert "Traceback" not in self.err


def cli(*args: str | os.PathLike[str], stdin: bytes | None = None) -> Outcome:
    """Run diffdoc in this process; any exception other than an exit is a test failure."""
    result = CliRunner().invoke(main, [os.fspath(a) for a in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def run(
    *args: str | bytes | os.PathLike[str], timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed diffdoc in a child process (real stdout, signals, file descriptors).

    Arguments may be bytes: a file name that is not valid UTF-8 reaches the child unchanged.
    """
    argv: list[str | bytes] = [sys.executable, "-m", "diffdoc"]
    argv += [a if isinstance(a, bytes) else os.fspath(a) for a in args]
    return subprocess.run(argv, capture_output=True, timeout=timeout, check=False)


def peak_memory_kb(*args: str | os.PathLike[str]) -> tuple[int, str, int]:
    """Run diffdoc in a child; its exit status, stderr and peak resident memory in kB."""
    script = (
        "import resource, runpy, sys\n"
        "sys.argv = ['diffdoc', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('diffdoc', run_name='__main__')\n"
        "finally:\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    sys.stderr.write(f'\\npeak-kb {peak}\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *(os.fspath(a) for a in args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    err, _, peak = done.stderr.rpartition("\npeak-kb ")
    return done.returncode, err.rstrip("\n") + "\n" if err.strip() else "", int(peak)
