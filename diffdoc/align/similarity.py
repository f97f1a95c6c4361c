"""Word bags of paragraphs and their Dice similarity, with the thresholds every step uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from diffdoc.segment import iter_rough_words, rough_words

# Word similarity (Dice over word bags) needed to pair two paragraphs...
PAIR_MIN = 0.5  # ...inside a gap, where position supports the pairing
ALONE_MIN = 0.4  # ...when they are the only two paragraphs between two pairs
MOVE_MIN = 0.6  # ...anywhere in the document
SPLIT_MIN = 0.8  # ...between one paragraph and the concatenation of several
PIECE_MIN = 0.7  # share of each piece's words found in the other side of a split/merge
MAX_PIECES = 6  # most paragraphs one paragraph can be split into or merged from
GAP_CELLS = 40_000  # larger gaps are paired along a band around their diagonal
BAND = 60
SHINGLE = 3  # words per shingle in the move index
COMMON_SHINGLE = 50  # shingles found in more old paragraphs than this are boilerplate
CANDIDATES = 5  # old paragraphs scored per new paragraph when looking for moves
CONTEST_MARGIN = 0.25  # bonus of a lone pair of step 3 competing with the moves of step 4
LONG_KEY = 100_000  # characters: longer paragraphs' bags are counted without a word list

Bag = Counter[str]


class Bags:
    """Word bags of paragraphs, computed on demand (only unmatched paragraphs need them)."""

    def __init__(self, old_keys: Sequence[str], new_keys: Sequence[str]) -> None:
        self.keys = (old_keys, new_keys)
        self.cache: tuple[dict[int, Bag], dict[int, Bag]] = ({}, {})
        self.words: tuple[dict[int, list[str]], dict[int, list[str]]] = ({}, {})

    def word_list(self, side: int, index: int) -> list[str]:
        words = self.words[side].get(index)
        if words is None:
            words = self.words[side][index] = rough_words(self.keys[side][index].casefold())
        return words

    def bag(self, side: int, index: int) -> Bag:
        bag = self.cache[side].get(index)
        if bag is None:
            words = self.words[side].get(index)
            key = self.keys[side][index]
            if words is None and len(key) > LONG_KEY:
                # counted word by word: a 50 MB paragraph's list of words alone takes 0.5 GB
                bag = Counter(iter_rough_words(key.casefold()))
            else:
                bag = Counter(self.word_list(side, index))
            self.cache[side][index] = bag
        return bag


def bag_size(bag: Bag) -> int:
    return bag.total()


def common_words(a: Bag, b: Bag) -> int:
    """Words the two bags share, with multiplicity (the size of their intersection)."""
    shared = a.keys() & b.keys()  # C loops throughout: this runs for every scored pair
    return sum(map(min, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def dice(a: Bag, b: Bag) -> float:
    """Dice similarity of two word bags (0 when both are empty)."""
    total = bag_size(a) + bag_size(b)
    return 2 * common_words(a, b) / total if total else 0.0
