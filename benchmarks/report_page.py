"""How heavy the HTML report is in a browser: elements, load time, `n` and view switch.

Builds the 14 MB pair of benchmarks/speed.py (about 6,000 changes), writes
`diffdoc report`, and opens it in Debian's Chromium (/usr/bin/chromium) with Playwright.
The reference, measured in the same run, is a plain page holding the new text once, one <p>
per paragraph: the report's load time is printed as a ratio to it. Also the element count,
and the time from a key press `n` (next change) or a click on "Inline redline" to the
second frame after it (the median of 5).

Run: .venv/bin/python benchmarks/report_page.py [--size BYTES]
"""

from __future__ import annotations

import argparse
import html
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import DIFFDOC, build_pair

CHROMIUM = "/usr/bin/chromium"
TWO_FRAMES = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
KEY_N = f"""async () => {{ const t = performance.now();
  document.dispatchEvent(new KeyboardEvent("keydown", {{key: "n", bubbles: true}}));
  await {TWO_FRAMES}; return performance.now() - t; }}"""
SWITCH = f"""async (view) => {{ const t = performance.now();
  document.getElementById("view-" + view).click();
  await {TWO_FRAMES}; return performance.now() - t; }}"""


def load(browser: Any, path: Path) -> tuple[Any, float]:
    """A page with `path` loaded and painted, and the seconds that took."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load", timeout=300_000)
    page.evaluate(f"() => {TWO_FRAMES}")
    return page, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=14_000_000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old, new = build_pair(args.size, work)
        report = work / "report.html"
        subprocess.run([*DIFFDOC, "report", str(old), str(new), "-o", str(report)], check=True)
        megabytes = report.stat().st_size / 1e6
        plain = work / "plain.html"
        paragraphs = new.read_text(encoding="utf-8").split("\n\n")
        plain.write_text(
            "<!DOCTYPE html><meta charset=utf-8><title>plain</title>"
            + "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs),
            encoding="utf-8",
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            reference_page, reference = load(browser, plain)
            reference_page.context.close()
            page, seconds = load(browser, report)
            elements = page.evaluate("() => document.getElementsByTagName('*').length")
            keys = [page.evaluate(KEY_N) for _ in range(5)]
            switches = [page.evaluate(SWITCH, view) for view in ("inline", "side") * 3]
            browser.close()
    print(f"report of the {args.size:,}-byte pair: {megabytes:.1f} MB, {elements:,} elements")
    print(f"load: {seconds:.2f} s = {seconds / reference:.1f}x the plain page ({reference:.2f} s)")
    print(f"n: {statistics.median(keys):.0f} ms; view switch: {statistics.median(switches):.0f} ms")


if __name__ == "__main__":
    main()
