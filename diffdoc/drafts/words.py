"""Blame down to the phrase: which version introduced each run of words of a paragraph.

Every character of the first version is attributed to it; each comparison then carries the
attribution of equal text over, gives inserted text to the new version and drops deleted text.
Attributions are kept as runs (length, version), so a long series stays cheap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from diffdoc.drafts.lineage import Lineage
from diffdoc.models import PARAGRAPH_SEPARATOR, BlockChange
from diffdoc.segment import is_word

_GLUED = re.compile(r"[^\w\s]+(?=\s)")  # punctuation closing the word before it
Run = tuple[int, int]  # (number of characters, version that introduced them)


@dataclass(frozen=True)
class Phrase:
    """A run of a paragraph's text and the version (position in the series) that introduced it."""

    text: str
    version: int


def word_blame(lineage: Lineage, version: int) -> list[list[Phrase]]:
    """For each paragraph of `version`, its text cut into phrases by introducing version."""
    runs = [[(len(text), 0)] if text else [] for text in lineage.versions[0].document.texts]
    for k in range(1, version + 1):
        texts = lineage.versions[k].document.texts
        runs = _carry(runs, lineage.comparisons[k - 1].blocks, texts, k)
    texts = lineage.versions[version].document.texts
    return [_phrases(text, paragraph, version) for text, paragraph in zip(texts, runs, strict=True)]


def _carry(
    old_runs: Sequence[list[Run]], blocks: Sequence[BlockChange], texts: Sequence[str], k: int
) -> list[list[Run]]:
    new_runs: list[list[Run]] = [[] for _ in texts]
    separator = len(PARAGRAPH_SEPARATOR)
    for block in blocks:
        if not block.new:
            continue
        source: list[Run] = []
        for n, i in enumerate(block.old):
            if n:
                source.append((separator, k))
            source.extend(old_runs[i])
        out = _apply(source, block, k)
        for n, j in enumerate(block.new):
            if n:
                out = _take(out, separator)[1]
            taken, out = _take(out, len(texts[j]))
            new_runs[j] = taken
    return new_runs


def _apply(source: list[Run], block: BlockChange, k: int) -> list[Run]:
    """The runs of a block's new side: equal text keeps its runs, inserted text gets `k`."""
    out: list[Run] = []
    rest = source
    for segment in block.segments:
        size = len(segment.text)
        if segment.op == "insert":
            # Inside an unchanged block only typography differs: keep the old attribution.
            owner = rest[0][1] if block.op == "equal" and rest else k
            out.append((size, owner))
            continue
        taken, rest = _take(rest, size)
        if segment.op == "equal":
            out.extend(taken)
    return out


def _take(runs: list[Run], size: int) -> tuple[list[Run], list[Run]]:
    """The first `size` characters of `runs`, and the rest."""
    taken: list[Run] = []
    index = 0
    while size > 0 and index < len(runs):
        length, owner = runs[index]
        if length <= size:
            taken.append((length, owner))
            size -= length
            index += 1
        else:
            taken.append((size, owner))
            return taken, [(length - size, owner), *runs[index + 1 :]]
    return taken, runs[index:]


def _phrases(text: str, runs: Sequence[Run], version: int) -> list[Phrase]:
    """Cut `text` by runs, merging neighbours of the same version, and pieces without a word
    (whitespace, punctuation) into the phrase before them; punctuation glued to the end of a
    phrase's last word (the `.` of a list number `2.`) stays with it."""
    phrases: list[Phrase] = []
    position = 0
    for length, owner in runs:
        piece = text[position : position + length]
        position += length
        if not piece:
            continue
        if phrases and (phrases[-1].version == owner or not is_word(piece)):
            phrases[-1] = Phrase(phrases[-1].text + piece, phrases[-1].version)
        elif phrases and not is_word(phrases[-1].text):
            phrases[-1] = Phrase(phrases[-1].text + piece, owner)
        else:
            glued = _GLUED.match(piece) if phrases and not phrases[-1].text[-1].isspace() else None
            if glued:
                phrases[-1] = Phrase(phrases[-1].text + glued.group(), phrases[-1].version)
                piece = piece[glued.end() :]
            phrases.append(Phrase(piece, owner))
    if position < len(text):  # only when a comparison did not rebuild its text exactly
        phrases.append(Phrase(text[position:], version))
    return phrases
