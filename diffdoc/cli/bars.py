"""Progress bars for long commands: on standard error, only when it is a terminal.

One small function, so that the command code does not depend on how bars are drawn (tqdm).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def bar(total: int, what: str, *, enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """A callback advancing a bar of `total` steps; does nothing off a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda _n: None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=what, unit="doc", leave=False, file=sys.stderr) as shown:

        def advance(n: int) -> None:
            shown.update(n)

        yield advance
