"""Where the time of one `diffdoc compare --format json` goes: import, read, compare, render.

Runs the stages of the command in this process, in the order the command runs them, and
prints one JSON object of seconds per stage (and the SHA-256 of the JSON report, so a change
of results shows up next to a change of speed).

Usage: python benchmarks/stages.py OLD NEW [--profile FILE.prof]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time

START = time.perf_counter()

from diffdoc.cli import main as _cli  # noqa: E402  (timed: what the command imports)

IMPORTED = time.perf_counter()


def stages(old: str, new: str) -> dict[str, float | str]:
    """Seconds per stage of comparing OLD with NEW, and the digest of the JSON report."""
    from diffdoc.compare import compare
    from diffdoc.ingest import read_document
    from diffdoc.report import render
    from diffdoc.runtime.gcpause import paused_gc

    with paused_gc():  # as the command does for its whole run
        start = time.perf_counter()
        old_document, new_document = read_document(old), read_document(new)
        read = time.perf_counter()
        comparison = compare(old_document, new_document)
        compared = time.perf_counter()
        report = render(comparison, "json")
        rendered = time.perf_counter()
    return {
        "import": IMPORTED - START,
        "read": read - start,
        "compare": compared - read,
        "render": rendered - compared,
        "sha256": hashlib.sha256(report.encode("utf-8")).hexdigest(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--profile", help="Also write a cProfile of the stages to this file.")
    args = parser.parse_args()
    assert _cli is not None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(stages, args.old, args.new)
        profiler.dump_stats(args.profile)
    else:
        result = stages(args.old, args.new)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
