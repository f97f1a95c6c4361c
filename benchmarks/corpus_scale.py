"""Corpus at scale: list, log and reference lookup with 10,000 documents and 100,000 versions.

Builds a synthetic corpus on disk in the real layout (written directly, without fsync, so that
building it takes a minute rather than an hour), rebuilds its index once, then times:

- in process: `summaries()` (list), `history()` (log) and `resolve()` (reference lookup), against
  the time to stat and read one small file of the corpus, measured in the same run;
- as commands: `diffdoc list`, `diffdoc log`, `diffdoc show REF`, against `python -c pass` and
  `python -c "import diffdoc.cli"` (interpreter and import start-up), measured in the same run.

Usage: python benchmarks/corpus_scale.py [--documents 10000] [--versions 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from diffdoc import docformat
from diffdoc.corpus import Corpus
from diffdoc.corpus.records import DocumentRecord, VersionRecord, to_json
from diffdoc.corpus.store import DOCUMENT_FILE, TEXT_FILE, VERSION_FILE, sha256_hex
from diffdoc.models import Block, Document, Source
from diffdoc.normalize import comparison_key


def build(root: Path, documents: int, versions: int) -> None:
    """Write `documents` documents of `versions` versions each, in the corpus layout."""
    corpus, _ = Corpus.init(root)
    for d in range(documents):
        doc_id = f"doc-{d:05d}"
        folder = corpus.document_dir(doc_id)
        folder.mkdir()
        series = f"series-{d % 50:02d}"
        record = DocumentRecord(doc_id, f"Declaration {d}", series, "en", "2024-01-01T00:00:00Z")
        (folder / DOCUMENT_FILE).write_bytes(to_json(record))
        for n in range(1, versions + 1):
            label = f"v{n}"
            original = f"# Declaration {d}\n\nParagraph one, draft {n}.\n\nClosing words.\n"
            data = original.encode()
            sha = sha256_hex(data)
            texts = (f"Declaration {d}", f"Paragraph one, draft {n}.", "Closing words.")
            kinds = ("title", "paragraph", "paragraph")
            document = Document(
                title=texts[0],
                blocks=tuple(
                    Block(k, t, comparison_key(t)) for k, t in zip(kinds, texts, strict=True)
                ),
                source=Source(f"{doc_id}@{label}", sha, "markdown", "utf-8"),
            )
            text = docformat.dumps(document).encode()
            version = VersionRecord(
                doc_id, n, label, f"2024-01-{n:02d}" if n <= 28 else None, f"d{n}.md",
                None, sha, sha256_hex(text), "2024-01-01T00:00:00Z", texts[0], "markdown",
                "utf-8", len(data),
            )  # fmt: skip
            (folder / label).mkdir()
            (folder / label / VERSION_FILE).write_bytes(to_json(version))
            (folder / label / TEXT_FILE).write_bytes(text)
            path = corpus.object_path(sha)
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
        if d and d % 1000 == 0:
            print(f"  built {d} documents", file=sys.stderr)


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `action`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def command(*args: str) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(args, check=True, stdout=subprocess.DEVNULL)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--versions", type=int, default=10, help="versions per document")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the corpus here")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="diffdoc-corpus-scale-"))
    root = workdir / "corpus"
    try:
        if not Corpus.is_corpus(root):
            start = time.perf_counter()
            build(root, args.documents, args.versions)
            print(f"built {args.documents} documents x {args.versions} versions "
                  f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
        corpus = Corpus.open(root)
        start = time.perf_counter()
        corpus.refresh_index(rebuild=True)
        print(f"index rebuilt from every file in {time.perf_counter() - start:.1f} s "
              f"(what verify and the first command after a fresh clone pay)")  # fmt: skip

        middle = f"doc-{args.documents // 2:05d}"
        one_file = root / "documents" / middle / DOCUMENT_FILE
        reference = best_of(20, lambda: (os.stat(one_file), one_file.read_bytes()))
        print(f"\nin process (best of 5); reference: stat+read one file = {reference * 1e6:.0f} µs")
        timings = {
            "list (all documents)": lambda: Corpus.open(root).summaries(),
            "list --series": lambda: Corpus.open(root).summaries("series-07"),
            "log DOC": lambda: Corpus.open(root).history(middle),
            "resolve DOC@latest~3": lambda: Corpus.open(root).resolve(f"{middle}@latest~3"),
            "resolve DOC@v2": lambda: Corpus.open(root).resolve(f"{middle}@v2"),
        }
        for name, action in timings.items():
            seconds = best_of(5, action)
            print(
                f"  {name:<24} {seconds * 1000:8.1f} ms  = {seconds / reference:8.0f} x reference"
            )

        python = sys.executable
        startup = best_of(5, command(python, "-c", "pass"))
        imports = best_of(5, command(python, "-c", "import diffdoc.cli"))
        print(f"\ncommands (best of 5); reference: python -c pass = {startup * 1000:.0f} ms, "
              f"import diffdoc.cli = {imports * 1000:.0f} ms")  # fmt: skip
        cli = [python, "-m", "diffdoc"]
        commands = {
            "diffdoc list": [*cli, "list", "--corpus", str(root)],
            "diffdoc log --no-stats": [*cli, "log", middle, "--no-stats", "--corpus", str(root)],
            "diffdoc log (stats)": [*cli, "log", middle, "--corpus", str(root)],
            "diffdoc show DOC@latest~1": [
                *cli,
                "show",
                f"{middle}@latest~1",
                "--corpus",
                str(root),
            ],
        }
        results = []
        for name, argv in commands.items():
            seconds = best_of(5, command(*argv))
            results.append(seconds)
            print(f"  {name:<26} {seconds * 1000:6.0f} ms  = {seconds / imports:4.2f} x import "
                  f"(+{(seconds - imports) * 1000:.0f} ms of work)")  # fmt: skip
        verdict = "all under" if max(results) < 1 else "NOT all under"
        print(f"\n{verdict} one second (median {statistics.median(results) * 1000:.0f} ms)")
    finally:
        if args.keep is None:
            shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
