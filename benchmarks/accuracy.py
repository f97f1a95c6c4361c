"""Ground-truth accuracy of diffdoc's alignment and word diff, beside a plain difflib diff.

Takes real texts (the seed and ../shared/texts), applies known random edits (word
substitutions, insertions, deletions, phrase replacements; paragraph inserts, deletes, far
moves with and without edits, splits at sentence boundaries, merges) and scores diffdoc's JSON
against the truth: paragraph pairs, recall of moves, splits and merges, changed words. Then
runs the real version pairs in ../shared/texts. Run: .venv/bin/python benchmarks/accuracy.py
"""

from __future__ import annotations

import difflib
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edits import (
    SEED,
    TEXTS,
    Case,
    changed_chunks,
    make_case,
    read_paragraphs,
    renumber,
    vocabulary_of,
)

from diffdoc.compare import compare
from diffdoc.ingest.wording import find_label
from diffdoc.models import PARAGRAPH_SEPARATOR, Block, Document, Segment
from diffdoc.normalize import DEFAULT_KEY, comparison_key
from diffdoc.report import render
from diffdoc.wordiff import changes

CASES_PER_TEXT = 4
RATES = {"edit": 0.08, "insert": 0.03, "delete": 0.03, "move": 0.04, "split": 0.04, "merge": 0.04}
# Each variant is scored on its own: the usual edit mix, three times as dense, and the
# usual mix with the opening paragraph moved to the end (which once hid splits and merges).
VARIANTS = {
    "default rates": RATES,
    "3x rates": {kind: 3 * rate for kind, rate in RATES.items()},
    "first paragraph moved": {**RATES, "first_move": 1.0},
    "renumbered (1. 2. ...)": {**RATES, "renumber": 1.0},
}
SOURCES = [
    "paris-2015-12-12-paris-agreement-adopted.okfn-md.en.txt",
    "quad-2021-09-24-joint-statement-from-quad-leaders.wh-md.en.txt",
    "quad-2022-05-24-quad-joint-leaders-statement-tokyo.wh-md.en.txt",
    "quad-2023-05-20-quad-leaders-joint-statement-hiroshima.wh-md.en.txt",
    "us-uk-2023-06-08-atlantic-declaration.wh-md.v3.en.txt",
    "americas-2022-06-10-los-angeles-declaration-migration-protection.wh-md.v3.en.txt",
    "unga-2025-10-14-A-RES-80-3-awaza-declaration.railcar-extract-v1.3.0.en.txt",
    "ungd-2002-session57-CHN-general-debate-statement.ungdc.en.txt",
]
Pair = tuple[Any, Any]


@dataclass
class Found:
    """What one differ reported, in the same terms as the truth."""

    pairs: set[Pair] = field(default_factory=set)
    moves: set[Pair] = field(default_factory=set)
    splits: set[Pair] = field(default_factory=set)
    merges: set[Pair] = field(default_factory=set)
    words: set[Pair] = field(default_factory=set)  # ("old"|"new", paragraph, chunk)


def document(paragraphs: list[str]) -> Document:
    # labelled as the readers label them ("1.", "(a)"), so renumbered cases pair as real ones
    blocks = tuple(
        Block("paragraph", t, comparison_key(t), label=find_label(t)) for t in paragraphs
    )
    return Document(title="case", blocks=blocks)


def truth(case: Case) -> Found:
    found = Found()
    for j, item in enumerate(case.items):
        found.pairs.update((i, j) for i in item.old)
        if item.origin == "move":
            found.moves.add((item.old[0], j))
        if item.origin == "merge":
            found.merges.add((item.old, j))
        found.words.update(("old", item.old[0], k) for k in item.deleted)
        found.words.update(("new", j, k) for k in item.inserted)
        found.words.update(("old", i, k) for i, k in item.also_deleted)
    splits: dict[int, list[int]] = {}
    for j, item in enumerate(case.items):
        if item.origin == "split":
            splits.setdefault(item.old[0], []).append(j)
    found.splits = {(i, tuple(js)) for i, js in splits.items()}
    return found


def _mark(paragraphs: list[str], indices: list[int], marks: list[bool], side: str) -> set[Pair]:
    words: set[Pair] = set()
    start = 0
    for index in indices:
        text = paragraphs[index]
        words.update((side, index, k) for k in changed_chunks(text, marks[start:]))
        start += len(text) + len(PARAGRAPH_SEPARATOR)
    return words


def diffdoc_found(case: Case) -> Found:
    comparison = compare(document(case.old), document(case.new))
    data = json.loads(render(comparison, "json"))
    found = Found()
    for block in data["blocks"]:
        old, new, op = block["old"], block["new"], block["op"]
        if not (old and new):
            continue
        found.pairs.update((i, j) for i in old for j in new)
        if op == "move":
            found.moves.add((old[0], new[0]))
        elif op == "split":
            found.splits.add((old[0], tuple(new)))
        elif op == "merge":
            found.merges.add((tuple(old), new[0]))
        segments = [Segment(s["op"], s["text"]) for s in block["segments"]]
        old_marks: list[bool] = []
        new_marks: list[bool] = []
        for piece in changes(segments, DEFAULT_KEY):
            changed = piece.kind == "change"
            old_marks += [changed] * len(piece.old)
            new_marks += (
                [changed] * len(piece.new) if piece.kind != "equal" else [False] * len(piece.new)
            )
        found.words |= _mark(data["old"]["paragraphs"], old, old_marks, "old")
        found.words |= _mark(data["new"]["paragraphs"], new, new_marks, "new")
    return found


def difflib_found(case: Case) -> Found:
    found = Found()
    matcher = difflib.SequenceMatcher(None, case.old, case.new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                found.pairs.add((i, j))
                if tag == "replace":
                    found.words |= _word_opcodes(case.old[i], case.new[j], i, j)
    return found


def _word_opcodes(old: str, new: str, i: int, j: int) -> set[Pair]:
    a, b = old.split(), new.split()
    words: set[Pair] = set()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            words.update(("old", i, k) for k in range(a1, a2))
            words.update(("new", j, k) for k in range(b1, b2))
    return words


@dataclass
class Score:
    hits: int = 0
    reported: int = 0
    expected: int = 0

    def add(self, found: Iterable[Pair], true: Iterable[Pair]) -> None:
        found_set, true_set = set(found), set(true)
        self.hits += len(found_set & true_set)
        self.reported += len(found_set)
        self.expected += len(true_set)

    @property
    def precision(self) -> float:
        return self.hits / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def cases(rates: dict[str, float]) -> list[Case]:
    paths = [SEED] + [TEXTS / name for name in SOURCES if (TEXTS / name).is_file()]
    texts = {path.name: read_paragraphs(path) for path in paths}
    result = []
    for number, (name, paragraphs) in enumerate(sorted(texts.items())):
        vocabulary = vocabulary_of(paragraphs)
        foreign = [p for other, ps in texts.items() if other != name for p in ps if len(p) > 40]
        for variant in range(CASES_PER_TEXT):
            rng = random.Random(1000 * number + variant)
            case = make_case(f"{name}#{variant}", paragraphs, rng, vocabulary, foreign, rates)
            if rates.get("renumber"):
                case = renumber(case)
            result.append(case)
    return result


def score(name: str, finder: Any, all_cases: list[Case]) -> dict[str, Score]:
    scores = {k: Score() for k in ("pairs", "moves", "splits", "merges", "words")}
    for case in all_cases:
        true, found = truth(case), finder(case)
        for key, value in scores.items():
            value.add(getattr(found, key), getattr(true, key))
    return scores


# (file stem, old version, new version): files are f"{stem}{version}.en.txt"
REAL_PAIRS = [
    ("us-uk-2023-06-08-atlantic-declaration.wh-md.", "v1", "v2"),
    ("us-uk-2023-06-08-atlantic-declaration.wh-md.", "v2", "v3"),
    ("americas-2022-06-10-los-angeles-declaration-migration-protection.wh-md.", "v2", "v3"),
    ("unga-2025-10-14-A-RES-80-3-awaza-declaration.railcar-extract-", "v1.0.0", "v1.3.0"),
]


def real_pairs() -> None:
    from diffdoc.compare import compare_files

    print("\nReal version pairs (every counted change, old -> new):")
    for stem, old, new in REAL_PAIRS:
        old_path, new_path = TEXTS / f"{stem}{old}.en.txt", TEXTS / f"{stem}{new}.en.txt"
        if not (old_path.is_file() and new_path.is_file()):
            continue
        comparison = compare_files(old_path, new_path)
        stats = comparison.stats
        ops = {op: getattr(stats, op) for op in ("modify", "insert", "delete", "move", "split")}
        ops["merge"] = stats.merge
        shown = ", ".join(f"{n} {op}" for op, n in ops.items() if n) or "no changed blocks"
        print(
            f"  {stem}{old} -> {new}: {shown}; "
            f"{stats.words_deleted} words deleted, {stats.words_inserted} inserted"
        )
        for block in comparison.blocks:
            for piece in changes(block.segments, DEFAULT_KEY):
                if piece.kind == "change":
                    print(f"    {block.op}: {piece.old!r} -> {piece.new!r}")


def main() -> None:
    for variant, rates in VARIANTS.items():
        all_cases = cases(rates)
        print(f"{variant}: {len(all_cases)} cases from {len(all_cases) // CASES_PER_TEXT} texts")
        print_scores(all_cases)
        print()
    real_pairs()


def print_scores(all_cases: list[Case]) -> None:
    ours = score("diffdoc", diffdoc_found, all_cases)
    plain = score("difflib", difflib_found, all_cases)
    print(f"{'measure':<26}{'diffdoc':>10}{'difflib':>10}{'target':>10}")
    rows = [
        ("paragraph pairs precision", "pairs", "precision", ""),
        ("paragraph pairs recall", "pairs", "recall", ""),
        ("paragraph pairs F1", "pairs", "f1", ">= 0.98"),
        ("move recall", "moves", "recall", ">= 0.9"),
        ("split recall", "splits", "recall", ">= 0.9"),
        ("merge recall", "merges", "recall", ">= 0.9"),
        ("changed words precision", "words", "precision", ""),
        ("changed words recall", "words", "recall", ""),
        ("changed words F1", "words", "f1", ">= 0.95"),
    ]
    for label, key, measure, target in rows:
        a, b = getattr(ours[key], measure), getattr(plain[key], measure)
        print(f"{label:<26}{a:>10.3f}{b:>10.3f}{target:>10}")


if __name__ == "__main__":
    main()
