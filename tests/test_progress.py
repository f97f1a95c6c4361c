"""The progress helper: a bar on stderr only when it is a terminal and asked for."""

from __future__ import annotations

import io
import sys

import pytest

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


def test_range_counts_and_generators(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Tty()
    monkeypatch.setattr(sys, "stderr", err)
    assert list(progress(range(4), "n")) == [0, 1, 2, 3]
    assert "/4 " in err.getvalue()
    assert list(progress((x for x in "ab"), "g")) == ["a", "b"]
    assert progress_module.wanted(True)
