"""Pause Python's cyclic garbage collector while a stage builds many objects.

Reading a 14 MB text creates hundreds of thousands of blocks and drafts, and comparing two
creates as many again; none of them form reference cycles, so they are freed by reference
counting anyway. With the collector running, each full collection walks every object alive,
again and again as the heap grows: about a quarter of the time of a large comparison. The
collector is restored (not forced to run) when the stage ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the `with` block, if it was enabled; then re-enable."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
