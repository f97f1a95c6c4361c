"""The engine returns results in the order of the inputs, whoever computed them."""

from __future__ import annotations

import functools
import operator
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diffdoc.engine import Engine, EngineError

ROOT = Path(__file__).resolve().parents[1]
TRIPLE = functools.partial(operator.mul, 3)
ITEMS = list(range(101))


def _pid(_: int) -> int:
    return os.getpid()


@pytest.mark.parametrize("engine", [Engine(1), Engine(2), Engine(2, batch=7)], ids=str)
def test_local_engines_give_results_in_input_order(engine: Engine) -> None:
    done: list[int] = []
    assert engine.map(TRIPLE, ITEMS, progress=done.append) == [3 * i for i in ITEMS]
    assert sum(done) == len(ITEMS)


def test_two_workers_really_use_other_processes() -> None:
    pids = set(Engine(2, batch=1).map(_pid, list(range(8))))
    assert os.getpid() not in pids
    assert pids


def test_describe_names_the_engine_not_the_results() -> None:
    assert Engine(2).describe() == {"kind": "local", "workers": 2}
    assert Engine(1, dask="tcp://h:8786").describe() == {
        "kind": "dask",
        "scheduler": "tcp://h:8786",
        "workers": 1,
    }


def test_bad_worker_count_is_a_library_error() -> None:
    with pytest.raises(EngineError, match="at least 1"):
        Engine(0)


def test_nothing_to_do_starts_nothing() -> None:
    assert Engine(2, dask="tcp://nowhere.invalid:1").map(TRIPLE, []) == []


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_results() -> None:
    pytest.importorskip("distributed")
    assert Engine(2, dask="local", batch=10).map(TRIPLE, ITEMS) == [3 * i for i in ITEMS]


_ORPHANS = """
import os
import time

from diffdoc.engine import Engine


def pid_of(_):
    time.sleep(0.05)
    return os.getpid()


if __name__ == "__main__":
    with Engine(workers=2).session() as session:
        print(*sorted(set(session.map(pid_of, list(range(8))))), flush=True)
        time.sleep(60)
"""


def test_workers_exit_when_the_process_that_started_them_is_killed(tmp_path: Path) -> None:
    (tmp_path / "orphans.py").write_text(_ORPHANS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path}"}
    command = [sys.executable, str(tmp_path / "orphans.py")]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as parent:
        assert parent.stdout is not None
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert workers and parent.pid not in workers and all(_alive(p) for p in workers)
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for its parent to collect it."""
    status = Path(f"/proc/{pid}/stat")
    try:
        state = status.read_text().rsplit(") ", 1)[1][:1]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"
