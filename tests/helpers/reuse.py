"""Tiny generated corpora for the reuse tests: random prose with passages planted in it."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "peace",
    "security",
    "cooperation",
    "region",
    "development",
    "states",
    "people",
    "nations",
    "council",
    "assembly",
    "dialogue",
    "trust",
    "economic",
    "social",
    "cultural",
    "justice",
    "rights",
    "law",
    "order",
    "border",
    "water",
    "energy",
    "trade",
    "growth",
    "health",
    "climate",
    "youth",
    "future",
    "history",
    "treaty",
    "charter",
    "summit",
    "partners",
    "common",
    "interests",
    "principles",
    "respect",
    "sovereignty",
    "integrity",
    "stability",
    "prosperity",
    "friendship",
    "neighbours",
    "member",
    "organization",
    "mechanism",
    "framework",
    "initiative",
    "progress",
    "reform",
    "support",
]
FORMULA = (
    "We resolutely condemn terrorism, separatism and extremism in all their forms and "
    "manifestations and will strengthen our joint efforts against them."
)


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def write_corpus_files(folder: Path, seed: int = 7) -> dict[str, str]:
    """Four statements: 'a' has the formula first, 'c' copies it with one word changed (joint
    -> common), 'd' copies a sentence pair of 'b' exactly; the rest is random. Texts by stem."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "a-2001": [paragraph(rng), f"{paragraph(rng, 1)} {FORMULA}", paragraph(rng)],
        "b-2002": [paragraph(rng), paragraph(rng), paragraph(rng)],
        "c-2003": [paragraph(rng), paragraph(rng)],
        "d-2004": [paragraph(rng), paragraph(rng)],
    }
    changed = FORMULA.replace("joint", "common")
    texts["c-2003"][1] = f"{changed} {texts['c-2003'][1]}"
    shared = " ".join(texts["b-2002"][1].split(". ")[:2]) + "."
    texts["d-2004"][0] = f"{sentence(rng)} {shared} {sentence(rng)}"
    result = {}
    for stem, paragraphs in texts.items():
        body = "\n\n".join(paragraphs) + "\n"
        (folder / f"{stem}.txt").write_text(body, encoding="utf-8")
        result[stem] = body
    return result
