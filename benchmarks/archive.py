"""Following a real archive: import-git of all of ../shared/archives/wh-statements-2024-2026.bundle,
then `changes` over all of it, on 1 and 2 local workers and on `--dask local`.

For each run: wall time, peak memory of the whole process tree (the command and its workers,
sampled every 50 ms) and, for `changes`, pairs compared per second, cold (empty comparison
cache) and warm (the cache of the cold run). The reference, measured in the same run, is git's
own line diff of the whole history (`git log -p -M`), the work a line-diff watcher does; times
are also given as ratios to it. Checks that the results are the same on every engine, that the
February 2025 commit that moved every file's `source_url` shows as metadata only, and prints
the largest wording changes. Run: .venv/bin/python benchmarks/archive.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

BUNDLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "archives"
BUNDLE = BUNDLE / "wh-statements-2024-2026.bundle"
DIFFDOC = [sys.executable, "-m", "diffdoc"]
ENGINES = {"1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"],
           "dask local (2)": ["--dask", "local", "--workers", "2"]}  # fmt: skip


def measured(command: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Run `command`; its wall time, the peak RSS of its process tree (bytes), its stdout."""
    # Output goes to files, not pipes: a pipe nobody reads until the end fills and blocks.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        process = psutil.Popen(command, cwd=cwd, stdout=out_file, stderr=err_file)
        peak = 0
        while process.poll() is None:
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()}")
    return seconds, peak, out.decode()


def mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def february_commit(repo: Path) -> str:
    """The commit of February 2025 that touched the most files (the source_url move)."""
    out = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "log",
            "--since=2025-02-01",
            "--until=2025-03-01",
            "--format=@%H",
            "--name-only",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts = {c[:40]: len(c.split("\n")[1:]) for c in out.split("@") if c.strip()}
    return max(counts, key=lambda c: counts[c])[:7]


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if not BUNDLE.is_file():
        raise SystemExit(f"{BUNDLE}: missing (the benchmark needs ../shared)")
    work = Path(tempfile.mkdtemp(prefix="diffdoc-archive-"))
    try:
        run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path) -> None:
    repo = work / "wh"
    subprocess.run(["git", "clone", "-q", str(BUNDLE), str(repo)], check=True)
    reference, ref_memory, _ = measured(
        ["git", "-C", str(repo), "log", "-p", "-M", "--first-parent", "HEAD"]
    )
    print(f"reference: git log -p -M of the whole history: {reference:.1f} s, {mb(ref_memory)}")
    print()
    print("import-git (all *.md files of the archive, fresh corpus)")
    corpora = {}
    for name, options in ENGINES.items():
        corpus = work / f"corpus-{name.split()[0]}"
        subprocess.run([*DIFFDOC, "init", str(corpus)], check=True, capture_output=True)
        seconds, peak, out = measured(
            [
                *DIFFDOC,
                "import-git",
                str(repo),
                "--glob",
                "*.md",
                "--corpus",
                str(corpus),
                *options,
            ]
        )
        corpora[name] = corpus
        print(f"  {name:<15} {seconds:6.1f} s ({seconds / reference:5.1f}x the reference), "
              f"peak {mb(peak)}")  # fmt: skip
        if name == "1 worker":
            print("    " + out.strip().splitlines()[0])
    again, _, out = measured(
        [
            *DIFFDOC,
            "import-git",
            str(repo),
            "--glob",
            "*.md",
            "--corpus",
            str(corpora["2 workers"]),
        ]
    )
    print(f"  second run (nothing new): {again:.1f} s: {out.strip().splitlines()[0]}")
    print()
    print("changes over the whole corpus (JSON)")
    bodies = {}
    data: dict[str, Any] = {}
    corpus = corpora["2 workers"]
    for name, options in ENGINES.items():
        shutil.rmtree(corpus / "cache", ignore_errors=True)
        for state in ("cold", "warm"):
            seconds, peak, out = measured(
                [*DIFFDOC, "changes", "-f", "json", "--corpus", str(corpus), *options]
            )
            data = json.loads(out)
            pairs = data["pairs"]
            bodies[(name, state)] = json.dumps({k: v for k, v in data.items() if k != "engine"})
            print(f"  {name:<15} {state}: {seconds:6.1f} s ({seconds / reference:5.1f}x the "
                  f"reference), {pairs / seconds:6.0f} pairs/s, peak {mb(peak)}, "
                  f"{data['engine']['cached']} from cache")  # fmt: skip
    same = len(set(bodies.values())) == 1
    print(f"  same JSON (apart from `engine`) on every engine, cold and warm: {same}")
    report(data, february_commit(repo))
    out_dir = work / "site"
    seconds, peak, _ = measured(
        [
            *DIFFDOC,
            "changes",
            "-f",
            "html",
            "-o",
            str(out_dir),
            "--corpus",
            str(corpus),
            "--workers",
            "2",
        ]
    )
    print(f"\nHTML index and {data['wording']} pair reports (warm, 2 workers): {seconds:.1f} s, "
          f"peak {mb(peak)}")  # fmt: skip
    if not same:
        raise SystemExit("results differ between engines")


def report(data: dict[str, Any], february: str) -> None:
    changes = data["changes"]
    print(f"\n{data['pairs']} consecutive version pairs: {data['wording']} with wording changes, "
          f"{data['metadata_only']} metadata only (front matter or web addresses)")  # fmt: skip
    moved = [c for c in changes if c["new"].endswith(f"@{february}")]
    wording = [c["doc"] for c in moved if not c["metadata_only"]]
    print(f"February 2025 commit {february}: {len(moved)} pairs, {len(moved) - len(wording)} "
          f"metadata only, {len(wording)} wording: {', '.join(wording) or '-'}")  # fmt: skip
    print("\nSome wording changes (largest first):")
    ranked = sorted(
        (c for c in changes if not c["metadata_only"]),
        key=lambda c: (-(c["words_inserted"] + c["words_deleted"]), c["new"]),
    )
    for change in (
        ranked[:3] + [c for c in ranked if c["words_inserted"] + c["words_deleted"] == 2][:4]
    ):
        first = change["first_changes"][0] if change["first_changes"] else {}
        print(f"  {change['new_date']} {change['new']}: +{change['words_inserted']} "
              f"-{change['words_deleted']}  [{first.get('deleted', '')}] -> "
              f"[{first.get('inserted', '')}]")  # fmt: skip


if __name__ == "__main__":
    main()
