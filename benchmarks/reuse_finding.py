"""The finding: where "terrorism, separatism and extremism" first appears in the UN General
Debate (../shared/corpora/ungdc-1946-2024.jsonl.gz), and who reused the passages around it.

Scans every statement for the phrase and for the three words in any order (within a few
words: "extremism, separatism and terrorism", the SCO's "three evils"), imports the statements
holding the three words into a scratch corpus, and runs `reuse --all` there: the families whose
text names the three, earliest first.
Run: .venv/bin/python benchmarks/reuse_finding.py [--work DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "corpora" / "ungdc-1946-2024.jsonl.gz"
PHRASE = "terrorism, separatism and extremism"
THREE = re.compile(
    r"\b(terrorism|separatism|extremism)\W+(?:\w+\W+){0,2}?(terrorism|separatism|extremism)"
    r"\W+(?:\w+\W+){0,2}?(terrorism|separatism|extremism)\b"
)


def names_three(text: str) -> bool:
    return any(len(set(m.groups())) == 3 for m in THREE.finditer(text.casefold()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"skipped: {DATA} not found")
    work = args.work or Path(tempfile.mkdtemp(prefix="diffdoc-finding-"))
    work.mkdir(parents=True, exist_ok=True)
    holding = []
    exact = []
    total = 0
    with gzip.open(DATA, "rt", encoding="utf-8") as stream:
        for line in stream:
            total += 1
            record = json.loads(line)
            if PHRASE in record["text"].casefold():
                exact.append(record["id"])
            if names_three(record["text"]):
                holding.append(record)
    print(f"{len(exact)} of {total} statements hold {PHRASE!r}: {exact}")
    first = holding[0]
    print(f"{len(holding)} name the three in any order; first {first['id']}")
    print("by year:", sorted(Counter(r["year"] for r in holding).items()))
    print("by country:", Counter(r["country"] for r in holding).most_common(12))
    subset = work / "holding.jsonl"
    subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in holding))
    corpus = work / "corpus"
    diffdoc = [sys.executable, "-m", "diffdoc"]
    subprocess.run([*diffdoc, "init", str(corpus)], check=True, capture_output=True)
    subprocess.run([*diffdoc, "import", str(subset), "-q", "--corpus", str(corpus)], check=True)
    out = work / "families.json"
    subprocess.run(
        [*diffdoc, "reuse", "--all", "-f", "json", "-q", "-o", str(out), "--corpus", str(corpus)],
        check=False,
    )
    families = json.loads(out.read_text(encoding="utf-8"))["families"]
    with_phrase = [f for f in families if names_three(f["text"])]
    print(f"{len(families)} families among them; {len(with_phrase)} hold the phrase:")
    for family in sorted(with_phrase, key=lambda f: -len(f["occurrences"]))[:6]:
        refs = [o["ref"].split("@")[0] for o in family["occurrences"]]
        print(f"- {len(refs)} statements, first {refs[0]}: {family['text'][:200]!r}")
        print(f"  {', '.join(refs[:12])}{' ...' if len(refs) > 12 else ''}")


if __name__ == "__main__":
    main()
