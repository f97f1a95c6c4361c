"""The progress helper: a bar on stderr only when it is a terminal and asked for."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from tqdm import tqdm as real

from diffdoc import progress as progress_module
from diffdoc.progress import Bar, progress, wanted


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert list(progress([1, 2, 3], "work")) == [1, 2, 3]
    with Bar(3, "work") as bar:
        bar.update(3)
    assert err.getvalue() == ""
    assert not wanted()


def test_bar_on_a_terminal_and_not_when_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Tty()
    monkeypatch.setattr(sys, "stderr", err)
    assert wanted() and not wanted(enabled=False)
    assert list(progress(["a", "b"], "verify", enabled=False)) == ["a", "b"]
    assert err.getvalue() == ""
    assert list(progress(["a", "b"], "verify")) == ["a", "b"]
    assert "verify:" in err.getvalue() and "/2 " in err.getvalue()


def test_tqdm_is_not_imported_at_start_up() -> None:
    import subprocess

    code = "import sys, diffdoc.cli; print('tqdm' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_range_counts_and_generators(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Tty()
    monkeypatch.setattr(sys, "stderr", err)
    assert list(progress(range(4), "n")) == [0, 1, 2, 3]
    assert "/4 " in err.getvalue()
    assert list(progress((x for x in "ab"), "g")) == ["a", "b"]
    assert progress_module.wanted(True)


def test_verify_and_history_draw_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from diffdoc.cli import main

    folder = tmp_path
    files = []
    for n in range(3):
        path = folder / f"v{n}.txt"
        path.write_text(f"Version {n} of the text.\n\nSame.\n", encoding="utf-8")
        files.append(str(path))
    monkeypatch.setattr(progress_module, "wanted", lambda enabled=True: enabled)
    seen: list[str] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(str(kwargs.get("desc")))
        return real(*args, **kwargs)

    monkeypatch.setattr("tqdm.tqdm", recording)  # progress imports it when it draws
    runner = CliRunner()
    assert runner.invoke(main, ["history", *files]).exit_code == 0
    assert seen == ["reading", "comparing"]
    seen.clear()
    assert runner.invoke(main, ["history", "--quiet", *files]).exit_code == 0
    assert seen == []
    corpus = folder / "corpus"
    assert runner.invoke(main, ["init", str(corpus)]).exit_code == 0
    assert (
        runner.invoke(main, ["add", files[0], "--doc", "d", "--corpus", str(corpus)]).exit_code == 0
    )
    assert runner.invoke(main, ["verify", "--corpus", str(corpus)]).exit_code == 0
    assert seen == ["verify documents", "verify originals"]
