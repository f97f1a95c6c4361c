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

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from typing import Any, TypeVar

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
        if self.dask:
            return self._map_dask(func, items, progress)
        if self.workers == 1 or len(items) == 1:
            return self._map_here(func, items, progress)
        return self._map_pool(func, items, progress)

    def _map_here(
        self, func: Callable[[T], R], items: Sequence[T], progress: Progress | None
    ) -> list[R]:
        results = []
        for item in items:
            results.append(func(item))
            if progress:
                progress(1)
        return results

    def _map_pool(
        self, func: Callable[[T], R], items: Sequence[T], progress: Progress | None
    ) -> list[R]:
        batches = list(chunked(items, self.batch))
        results: list[R] = []
        with ProcessPoolExecutor(
            max_workers=min(self.workers, len(batches)), mp_context=_context()
        ) as pool:
            for batch, done in zip(
                batches, pool.map(_run_batch, [func] * len(batches), batches), strict=True
            ):
                results.extend(done)
                if progress:
                    progress(len(batch))
        return results

    def _map_dask(
        self, func: Callable[[T], R], items: Sequence[T], progress: Progress | None
    ) -> list[R]:
        batches = list(chunked(items, self.batch))
        with self._dask_client() as client:
            futures = client.map(_run_batch, [func] * len(batches), batches, pure=False)
            results: list[R] = []
            # Gathered in submission order: the order of the results is the order of the inputs.
            for batch, future in zip(batches, futures, strict=True):
                results.extend(future.result())
                if progress:
                    progress(len(batch))
        return results

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
                        # Any free port: None means distributed's default :8787, and a second
                        # cluster on the machine (another user, another run) would clash there.
                        dashboard_address=":0",
                    )
                )
                client = stack.enter_context(client_type(cluster))
            else:
                client = stack.enter_context(client_type(self.dask, timeout="10s"))
        except (OSError, TimeoutError) as error:
            stack.close()
            raise EngineError(f"--dask {self.dask}: cannot reach the scheduler ({error})") from None
        return _closing(stack, client)


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
