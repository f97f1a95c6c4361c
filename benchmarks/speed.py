"""Speed and memory of `diffdoc compare --format json` against a floor script and git.

Builds document pairs of about 14 KB, 140 KB, 1.4 MB and 14 MB from the seed with realistic
edits (about 5% of paragraphs edited, 1-3% deleted, inserted, moved, split, merged), then per
size times whole processes from the same run: diffdoc, benchmarks/floor.py (read, split
paragraphs, write the contract JSON with everything equal) and
`git diff --no-index --word-diff=porcelain`. Also two 5 MB single-paragraph texts that differ
in three words, a 5 MB paragraph of one sentence repeated 60,000 times with three words
inserted (must report exactly +3 -0), and the peak memory of a pair of 50 MB one-line texts
(under 1.5 GB, at most about 25x the input; --no-memory skips it). Targets at 14 MB: at most
3x the floor, under 600 MB peak, and at most 12x the 1.4 MB time.

For the largest size it also prints where diffdoc's time goes (import, read both files,
compare, render; from benchmarks/stages.py). Speed work must not change results: the SHA-256
of every JSON report is checked against benchmarks/speed-outputs.json (recorded before the
speed work; the 14 MB one renewed once, for the split/merge fix of commit 3e536ea); a report
that differs is flagged CHANGED. After a deliberate change of results, record the new
digests with --record.

Each command runs --repeat times (default 3), the commands of a size taking turns, and the
fastest run counts (the least disturbed by other work on the machine; peak memory is the
largest seen).

Run: .venv/bin/python benchmarks/speed.py [--max-size BYTES] [--repeat N] [--record] [--no-memory]
(or `make bench`)
To time another command per size, add an entry to COMMANDS (see `time_command`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edits import SEED, make_case, read_paragraphs, vocabulary_of

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
DIFFDOC = [PYTHON, "-m", "diffdoc"]
SIZES = [14_000, 140_000, 1_400_000, 14_000_000]
RATES = {"edit": 0.05, "insert": 0.02, "delete": 0.02, "move": 0.02, "split": 0.01, "merge": 0.01}
SUBSTITUTE = 0.2  # share of words replaced in each copy of the seed, so copies differ

# name -> argv builder (old, new, output file). The output goes to the file, as users would.
Argv = Callable[[Path, Path, Path], list[str]]
COMMANDS: dict[str, Argv] = {
    "diffdoc json": lambda old, new, out: [
        *DIFFDOC, "compare", str(old), str(new), "-f", "json", "-o", str(out),
    ],
    "diffdoc html": lambda old, new, out: [
        *DIFFDOC, "compare", str(old), str(new), "-f", "html", "-o", str(out),
    ],
    "floor": lambda old, new, out: [PYTHON, str(HERE / "floor.py"), str(old), str(new)],
    "git word-diff": lambda old, new, out: [
        "git", "diff", "--no-index", "--no-color", "--word-diff=porcelain", str(old), str(new),
    ],
}  # fmt: skip
STDOUT_TO_FILE = {"floor", "git word-diff"}
DIGESTS = HERE / "speed-outputs.json"  # case -> SHA-256 of diffdoc's JSON report


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_mb: float
    status: int


TIME = Path("/usr/bin/time")


def measure(argv: list[str], stdout_path: Path | None = None) -> Measurement:
    """Run a command to completion: wall-clock seconds, peak resident memory, exit status.

    Peak memory comes from /usr/bin/time when present: the rusage of a child forked from this
    (large) process would count the parent's pages copied before exec.
    """
    wrapped = [str(TIME), "-f", "@@peak %M", *argv] if TIME.exists() else argv
    with open(stdout_path or os.devnull, "wb") as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    assert process.stderr is not None
    error = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    peak_kb = float(usage.ru_maxrss)
    if TIME.exists():
        peaks = re.findall(r"^@@peak (\d+)$", error, re.MULTILINE)
        peak_kb = float(peaks[-1]) if peaks else peak_kb
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{argv[0]} failed ({code}): {error.strip()[:500]}")
    return Measurement(seconds, peak_kb / 1024, code)


def time_command(name: str, old: Path, new: Path, workdir: Path) -> Measurement:
    """Time COMMANDS[name] on one document pair (the hook for more commands, e.g. HTML)."""
    out = workdir / f"{name.replace(' ', '-')}.out"
    argv = COMMANDS[name](old, new, out)
    return measure(argv, out if name in STDOUT_TO_FILE else None)


def fastest(runs: list[Measurement]) -> Measurement:
    """The fastest of several runs of one command, with the largest peak memory seen."""
    best = min(runs, key=lambda run: run.seconds)
    return Measurement(best.seconds, max(run.peak_mb for run in runs), best.status)


def report_digest(workdir: Path) -> str:
    """SHA-256 of the JSON report the last `diffdoc json` run wrote."""
    return hashlib.sha256((workdir / "diffdoc-json.out").read_bytes()).hexdigest()


class Digests:
    """Reports' digests against the recorded ones (or recording them, with --record)."""

    def __init__(self, record: bool) -> None:
        self.record = record
        self.known: dict[str, str] = (
            json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}
        )

    def check(self, case: str, digest: str) -> str:
        """ "same", "CHANGED" or "new" (nothing recorded); records when asked to."""
        expected = self.known.get(case)
        if self.record:
            self.known[case] = digest
        if expected is None:
            return "new"
        return "same" if expected == digest else "CHANGED"

    def save(self) -> None:
        if self.record:
            DIGESTS.write_text(json.dumps(self.known, indent=1, sort_keys=True) + "\n")


def stage_breakdown(old: Path, new: Path) -> str:
    """Where diffdoc's time goes on one pair (benchmarks/stages.py in a fresh process)."""
    done = subprocess.run(
        [PYTHON, str(HERE / "stages.py"), str(old), str(new)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = json.loads(done.stdout)
    parts = ", ".join(
        f"{stage} {seconds[stage]:.2f} s" for stage in ("import", "read", "compare", "render")
    )
    return f"stages at {old.stat().st_size / 1e6:.1f} MB: {parts}"


def seed_paragraphs() -> list[str]:
    return read_paragraphs(SEED)


def grow(paragraphs: list[str], size: int, rng: random.Random) -> list[str]:
    """Copies of the paragraphs, each with some words replaced, until about `size` chars."""
    vocabulary = vocabulary_of(paragraphs)
    result: list[str] = []
    total = 0
    copy = 0
    while total < size:
        for text in paragraphs:
            if copy:
                text = re.sub(
                    r"[A-Za-z]{4,}",
                    lambda m: rng.choice(vocabulary) if rng.random() < SUBSTITUTE else m.group(),
                    text,
                )
            result.append(text)
            total += len(text) + 2
            if total >= size:
                break
        copy += 1
    return result


def build_pair(size: int, workdir: Path) -> tuple[Path, Path]:
    rng = random.Random(size)
    base = seed_paragraphs()
    old = grow(base, size, rng)
    foreign = grow(base, max(size // 20, 5_000), random.Random(size + 1))
    case = make_case(f"{size}", old, rng, vocabulary_of(base), foreign, RATES)
    old_path, new_path = workdir / f"old-{size}.txt", workdir / f"new-{size}.txt"
    old_path.write_text("\n\n".join(case.old) + "\n", encoding="utf-8")
    new_path.write_text("\n\n".join(case.new) + "\n", encoding="utf-8")
    return old_path, new_path


def long_paragraph_case(workdir: Path, digests: Digests) -> None:
    """Two 5 MB single-paragraph texts that differ in three words: on one line each, and
    hard-wrapped at 72 columns as extractions without paragraph breaks arrive."""
    rng = random.Random(5)
    text = " ".join(grow(seed_paragraphs(), 5_000_000, rng))
    words = list(re.finditer(r"\b[a-z]{5,}\b", text))
    edited = text
    for match in sorted(rng.sample(words, 3), key=lambda m: m.start(), reverse=True):
        edited = edited[: match.start()] + "zzzword" + edited[match.end() :]
    for case, name, layout in (
        ("long-paragraph", "long", "one line"),
        ("long-wrapped", "long-wrapped", "wrapped"),
    ):
        old_path, new_path = workdir / f"{name}-old.txt", workdir / f"{name}-new.txt"
        wrap = (lambda t: "\n".join(textwrap.wrap(t, 72))) if layout == "wrapped" else str
        old_path.write_text(wrap(text) + "\n", encoding="utf-8")
        new_path.write_text(wrap(edited) + "\n", encoding="utf-8")
        result = time_command("diffdoc json", old_path, new_path, workdir)
        data = json.loads((workdir / "diffdoc-json.out").read_text(encoding="utf-8"))
        stats = data["stats"]
        same = digests.check(case, report_digest(workdir))
        print(
            f"{'' if layout == 'wrapped' else chr(10)}5 MB single paragraph ({layout}), 3 words "
            f"changed: diffdoc {result.seconds:.2f} s, {result.peak_mb:.0f} MB peak; words "
            f"-{stats['words_deleted']} +{stats['words_inserted']} (expected -3 +3), "
            f"{len(data['old']['paragraphs'])} paragraph(s); output {same}"
        )


REPEATED = (
    "The member states reaffirm their commitment to the purposes and principles of the Charter. "
)


def repetitive_paragraph_case(workdir: Path, digests: Digests) -> None:
    """One sentence repeated 60,000 times (5 MB on one line), three words inserted at three
    places: a real LCS of the sentences must pair each edited copy with a deleted copy."""
    copies = [REPEATED] * 60_000
    for k, word in ((7_000, "firmly "), (31_000, "also "), (52_000, "jointly ")):
        copies[k] = REPEATED.replace("reaffirm", word + "reaffirm")
    old_path, new_path = workdir / "repeated-old.txt", workdir / "repeated-new.txt"
    old_path.write_text(REPEATED * 60_000 + "\n", encoding="utf-8")
    new_path.write_text("".join(copies) + "\n", encoding="utf-8")
    result = time_command("diffdoc json", old_path, new_path, workdir)
    stats = json.loads((workdir / "diffdoc-json.out").read_text(encoding="utf-8"))["stats"]
    same = digests.check("repeated-paragraph", report_digest(workdir))
    print(
        f"5 MB paragraph of one sentence x 60,000, 3 words inserted: diffdoc "
        f"{result.seconds:.2f} s, {result.peak_mb:.0f} MB peak; words -{stats['words_deleted']} "
        f"+{stats['words_inserted']} (expected -0 +3); output {same}"
    )


def big_pair_memory(workdir: Path, size: int = 50_000_000) -> None:
    """Peak memory of a pair of `size`-byte one-line texts that differ in three words
    (target: under 1.5 GB at 50 MB, at most about 25 times the input). The child's peak
    comes from its rusage (os.wait4, as `measure` takes it) or /usr/bin/time."""
    rng = random.Random(50)
    text = " ".join(grow(seed_paragraphs(), size, rng))
    edited = text
    words = list(re.finditer(r"\b[a-z]{5,}\b", text[: size // 2]))
    for match in sorted(rng.sample(words, 3), key=lambda m: m.start(), reverse=True):
        edited = edited[: match.start()] + "zzzword" + edited[match.end() :]
    old_path, new_path = workdir / "big-old.txt", workdir / "big-new.txt"
    old_path.write_text(text + "\n", encoding="utf-8")
    new_path.write_text(edited + "\n", encoding="utf-8")
    del text, edited, words
    result = time_command("diffdoc json", old_path, new_path, workdir)
    stats = json.loads((workdir / "diffdoc-json.out").read_text(encoding="utf-8"))["stats"]
    inputs = (old_path.stat().st_size + new_path.stat().st_size) / 1e6
    print(
        f"{size / 1e6:.0f} MB one-line pair, 3 words changed: diffdoc {result.seconds:.2f} s, "
        f"{result.peak_mb:.0f} MB peak ({result.peak_mb / inputs:.1f}x the {inputs:.0f} MB of "
        f"input; target < 1500 MB, <= 25x); words -{stats['words_deleted']} "
        f"+{stats['words_inserted']} (expected -3 +3)"
    )
    old_path.unlink()
    new_path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-size", type=int, default=SIZES[-1], help="Largest size to build.")
    parser.add_argument("--record", action="store_true", help="Record the reports' digests.")
    parser.add_argument(
        "--no-memory", action="store_true", help="Skip the 50 MB pair's memory measurement."
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="Runs per command; the fastest counts."
    )
    args = parser.parse_args()
    digests = Digests(args.record)
    largest: tuple[Path, Path] | None = None
    names = list(COMMANDS)
    times: dict[int, Measurement] = {}
    with tempfile.TemporaryDirectory(prefix="diffdoc-bench-") as tmp:
        workdir = Path(tmp)
        header = f"{'size':>10} {'paras':>7}" + "".join(f"{n:>22}" for n in names)
        print(header + f"{'vs floor':>10}{'vs git':>9}{'output':>9}")
        for size in [s for s in SIZES if s <= args.max_size]:
            old, new = build_pair(size, workdir)
            paragraphs = old.read_text(encoding="utf-8").count("\n\n") + 1
            runs: dict[str, list[Measurement]] = {name: [] for name in names}
            for _ in range(max(args.repeat, 1)):
                for name in names:
                    runs[name].append(time_command(name, old, new, workdir))
            results = {name: fastest(runs[name]) for name in names}
            ours = results["diffdoc json"]
            times[size] = ours
            html_vs_json = (size, results["diffdoc html"].seconds / ours.seconds)
            same = digests.check(str(size), report_digest(workdir))
            largest = (old, new)
            cells = "".join(f"{r.seconds:>10.2f}s {r.peak_mb:>7.0f}MB" for r in results.values())
            ratio_floor = ours.seconds / results["floor"].seconds
            ratio_git = ours.seconds / results["git word-diff"].seconds
            ratios = f"{ratio_floor:>9.1f}x{ratio_git:>8.1f}x"
            print(f"{old.stat().st_size:>10} {paragraphs:>7}{cells}{ratios}{same:>9}")
        if 1_400_000 in times and 14_000_000 in times:
            big = times[14_000_000]
            growth = big.seconds / times[1_400_000].seconds
            print(f"\ngrowth 1.4 MB -> 14 MB: {growth:.1f}x (target <= 12x); ", end="")
            print(f"peak at 14 MB {big.peak_mb:.0f} MB (target < 600 MB)")
        if times:
            html_size, html_ratio = html_vs_json
            print(f"HTML at {html_size / 1e6:.1f} MB: {html_ratio:.2f}x JSON time (target <= 2x)")
        if largest is not None:
            print(stage_breakdown(*largest))
        long_paragraph_case(workdir, digests)
        repetitive_paragraph_case(workdir, digests)
        if not args.no_memory:
            big_pair_memory(workdir)
    digests.save()


if __name__ == "__main__":
    main()
