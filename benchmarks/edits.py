"""Known random edits on real paragraphs, with the ground truth of what changed.

Shared by benchmarks/accuracy.py (scores diffdoc against the truth) and benchmarks/speed.py
(builds large realistic document pairs). Everything is driven by a seeded `random.Random`,
so a run is reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "sco-2002-06-07-st-petersburg-declaration.en.md"
TEXTS = ROOT.parent / "shared" / "texts"

_CHUNK = re.compile(r"\S+")
_WORDY = re.compile(r"\w")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs diffdoc reads from `path` (its block texts)."""
    from diffdoc.ingest import read_document

    return read_document(path).texts


@dataclass
class Item:
    """One paragraph of the new text and where it came from."""

    text: str
    origin: str  # same | edit | insert | move | split | merge
    old: tuple[int, ...] = ()
    deleted: set[int] = field(default_factory=set)  # old chunk indices removed by edits
    inserted: set[int] = field(default_factory=set)  # new chunk indices added by edits
    # (old paragraph, chunk) removed from old paragraphs after the first (a merge's labels)
    also_deleted: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class Case:
    """An old text, the edited new text and the truth about every new paragraph."""

    name: str
    old: list[str]
    items: list[Item]

    @property
    def new(self) -> list[str]:
        return [item.text for item in self.items]


def edit_words(text: str, rng: random.Random, vocabulary: list[str], edits: int) -> Item:
    """Apply `edits` word substitutions, insertions, deletions or phrase replacements."""
    words = [m.group() for m in _CHUNK.finditer(text)]
    seps = re.split(r"\S+", text)  # len(words) + 1 separators, kept as written
    entries: list[tuple[str, str, int | None]] = [(seps[k], words[k], k) for k in range(len(words))]
    deleted: set[int] = set()
    for _ in range(edits):
        candidates = [k for k, e in enumerate(entries) if e[2] is not None and _WORDY.search(e[1])]
        if not candidates:
            break
        k = rng.choice(candidates)
        sep, word, origin = entries[k]
        kind = rng.choice(("substitute", "substitute", "insert", "delete", "phrase"))
        new_word = rng.choice(vocabulary)
        if kind == "substitute" and new_word.casefold() != word.casefold():
            deleted.add(origin)  # type: ignore[arg-type]
            entries[k] = (sep, new_word, None)
        elif kind == "insert":
            entries.insert(k + 1, (" ", new_word, None))
        elif kind == "delete" and len(entries) > 3 and k > 0:
            deleted.add(origin)  # type: ignore[arg-type]
            del entries[k]
        elif kind == "phrase":
            count, wanted = 0, rng.randint(2, 4)
            while count < wanted and k + count < len(entries) and entries[k + count][2] is not None:
                deleted.add(entries[k + count][2])  # type: ignore[arg-type]
                count += 1
            phrase = [rng.choice(vocabulary) for _ in range(rng.randint(2, 4))]
            entries[k : k + count] = [(sep, phrase[0], None)] + [(" ", w, None) for w in phrase[1:]]
    new_text = "".join(sep + word for sep, word, _ in entries) + seps[-1]
    inserted = {k for k, e in enumerate(entries) if e[2] is None}
    return Item(new_text, "edit", (), deleted, inserted)


def vocabulary_of(paragraphs: list[str]) -> list[str]:
    """Distinct word chunks of a text, sorted (so choices are reproducible)."""
    return sorted({w for p in paragraphs for w in _CHUNK.findall(p) if _WORDY.search(w)})


def make_case(
    name: str,
    old: list[str],
    rng: random.Random,
    vocabulary: list[str],
    foreign: list[str],
    rates: dict[str, float],
) -> Case:
    """Apply paragraph-level edits at the given rates (share of paragraphs) to `old`.

    Targets are drawn by rejection sampling, so building a 14 MB case stays linear.
    """
    items = [Item(text, "same", (i,)) for i, text in enumerate(old)]
    n = len(old)

    def count(kind: str) -> int:
        expected = rates.get(kind, 0.0) * n
        return int(expected) + (1 if rng.random() < expected - int(expected) else 0)

    def untouched(k: int, min_words: int = 6) -> bool:
        item = items[k]
        return item.origin == "same" and len(_CHUNK.findall(item.text)) >= min_words

    def pick(test: Callable[[int], bool], size: int | None = None) -> int | None:
        for _ in range(200):
            k = rng.randrange(len(items) if size is None else size)
            if test(k):
                return k
        return None

    for _ in range(count("edit")):
        k = pick(untouched)
        if k is not None:
            edited = edit_words(items[k].text, rng, vocabulary, rng.randint(1, 3))
            edited.old = items[k].old
            items[k] = edited
    for _ in range(count("split")):
        k = pick(lambda k: untouched(k, 12) and len(_SENTENCE_END.split(items[k].text)) >= 2)
        if k is None:
            continue
        parts = _SENTENCE_END.split(items[k].text)
        cut = rng.randint(1, len(parts) - 1)
        first, second = " ".join(parts[:cut]), " ".join(parts[cut:])
        if min(len(_CHUNK.findall(first)), len(_CHUNK.findall(second))) >= 3:
            pieces = [Item(first, "split", items[k].old), Item(second, "split", items[k].old)]
            items[k : k + 1] = pieces
    for _ in range(count("merge")):
        k = pick(lambda k: k + 1 < len(items) and untouched(k) and untouched(k + 1))
        if k is not None:
            merged = items[k].text + " " + items[k + 1].text
            items[k : k + 2] = [Item(merged, "merge", items[k].old + items[k + 1].old)]
    for _ in range(count("move")):
        k = pick(lambda k: untouched(k, 8))
        if k is None or len(items) <= 6:
            continue
        item = items.pop(k)
        if rng.random() < 0.5:
            edited = edit_words(item.text, rng, vocabulary, rng.randint(1, 2))
            edited.old = item.old
            item = edited
        item.origin = "move"

        def far(p: int, k: int = k, distance: int = max(3, len(items) // 3)) -> bool:
            return abs(p - k) >= distance and _open(items, p)

        where = pick(far, len(items) + 1)
        items.insert(where or 0, item)
    if rng.random() < rates.get("first_move", 0.0):  # the opening paragraph moved to the end
        k = next((k for k in range(len(items)) if untouched(k, 8)), None)
        if k is not None and k < 3 and len(items) > 6:
            item = items.pop(k)
            item.origin = "move"
            items.append(item)
    for _ in range(count("delete")):
        k = pick(lambda k: untouched(k, 1))
        if k is not None:
            del items[k]
    # Inserted paragraphs come from the other texts: with the seed alone (no ../shared) there
    # are none, and the case has no insertions.
    for _ in range(count("insert") if foreign else 0):
        where = pick(lambda p: _open(items, p), len(items) + 1)
        items.insert(where or 0, Item(rng.choice(foreign), "insert"))
    return Case(name, old, items)


def renumber(case: Case) -> Case:
    """The case with every paragraph numbered "1. ", "2. "... in both texts: the new text's
    numbers follow its own order, so an insertion near the top shifts every later label. A
    changed label is a changed word; the second piece of a split gains one, and the later
    paragraphs of a merge lose theirs."""
    old = [f"{i + 1}. {text}" for i, text in enumerate(case.old)]
    items = []
    split_seen: set[tuple[int, ...]] = set()
    for j, item in enumerate(case.items):
        label = Item(
            f"{j + 1}. {item.text}",
            item.origin,
            item.old,
            {k + 1 for k in item.deleted},
            {k + 1 for k in item.inserted},
            {(i, 0) for i in item.old[1:]},
        )
        if item.origin == "split" and item.old in split_seen:
            label.inserted.add(0)  # a new label before the second piece
        elif item.old and item.old[0] != j:
            label.deleted.add(0)
            label.inserted.add(0)
        split_seen.add(item.old)
        items.append(label)
    return Case(case.name, old, items)


def _open(items: list[Item], p: int) -> bool:
    """True unless position `p` lies between the pieces of a split paragraph."""
    return not (
        0 < p < len(items)
        and items[p].origin == items[p - 1].origin == "split"
        and items[p].old == items[p - 1].old
    )


def changed_chunks(text: str, marked: list[bool]) -> set[int]:
    """Indices of the whitespace-separated chunks of `text` that touch a marked character."""
    return {k for k, m in enumerate(_CHUNK.finditer(text)) if any(marked[m.start() : m.end()])}
