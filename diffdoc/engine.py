"""Where corpus-wide work runs: in this process, on local worker processes, or on Dask.

The engine is a parameter, not an architecture: a stage hands `Engine.map` a pure, picklable
function (a module-level function or a `functools.partial` of one) and a list of inputs, and
gets the results back in the order of the inputs, whoever computed them. So results never
depend on the engine or the number of workers; only `Engine.describe()` says which ran.

Dask is an optional extra (`pip install diffdoc[dask]`): `Engine(dask="local")` starts a
`LocalCluster` of `workers` processes for trying it out; any other value is the address of a
running scheduler (`tcp://host:8786`), whose workers must be able to import diffdoc and read
whatever paths the function is given.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from diffdoc.errors import DiffdocError

T = TypeVar("T")
R = TypeVar("R")

# Inputs are sent to workers in batches of about this many, so that a million small inputs
# do not cost a million round trips; each batch is one task.
DEFAULT_BATCH = 16

Progress = Callable[[int], None]
"""Called with the number of inputs just finished (for a progress bar)."""


class EngineError(DiffdocError):
    """The engine cannot run: Dask missing, a scheduler that does not answer, a bad count."""


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_batch(func: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    return [func(item) for item in batch]


@dataclass(frozen=True)
class Engine:
    """Runs `func` over inputs: `workers` local processes, or a Dask cluster (`dask`)."""

    workers: int = 1
    dask: str | None = None
    batch: int = DEFAULT_BATCH

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise EngineError(f"--workers must be at least 1 (got {self.workers})")
        if self.batch < 1:
            raise EngineError(f"batch size must be at least 1 (got {self.batch})")

    @property
    def kind(self) -> str:
        """'dask' or 'local'."""
        return "dask" if self.dask else "local"

    def describe(self) -> dict[str, Any]:
        """What ran the work, for the `engine` field of JSON reports (never part of results)."""
        if self.dask:
            return {"kind": "dask", "scheduler": self.dask, "workers": self.workers}
        return {"kind": "local", "workers": self.workers}

    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        *,
        progress: Progress | None = None,
    ) -> list[R]:
        """`[func(item) for item in items]`, computed by this engine, in the order of `items`."""
        items = list(items)
        if not items:
            return []
        if not self.dask and (self.workers == 1 or len(items) == 1):
            return _map_here(func, items, progress, None)
        with self.session() as session:
            return session.map(func, items, progress=progress)

    def session(self, *, offload: bool = False) -> Session:
        """A context manager that keeps the worker processes (or the Dask client) up across
        several `map` calls: a stage that maps chunk after chunk pays their start once.

        `offload`: one local worker runs in a process of its own too, not in this one, so that
        this process is free for other work meanwhile (bulk import writes one chunk while its
        one worker parses the next)."""
        return Session(self, offload=offload)

    def _dask_client(self) -> AbstractContextManager[Any]:
        try:
            import distributed
        except ImportError:
            raise EngineError("--dask needs the dask extra: pip install 'diffdoc[dask]'") from None
        # distributed has no type hints: its two entry points are used as Any.
        client_type: Any = distributed.Client
        cluster_type: Any = distributed.LocalCluster
        stack = ExitStack()
        try:
            if self.dask == "local":
                cluster = stack.enter_context(
                    cluster_type(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=True,
                        # Any free port of this host only: None means distributed's default
                        # :8787, where a second cluster on the machine (another user, another
                        # run) would clash; ":0" alone would listen on every interface.
                        dashboard_address="127.0.0.1:0",
                        # The workers log errors of their own as the cluster is shut down
                        # ("Failed to communicate with scheduler during heartbeat", with a
                        # traceback); an error of a task reaches the client as an exception.
                        silence_logs=logging.CRITICAL,
                    )
                )
                client = stack.enter_context(client_type(cluster))
            else:
                client = stack.enter_context(client_type(self.dask, timeout="10s"))
        except (OSError, TimeoutError) as error:
            stack.close()
            raise EngineError(f"--dask {self.dask}: cannot reach the scheduler ({error})") from None
        return _closing(stack, client)


class Cancelled(Exception):
    """`Session.cancel()` was called while a `map` ran (the caller is stopping)."""


class Session:
    """An engine with its workers up: `map` as `Engine.map`, any number of times, from any one
    thread at a time; `cancel()` (from another thread) makes a running `map` raise Cancelled
    soon (after the item in hand, or the batches already running on workers)."""

    def __init__(self, engine: Engine, *, offload: bool = False) -> None:
        self.engine = engine
        self.offload = offload
        self._stack = ExitStack()
        self._pool: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._cancelled = threading.Event()

    def __enter__(self) -> Session:
        engine = self.engine
        try:
            if engine.dask:
                self._client = self._stack.enter_context(engine._dask_client())
            elif engine.workers > 1 or self.offload:
                self._pool = self._stack.enter_context(
                    ProcessPoolExecutor(
                        max_workers=engine.workers,
                        mp_context=_context(),
                        initializer=_exit_with_parent,
                        initargs=(os.getpid(),),
                    )
                )
                # Start the workers now, from the thread that opened the session: with fork,
                # every worker is forked at the first task, and forking later from a thread
                # while another holds a lock (SQLite's, the logging module's) is not safe.
                self._pool.submit(int).result()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None and exc[0] is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._stack.close()

    def cancel(self) -> None:
        """Ask a running `map` to stop (it raises Cancelled)."""
        self._cancelled.set()

    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        *,
        progress: Progress | None = None,
    ) -> list[R]:
        """`[func(item) for item in items]` on the session's workers, in the order of `items`."""
        if self._client is None and self._pool is None:
            if self._cancelled.is_set():
                raise Cancelled
            return _map_here(func, list(items), progress, self._cancelled)
        return self.submit(func, items).results(progress)

    def submit(self, func: Callable[[T], R], items: Sequence[T]) -> Pending[R]:
        """Start `map(func, items)` on the workers and return at once (in this process the
        work is done here and now); `results()` waits for it. A caller may submit the next
        inputs before it waits for the last: the workers are never idle in between."""
        items = list(items)
        if self._cancelled.is_set():
            raise Cancelled
        if self._client is None and self._pool is None:
            return Pending(self, [], [_map_here(func, items, None, self._cancelled)], [len(items)])
        batches = list(chunked(items, self.engine.batch))
        if self._pool is not None:
            futures = [self._pool.submit(_run_batch, func, batch) for batch in batches]
        else:
            futures = self._client.map(_run_batch, [func] * len(batches), batches, pure=False)
        return Pending(self, futures, [], [len(batch) for batch in batches])


class Pending(Generic[R]):
    """Work submitted to a session: its results, in the order of its inputs."""

    def __init__(
        self, session: Session, futures: list[Any], done: list[list[R]], sizes: list[int]
    ) -> None:
        self._session = session
        self._futures = futures
        self._done = done
        self._sizes = sizes

    def results(self, progress: Progress | None = None) -> list[R]:
        """Wait for every batch (Cancelled when the session is cancelled meanwhile)."""
        results: list[R] = []
        if not self._futures:
            for size, done in zip(self._sizes, self._done, strict=True):
                results.extend(done)
                if progress and size:
                    progress(size)
            return results
        try:
            # Gathered in submission order: the order of the results is the order of the inputs.
            for size, future in zip(self._sizes, self._futures, strict=True):
                while True:
                    if self._session._cancelled.is_set():
                        raise Cancelled
                    try:
                        done = future.result(timeout=0.2)
                        break
                    except (TimeoutError, FutureTimeout):
                        continue
                results.extend(done)
                if progress:
                    progress(size)
        except BaseException:
            for future in self._futures:
                future.cancel()
            raise
        return results


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the process that started it is gone (killed, say, while the
    workers wait for work: they would otherwise live on, holding its output pipes)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(1)

    threading.Thread(target=watch, name="diffdoc-exit-with-parent", daemon=True).start()


def _map_here(
    func: Callable[[T], R],
    items: Sequence[T],
    progress: Progress | None,
    cancelled: threading.Event | None,
) -> list[R]:
    results = []
    for item in items:
        if cancelled is not None and cancelled.is_set():
            raise Cancelled
        results.append(func(item))
        if progress:
            progress(1)
    return results


class _closing(AbstractContextManager[Any]):
    """Yields the client; closes the client and any cluster started for it on exit."""

    def __init__(self, stack: ExitStack, client: Any) -> None:
        self._stack = stack
        self._client = client

    def __enter__(self) -> Any:
        return self._client

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def _context() -> multiprocessing.context.BaseContext:
    """fork where it exists (workers start in milliseconds, nothing to re-import), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Successive slices of `items` of `size` (the last may be shorter): for batched writes."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
