"""Speed of the drafts commands over a long series: blame, history and the evolution report.

Builds 20 versions of a text of about 300 KB (the Paris drafts' paragraphs when ../shared/texts
is there, else the seed's, repeated) with realistic edits between consecutive versions (about
3% of paragraphs edited, 1% deleted, inserted, moved, split or merged), stores them in a
temporary corpus, then times, in this process and in this run:

- the reference: one plain `compare` of one consecutive pair (and the same pair read from its
  files first, as `diffdoc compare` does);
- `blame` of the latest version with a cold comparison cache (19 comparisons made and stored),
  then warm (read back from the cache), with and without --words;
- `history --paragraph N`, the version summary and the evolution report, warm;
- the `diffdoc blame` command as a whole process, warm (start-up included).

Each figure is printed with its ratio to the reference. The target: blame and history finish
in seconds, i.e. the cold run costs about the 19 comparisons it needs and warm runs far less.

Run: .venv/bin/python benchmarks/series.py [--versions N] [--size BYTES]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edits import SEED, TEXTS, make_case, read_paragraphs, vocabulary_of

from diffdoc.compare import compare
from diffdoc.corpus import Corpus, add_version
from diffdoc.drafts.brackets import bracket_series
from diffdoc.drafts.evolution import render_evolution
from diffdoc.drafts.render import blame_lines, history_lines, summary_lines, version_rows
from diffdoc.drafts.series import corpus_lineage
from diffdoc.ingest import read_document

RATES = {"edit": 0.03, "insert": 0.01, "delete": 0.01, "move": 0.01, "split": 0.005, "merge": 0.005}
PARIS = sorted(TEXTS.glob("paris-2015-1*.okfn-md.en.txt"))


def base_paragraphs(size: int) -> list[str]:
    """Real paragraphs, repeated until they reach about `size` bytes."""
    source = [p for path in PARIS for p in read_paragraphs(path)] or read_paragraphs(SEED)
    out: list[str] = []
    total = 0
    while total < size:
        for paragraph in source:
            out.append(paragraph)
            total += len(paragraph.encode()) + 2
            if total >= size:
                break
    return out


def build_series(count: int, size: int, seed: int = 6) -> list[list[str]]:
    """`count` versions, each a realistic edit of the one before."""
    rng = random.Random(seed)
    first = base_paragraphs(size)
    vocabulary = vocabulary_of(first)
    versions = [first]
    for n in range(1, count):
        case = make_case(f"v{n + 1}", versions[-1], rng, vocabulary, first, RATES)
        versions.append(case.new)
    return versions


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--size", type=int, default=300_000)
    args = parser.parse_args()

    versions = build_series(args.versions, args.size)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        corpus, _ = Corpus.init(root)
        for n, paragraphs in enumerate(versions, 1):
            data = "\n\n".join(paragraphs).encode() + b"\n"
            add_version(corpus, data, name=f"v{n}.txt", doc_id="series", label=f"v{n}")
        sizes = [len("\n\n".join(p).encode()) for p in versions]
        print(
            f"{len(versions)} versions, {min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} KB, "
            f"{len(versions[0])}-{max(len(p) for p in versions)} paragraphs"
        )

        first = Path(tmp) / "v1.txt"
        second = Path(tmp) / "v2.txt"
        first.write_text("\n\n".join(versions[0]), encoding="utf-8")
        second.write_text("\n\n".join(versions[1]), encoding="utf-8")
        old, new = read_document(first), read_document(second)
        reference, _ = timed(lambda: compare(old, new))
        rows: list[tuple[str, float]] = [("reference: one compare of one pair", reference)]
        both = timed(lambda: compare(read_document(first), read_document(second)))[0]
        rows.append(("one pair read from files and compared", both))

        def blame(words: bool) -> list[str]:
            series = corpus_lineage(corpus, "series")
            return blame_lines(series.lineage, len(series.records) - 1, words=words)

        seconds, lines = timed(lambda: blame(False))
        rows.append(("blame latest, cold cache (19 comparisons)", seconds))
        rows.append(("blame latest, warm cache", timed(lambda: blame(False))[0]))
        rows.append(("blame latest --words, warm cache", timed(lambda: blame(True))[0]))

        def history(number: int) -> list[str]:
            series = corpus_lineage(corpus, "series")
            return history_lines(series.lineage, len(series.records) - 1, number)

        rows.append(
            ("history --paragraph N, warm cache", timed(lambda: history(len(lines) // 2))[0])
        )

        def summary() -> list[str]:
            series = corpus_lineage(corpus, "series")
            lineage = series.lineage
            counts = bracket_series([v.document for v in lineage.versions], lineage.comparisons)
            return summary_lines(version_rows(series.lineage, counts))

        rows.append(("history (one line per version), warm cache", timed(summary)[0]))

        def report() -> str:
            series = corpus_lineage(corpus, "series")
            lineage = series.lineage
            counts = bracket_series([v.document for v in lineage.versions], lineage.comparisons)
            return render_evolution(series.lineage, counts, doc_id="series", title="Series")

        seconds, page = timed(report)
        rows.append((f"history -o report ({len(page) / 1e6:.1f} MB), warm cache", seconds))
        command = [sys.executable, "-m", "diffdoc", "blame", "series", "--corpus", str(root)]
        seconds, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True))
        rows.append(("`diffdoc blame` process, warm cache", seconds))
        corpus.close()

    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.2f} s  {seconds / reference:6.1f}x reference")


if __name__ == "__main__":
    main()
