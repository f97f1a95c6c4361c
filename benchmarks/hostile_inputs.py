"""Hostile inputs to the readers against ordinary input of the same size (issue 11, item 4).

Each hostile input (deep HTML nesting, unbalanced Markdown markup) is read by `parse_bytes`
and timed in CPU seconds, and so is the reference of its format measured in the same run: the
seed declaration repeated to the same size, as flat HTML paragraphs or as Markdown, with the
cyclic garbage collector paused as `diffdoc` commands pause it. The ratio
is what the README quotes; a quadratic reader shows as a ratio that grows with the size
(`--scale 2` doubles every input).

Usage: python benchmarks/hostile_inputs.py [--scale N] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import html
import time
from collections.abc import Callable
from pathlib import Path

from diffdoc.ingest import parse_bytes

SEED = (
    Path(__file__).resolve().parents[1] / "seeds" / "sco-2002-06-07-st-petersburg-declaration.en.md"
)


def _seed(size: int) -> str:
    text = SEED.read_text(encoding="utf-8")
    return (text * (size // len(text) + 1))[:size]


def _flat_html(size: int) -> str:
    paragraphs = [p for p in _seed(size).split("\n\n") if p.strip()]
    return (
        "<html><body><main>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + ("</main></body></html>")
    )


def _nested(tag: str, depth: int, inner: str = "The deepest wording.") -> str:
    return f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>"


def _cases(scale: int) -> list[tuple[str, str, str, Callable[[int], str]]]:
    depth = 100_000 * scale
    kb300 = 300_000 * scale
    return [
        (f"{depth:,} nested <div>s", "x.html", _nested("div", depth), _flat_html),
        (
            f"{depth:,} nested menu <div>s, <h1> at the bottom",
            "x.html",
            _nested('div class="menu"', depth, "<h1>Title</h1>").replace(
                '</div class="menu">', "</div>"
            ),
            _flat_html,
        ),
        (f"{kb300 // 1000} KB of [(", "x.md", "[(" * (kb300 // 2), _seed),
        (f"{kb300 // 1000} KB of [a](http:", "x.md", "[a](http:" * (kb300 // 9), _seed),
        (f"{kb300 // 1000} KB of <!--", "x.md", "<!--" * (kb300 // 4), _seed),
        (f"{kb300 // 1000} KB of _a b*", "x.md", "_a b* " * (kb300 // 6), _seed),
    ]


def _cpu(name: str, data: bytes, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.disable()  # as the command does (diffdoc/runtime/gcpause.py)
        try:
            started = time.process_time()
            parse_bytes(data, name=name)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
            gc.collect()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"{'input':48} {'size':>9} {'hostile':>8} {'reference':>9} {'ratio':>6}")
    for label, name, text, reference in _cases(args.scale):
        data = text.encode()
        hostile = _cpu(name, data, args.repeat)
        usual = _cpu(name, reference(len(data)).encode(), args.repeat)
        print(
            f"{label:48} {len(data):>9,} {hostile:>7.2f}s {usual:>8.2f}s {hostile / usual:>5.1f}x"
        )


if __name__ == "__main__":
    main()
