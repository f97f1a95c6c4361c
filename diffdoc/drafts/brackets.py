"""Negotiation brackets and options in drafts: find them, count them, follow them across versions.

Drafts mark text that is not yet agreed with square brackets, often nested (`[a [b] c]`), often
side by side as alternatives (`[shall][should]`), sometimes spanning paragraphs; alternatives of
whole paragraphs are headed "Option 1:", "Option II", "Alt". Markdown footnote markers (`[^3]`)
and links (`[text](https://...)`) are not brackets. Only negotiated text counts: blocks of kind
note, footnote and title (front matter, editorial notes, footnotes) are left out.

Between two versions a bracketed passage of the old one is *open* still (bracketed again with
the same words), *resolved* (its brackets are gone, its words kept) or *dropped* (its words are
gone with its brackets); a passage of the new version that was not bracketed before is *new*.
A bracketed passage whose words were edited counts as one dropped and one new.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from diffdoc.brackets import Passage, find_passages
from diffdoc.compare import compare
from diffdoc.drafts.charmap import GONE, CharMap
from diffdoc.drafts.trace import phrase_offsets
from diffdoc.models import Block, Comparison, Document
from diffdoc.report.series import Brackets

NOT_NEGOTIATED = frozenset({"note", "footnote", "title"})

# An option marker: "Option 1:", "Option II:", "Alternative 2:" anywhere; at the start of a
# block (after a bracket or paragraph number) also without the colon, and "Alt".
_OPTION_NAME = r"(?:Option|OPTION|Alternative|ALTERNATIVE)\s+(?:\d+[a-z]?|[IVXL]+|[A-Z])\b"
_OPTION_ANYWHERE = re.compile(rf"\b{_OPTION_NAME}\s*:")
_OPTION_AT_START = re.compile(
    r"^[\[(\s]*(?:(?:\d[\w.]*|\(\w+\))\s+)?\[?"
    rf"(?P<marker>{_OPTION_NAME}|Alt(?:ernative)?\b\.?(?:\s*\d+[a-z]?)?)"
    r"(?=\s*(?::|$|[\[(\"'A-Z]))"
)


@dataclass(frozen=True)
class OptionMarker:
    """An "Option N" / "Alt" marker: the block it heads or sits in, and its wording."""

    block: int
    offset: int
    label: str


@dataclass(frozen=True)
class VersionBrackets:
    """Everything needed to compare one version's brackets with the next one's.

    Passage positions count negotiated blocks; `blocks` gives the document index of each of
    them and `texts` their text, so a passage can be placed in the whole document.
    """

    passages: tuple[Passage, ...]
    options: tuple[OptionMarker, ...]
    blocks: tuple[int, ...] = ()
    texts: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()  # each passage's key, in order (computed when not given)

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.passages):
            object.__setattr__(self, "keys", tuple(p.key for p in self.passages))

    @property
    def open(self) -> int:
        """The number of bracketed passages."""
        return len(self.passages)

    def pieces(self, passage: Passage) -> list[tuple[int, int, int]]:
        """(negotiated block, start, end) of each block's share of a passage's inside."""
        (first, start), (last, end) = passage.start, passage.end
        out = []
        for number in range(first, last + 1):
            a = start + 1 if number == first else 0
            b = end if number == last else len(self.texts[number])
            out.append((number, a, b))
        return out


def negotiated_blocks(document: Document) -> list[Block]:
    """The blocks that hold negotiated text: everything but notes, footnotes and the title."""
    return [block for block in document.blocks if block.kind not in NOT_NEGOTIATED]


def find_options(texts: Sequence[str]) -> list[OptionMarker]:
    """Every option marker ("Option 1:", "Option II", "Alt") in a sequence of block texts."""
    markers = []
    for number, text in enumerate(texts):
        start = _OPTION_AT_START.match(text)
        if start:
            markers.append(OptionMarker(number, start.start("marker"), start.group("marker")))
        for match in _OPTION_ANYWHERE.finditer(text):
            if not start or match.start() != start.start("marker"):
                label = match.group(0).rstrip(": \t")
                markers.append(OptionMarker(number, match.start(), label))
    return markers


def version_brackets(document: Document) -> VersionBrackets:
    """The passages and option markers of a document's negotiated blocks."""
    numbered = [(n, b) for n, b in enumerate(document.blocks) if b.kind not in NOT_NEGOTIATED]
    texts = tuple(block.text for _, block in numbered)
    headings = {k for k, (_, block) in enumerate(numbered) if block.kind == "heading"}
    passages = find_passages(texts, headings)
    return VersionBrackets(
        tuple(passages), tuple(find_options(texts)), tuple(n for n, _ in numbered), texts
    )


def contains_phrase(haystack: str, needle: str) -> bool:
    """True when `needle` occurs in `haystack` and does not start or end inside a word."""
    return next(phrase_offsets(haystack, needle), None) is not None


def _significant(text: str) -> list[int]:
    """Offsets of the characters that decide a passage's fate: letters and digits, or any
    visible character other than a bracket when it has none."""
    words = [n for n, c in enumerate(text) if c.isalnum()]
    return words or [n for n, c in enumerate(text) if not c.isspace() and c not in "[]"]


def compare_brackets(
    old: VersionBrackets | None, new: VersionBrackets, moves: CharMap | None = None
) -> Brackets:
    """The counts of `new`, with what became of `old`'s passages (the first version: None).

    `moves` maps the old version's characters into the new one (from their comparison). An
    old passage is open still when its words lie inside a new passage with the same words
    (or, retyped, in a paragraph aligned with its own); resolved when all its words survive
    in place without those brackets; dropped when any of them was deleted.
    """
    if old is None:
        return Brackets(open=new.open, new=new.open, options=len(new.options))
    if moves is None:
        raise ValueError("comparing brackets needs the character map of the two versions")
    spans: dict[str, list[tuple[int, int, int, int]]] = {}
    for number, (passage, key) in enumerate(zip(new.passages, new.keys, strict=True)):
        first = new.blocks[passage.start[0]]
        last = new.blocks[passage.end[0]]
        start = moves.new_starts[first] + passage.start[1]
        end = moves.new_starts[last] + passage.end[1]
        spans.setdefault(key, []).append((start, end, first, number))
    claimed: set[int] = set()
    resolved = dropped = 0
    for passage, key in zip(old.passages, old.keys, strict=True):
        targets = [
            moves.target(old.blocks[number], a + n)
            for number, a, b in old.pieces(passage)
            for n in _significant(old.texts[number][a:b])
        ]
        kept = [t for t in targets if t != GONE]
        candidates = [s for s in spans.get(key, ()) if s[3] not in claimed]
        match = next((s for s in candidates if any(s[0] <= t < s[1] for t in kept)), None)
        if match is None:
            aligned = moves.aligned(old.blocks[passage.start[0]])
            match = next((s for s in candidates if s[2] in aligned), None)
        if match is not None:
            claimed.add(match[3])
        elif targets and len(kept) == len(targets):
            resolved += 1
        else:
            dropped += 1
    return Brackets(
        open=new.open,
        resolved=resolved,
        dropped=dropped,
        new=new.open - len(claimed),
        options=len(new.options),
    )


def bracket_series(
    documents: Sequence[Document], comparisons: Sequence[Comparison] | None = None
) -> list[Brackets]:
    """The bracket counts of each version of a series, oldest first.

    `comparisons[k]` compares version k with version k + 1; they are made when not given.
    """
    if comparisons is None:
        comparisons = [compare(a, b) for a, b in pairwise(documents)]
    counts = []
    previous: VersionBrackets | None = None
    for number, document in enumerate(documents):
        current = version_brackets(document)
        moves = None
        if number:
            moves = CharMap(documents[number - 1], document, comparisons[number - 1])
        counts.append(compare_brackets(previous, current, moves))
        previous = current
    return counts
