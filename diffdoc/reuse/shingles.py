"""Words and shingles: what the reuse stage matches on.

A paragraph's words are the runs of letters and digits of its comparison key's source text
(`\\w+`), compared casefolded, so that punctuation, case and typography never cut a passage;
each word keeps its character offsets in the paragraph as written, for the reports.

A shingle is SHINGLE_WORDS consecutive words of one paragraph, hashed to 63 bits with BLAKE2b
(stable across processes and machines, unlike Python's `hash`). The index keeps one shingle in
SAMPLE_EVERY, chosen by its hash (so the same shingle is kept in every document): a passage of two
sentences (about 30 words) with one word changed keeps about 20 of its shingles, of which the
chance that none is sampled is 0.75**20 = 0.3 %; the index is a quarter the size.

Five words: four-word shingles match the formulas every statement uses ("the United Nations
General"), six lose a 12-word passage with one changed word in its middle (two runs of five and
six words leave one shingle, often none sampled).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from diffdoc.models import Document

SHINGLE_WORDS = 5
SAMPLE_EVERY = 4
_WORD = re.compile(r"\w+")
_MASK = (1 << 63) - 1


@dataclass(frozen=True)
class Paragraph:
    """One paragraph's words: the casefolded keys and each word's [start, end) in the text."""

    text: str
    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def paragraphs(document: Document) -> list[Paragraph]:
    """The words of every block of a document, in reading order (the indices the JSON uses)."""
    return [words(block.text) for block in document.blocks]


class LazyParagraphs(Sequence[Paragraph]):
    """The words of a document's paragraphs, each found when first asked for: a candidate is
    matched on the few paragraphs it shares a run with (`passages.linked`), and finding the words
    of all its paragraphs cost more than matching them."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = tuple(texts)
        self._words: dict[int, Paragraph] = {}

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Paragraph]: ...
    def __getitem__(self, index: int | slice) -> Paragraph | Sequence[Paragraph]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._texts)
        found = self._words.get(index)
        if found is None:
            found = self._words[index] = words(self._texts[index])
        return found


def words(text: str) -> Paragraph:
    """The words of one paragraph as written."""
    spans = [m.span() for m in _WORD.finditer(text)]
    keys = _WORD.findall(text.casefold())
    if len(keys) != len(spans):  # casefolding joined or split a word: fold word by word
        keys = [text[start:end].casefold() for start, end in spans]
    return Paragraph(
        text, tuple(keys), tuple(start for start, _ in spans), tuple(end for _, end in spans)
    )


def shingle_hash(keys: Sequence[str]) -> int:
    """The 63-bit hash of a run of word keys."""
    digest = hashlib.blake2b(" ".join(keys).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _MASK


def shingles(paragraph: Paragraph) -> list[int]:
    """The hash of every shingle of a paragraph, by its first word's position."""
    keys = paragraph.keys
    return [shingle_hash(keys[i : i + SHINGLE_WORDS]) for i in range(len(keys) - SHINGLE_WORDS + 1)]


def sampled(hash_value: int) -> bool:
    """True for the shingles the index keeps (one in SAMPLE_EVERY, by hash)."""
    return hash_value % SAMPLE_EVERY == 0


def sampled_at(texts: Sequence[Paragraph]) -> Iterator[tuple[int, int, int]]:
    """The sampled shingles of a text's paragraphs, each where it starts: (hash, paragraph,
    word), in reading order."""
    for number, paragraph in enumerate(texts):
        for position, hash_value in enumerate(shingles(paragraph)):
            if sampled(hash_value):
                yield hash_value, number, position


def places(document: Document) -> list[tuple[int, int, int]]:
    """The sampled shingles of a whole document and where each starts, sorted: what the index
    stores for it."""
    return sorted(sampled_at(paragraphs(document)))
