"""Progress bars for long work: on stderr when it is a terminal, and nothing otherwise.

The bar is tqdm's; this module only decides whether to show one, so that every long command
(a corpus `verify`, `history` over many versions, bulk imports) behaves the same way:
- shown only when `enabled` is true (commands pass `not quiet`) and stderr is a terminal;
- never on stdout, so a report piped or redirected stays byte-identical with or without it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from typing import TYPE_CHECKING, NoReturn, TypeVar

if TYPE_CHECKING:  # tqdm is imported only when a bar is drawn: it costs ~0.1 s at start-up
    from tqdm import tqdm

T = TypeVar("T")


def wanted(enabled: bool = True) -> bool:
    """Whether a bar would be drawn: asked for, and stderr is an interactive terminal."""
    if not enabled:
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # stderr replaced or closed
        return False


def progress(items: Iterable[T], desc: str, enabled: bool = True) -> Iterator[T]:
    """Iterate over `items` with a bar on stderr.

    `desc` names the work ("verify", "history"); the bar is left off when `wanted(enabled)` is
    false, and the items come through unchanged either way. The total is taken from `len()`
    when the iterable has one; for a plain count pass `range(n)`.
    """
    if not wanted(enabled):
        return iter(items)
    from tqdm import tqdm

    total = len(items) if isinstance(items, Sized) else None
    bar: tqdm[T] = tqdm(
        items, desc=desc, total=total, file=sys.stderr, leave=False, dynamic_ncols=True
    )
    return iter(bar)


class Bar:
    """A bar advanced by hand (`bar.update(n)`), for work that is not one loop; a no-op when
    not wanted. Use as a context manager so the bar is cleared at the end."""

    def __init__(self, total: int | None, desc: str, enabled: bool = True) -> None:
        self._bar: tqdm[NoReturn] | None = None
        if wanted(enabled):
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, desc=desc, file=sys.stderr, leave=False, dynamic_ncols=True
            )

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
