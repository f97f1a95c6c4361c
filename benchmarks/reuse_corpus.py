"""Bulk import and reuse on the UN General Debate statements (../shared/corpora/ungdc-*.jsonl.gz).

Measures, in one run and against references measured in the same run:
- import: wall time and peak memory of `diffdoc import` (1 and 2 workers) beside the readers
  alone (decompressing, decoding the JSON and `parse_bytes` on every text, one process);
- planted passages: PLANTS passages of two to four sentences copied from a random earlier
  statement with one word changed, into later statements (written into the imported dataset);
  recall of the plants with the right source, precision of every reported passage;
- `reuse REF`: median and 95th percentile over sampled statements (library call, one worker);
- `reuse --all`: time and peak memory on 1 and 2 workers and `--dask local`, and whether the
  three JSON outputs are identical apart from `engine`;
- the finding: where "terrorism, separatism and extremism" first appears, and who reused it.

Run: .venv/bin/python benchmarks/reuse_corpus.py [--limit N] [--work DIR] [--no-dask]
(--limit N takes the first N statements, in the dataset's order: years 1946 onwards).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "corpora" / "ungdc-1946-2024.jsonl.gz"
PHRASE = "terrorism, separatism and extremism"
PLANTS = 200
SEED = 16

sys.path.insert(0, str(ROOT))

from diffdoc.corpus import Corpus  # noqa: E402
from diffdoc.corpus.import_sources import safe_id  # noqa: E402
from diffdoc.engine import Engine  # noqa: E402
from diffdoc.ingest import parse_bytes  # noqa: E402
from diffdoc.reuse.index import open_shingles  # noqa: E402
from diffdoc.reuse.query import find_reuse  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_WORD = re.compile(r"\w+")


def read_records(limit: int | None) -> list[dict[str, Any]]:
    records = []
    with gzip.open(DATA, "rt", encoding="utf-8") as stream:
        for line in stream:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def plant(records: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """Copy 2-4 sentences of a random earlier statement, one word changed, into later ones."""
    rng = random.Random(SEED)
    vocabulary = sorted({w for r in records[:200] for w in _WORD.findall(r["text"]) if w.isalpha()})
    truth = []
    targets = rng.sample(range(len(records) // 2, len(records)), min(count, len(records) // 2))
    for target in sorted(targets):
        source = rng.randrange(0, target)
        if records[source]["year"] >= records[target]["year"]:
            source = rng.randrange(0, max(1, target // 2))
        paragraphs = [p for p in records[source]["text"].split("\n") if len(p.split()) > 60]
        if not paragraphs:
            continue
        sentences = _SENTENCE.split(rng.choice(paragraphs))
        size = rng.randint(2, 4)
        if len(sentences) < size:
            continue
        start = rng.randrange(0, len(sentences) - size + 1)
        copied = " ".join(sentences[start : start + size])
        words = copied.split(" ")
        position = rng.randrange(len(words))
        words[position] = rng.choice(vocabulary)
        planted = " ".join(words)
        lines = records[target]["text"].split("\n")
        where = rng.randrange(len(lines))
        lines[where] = lines[where].rstrip() + " " + planted
        records[target] = {**records[target], "text": "\n".join(lines)}
        truth.append(
            {
                "target": safe_id(records[target]["id"]),
                "source": safe_id(records[source]["id"]),
                "text": planted,
            }
        )
    return truth


def timed_run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB, the largest process) of a command."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:]); t = time.perf_counter() - t; "
        "print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); "
        "sys.exit(r.returncode if r.returncode > 1 else 0)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(command[2:])} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    seconds, memory = out.stdout.split()[-2:]
    return float(seconds), float(memory)


def readers_alone(path: Path) -> float:
    start = time.perf_counter()
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            parse_bytes(record["text"].encode("utf-8"), name=record["id"], fmt="text")
    return time.perf_counter() - start


def diffdoc(*args: str) -> list[str]:
    return [sys.executable, "-m", "diffdoc", *args]


def covered(passage: str, source: str) -> float:
    a, b = _WORD.findall(passage.casefold()), _WORD.findall(source.casefold())
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / max(1, len(a))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument(
        "--skip-import",
        action="store_true",
        help="reuse the corpus a previous run imported into --work (the plants are the same)",
    )
    parser.add_argument("--sample", type=int, default=100, help="statements timed for reuse REF")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"skipped: {DATA} not found")
    work = args.work or Path(tempfile.mkdtemp(prefix="diffdoc-reuse-"))
    work.mkdir(parents=True, exist_ok=True)
    records = read_records(args.limit)
    truth = plant(records, PLANTS if args.limit is None else max(20, len(records) // 50))
    megabytes = sum(len(r["text"].encode()) for r in records) / 1e6
    results: dict[str, Any] = {"statements": len(records), "text_mb": round(megabytes, 1)}
    print(f"{len(records)} statements, {megabytes:.1f} MB of text, {len(truth)} plants")
    corpus_dir = work / "corpus-2"
    if args.skip_import and (corpus_dir / "index.sqlite").is_file():
        print(f"import skipped: {corpus_dir} as imported before")
    else:
        import_all(work, records, megabytes, results)
    reuse_benchmarks(args, corpus_dir, records, truth, results)
    (work / "results.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results))


def import_all(
    work: Path, records: list[dict[str, Any]], megabytes: float, results: dict[str, Any]
) -> None:
    dataset = work / "planted.jsonl.gz"
    with gzip.open(dataset, "wt", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    reader = readers_alone(dataset)
    results["readers_s"] = round(reader, 1)
    print(f"readers alone: {reader:.1f} s ({megabytes / reader:.1f} MB/s)")
    for workers in (1, 2):
        corpus = work / f"corpus-{workers}"
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run(diffdoc("init", str(corpus)), check=True, capture_output=True)
        seconds, memory = timed_run(
            diffdoc(
                "import", str(dataset), "-q", "--workers", str(workers), "--corpus", str(corpus)
            )
        )
        results[f"import_{workers}w"] = {"s": round(seconds, 1), "peak_mb": round(memory)}
        print(
            f"import, {workers} worker(s): {seconds:.1f} s, peak {memory:.0f} MB, "
            f"{reader / seconds:.0%} of the readers' throughput"
        )
    shutil.rmtree(work / "corpus-1", ignore_errors=True)


def reuse_benchmarks(
    args: argparse.Namespace,
    corpus_dir: Path,
    records: list[dict[str, Any]],
    truth: list[dict[str, Any]],
    results: dict[str, Any],
) -> None:
    corpus = Corpus.open(corpus_dir)
    index = open_shingles(corpus)
    start = time.perf_counter()
    index.sync(Engine(workers=2))
    results["shingle_index_s"] = round(time.perf_counter() - start, 1)
    size = (corpus_dir / "shingles.sqlite").stat().st_size / 1e6
    results["shingle_index_mb"] = round(size)
    print(f"shingle index: {results['shingle_index_s']} s, {size:.0f} MB")

    rng = random.Random(SEED)
    targets = sorted({t["target"] for t in truth})
    others = [safe_id(r["id"]) for r in rng.sample(records, min(args.sample, len(records)))]
    times = []
    found: dict[str, Any] = {}
    for doc_id in sorted(set(targets) | set(others)):
        version = corpus.resolve(doc_id)
        start = time.perf_counter()
        result = find_reuse(corpus, version, index, engine=Engine(workers=1))
        elapsed = time.perf_counter() - start
        if doc_id in others:
            times.append(elapsed)
        found[doc_id] = result
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    results["reuse_ref"] = {"median_s": round(statistics.median(times), 3), "p95_s": round(p95, 3)}
    print(
        f"reuse REF: median {statistics.median(times):.3f} s, p95 {p95:.3f} s ({len(times)} docs)"
    )

    hits = 0
    for plant_truth in truth:
        result = found[plant_truth["target"]]
        planted = set(_WORD.findall(plant_truth["text"].casefold()))
        for passage in result.passages:
            text = result.paragraphs[passage.paragraph][passage.start : passage.end]
            words = set(_WORD.findall(text.casefold()))
            if len(words & planted) >= 0.7 * len(planted) and any(
                s.version.doc_id == plant_truth["source"] for s in passage.sources
            ):
                hits += 1
                break
    checked = good = 0
    for result in found.values():
        for passage in result.passages:
            text = result.paragraphs[passage.paragraph][passage.start : passage.end]
            for source in passage.sources:
                checked += 1
                good += covered(text, source.text) >= 0.7
    recall, precision = hits / max(1, len(truth)), good / max(1, checked)
    results["accuracy"] = {
        "plants": len(truth),
        "recall": round(recall, 3),
        "precision": round(precision, 3),
        "pairs_checked": checked,
    }
    print(f"planted passages: recall {recall:.3f}, precision {precision:.3f} ({checked} pairs)")
    index.close()

    outputs = {}
    engines = [("1w", ["--workers", "1"]), ("2w", ["--workers", "2"])]
    if not args.no_dask:
        engines.append(("dask", ["--dask", "local", "--workers", "2"]))
    for name, options in engines:
        out = corpus_dir.parent / f"families-{name}.json"
        seconds, memory = timed_run(
            diffdoc(
                "reuse",
                "--all",
                "-f",
                "json",
                "-q",
                "-o",
                str(out),
                *options,
                "--corpus",
                str(corpus_dir),
            )
        )
        if not out.is_file():
            sys.exit(f"reuse --all on {name} wrote no {out} (exit status 1: no families?)")
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("engine")
        outputs[name] = json.dumps(data, sort_keys=True)
        results[f"reuse_all_{name}"] = {
            "s": round(seconds, 1),
            "peak_mb": round(memory),
            "families": len(data["families"]),
        }
        count = len(data["families"])
        print(f"reuse --all, {name}: {seconds:.1f} s, peak {memory:.0f} MB, {count} families")
    results["reuse_all_identical"] = len(set(outputs.values())) == 1
    print(f"identical JSON across engines: {results['reuse_all_identical']}")

    first = next((r for r in records if PHRASE in r["text"].casefold()), None)
    users = [r for r in records if PHRASE in r["text"].casefold()]
    if first is not None:
        print(f"'{PHRASE}' first: {first['id']} ({first['year']}); in {len(users)} statements")
        by_country: dict[str, int] = {}
        for r in users:
            by_country[r["country"]] = by_country.get(r["country"], 0) + 1
        print("  by country:", sorted(by_country.items(), key=lambda kv: -kv[1])[:12])
        families = json.loads(outputs["1w"])["families"]
        with_phrase = [f for f in families if PHRASE in f["text"].casefold()]
        for family in with_phrase[:5]:
            refs = [o["ref"] for o in family["occurrences"]]
            print(f"  family of {len(refs)}: {family['text'][:160]!r} -> {refs[:8]}")
        results["finding"] = {
            "first": first["id"],
            "statements": len(users),
            "families": len(with_phrase),
        }


if __name__ == "__main__":
    main()
