"""Load the two sides of a comparison at the same time, on two processor cores.

Reading and normalizing a large text is pure Python and takes about as long as comparing the
two: for a pair of 14 MB files, reading them one after the other is a third of the command.
Where the operating system can fork (Linux, the BSDs), a child process reads the old side
while this process reads the new one, and sends its Document back pickled (a small fraction of
the time it took to build it).

The results are the same documents, read by the same code: only the wall-clock time differs.
If the child fails in any way (a bad file, a crash, a killed process), the old side is read
again here, so every error is raised exactly as the sequential code would raise it, and an
error of the old side wins over one of the new, as when reading in order.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar, cast

Side = TypeVar("Side")
Loaded = TypeVar("Loaded")

# Below this many bytes of input the fork and the pickling cost more than they save.
PARALLEL_THRESHOLD = 2_000_000


def load_pair(
    load: Callable[[Side], Loaded], old: Side, new: Side, *, parallel: bool
) -> tuple[Loaded, Loaded]:
    """`(load(old), load(new))`, the two calls running at once when `parallel` and possible."""
    if not parallel or "fork" not in multiprocessing.get_all_start_methods():
        return load(old), load(new)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_load_in_child, args=(load, old, sender), daemon=True)
    child.start()
    sender.close()
    try:
        new_loaded: Loaded | None = load(new)
        new_error: BaseException | None = None
    except Exception as error:  # raised after the old side, as reading in order would
        new_loaded, new_error = None, error
    received = _receive(receiver, child)
    # The child failed: read here, raising its error if there is one.
    old_loaded = load(old) if received is None else cast(Loaded, received)
    if new_error is not None:
        raise new_error
    assert new_loaded is not None
    return old_loaded, new_loaded


def _load_in_child(load: Callable[[Side], object], side: Side, sender: Connection) -> None:
    try:
        payload = pickle.dumps(load(side), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # reported as a failure; the parent reads again and raises
        payload = b""
    sender.send_bytes(payload)
    sender.close()


def _receive(receiver: Connection, child: multiprocessing.process.BaseProcess) -> object | None:
    try:
        payload = receiver.recv_bytes()
    except (EOFError, OSError):  # the child died before it could answer
        payload = b""
    finally:
        receiver.close()
        child.join()
    return pickle.loads(payload) if payload else None
