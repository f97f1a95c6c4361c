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
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from diffdoc.drafts.trace import phrase_offsets
from diffdoc.models import PARAGRAPH_SEPARATOR, Block, Document
from diffdoc.normalize import comparison_key

NOT_NEGOTIATED = frozenset({"note", "footnote", "title"})

# Bracket pairs that are markup, not negotiation: footnote markers, inline links and images,
# reference definitions. Their characters are masked before brackets are matched.
_MARKUP = re.compile(
    r"\[\^[^\]\s]+\]"  # footnote marker [^3]
    r"|!?\[[^\[\]]*\]\((?:https?:|mailto:|www\.|/|#|\.\.?/)[^)\s]*\)"  # [text](url)
    r"|^\[[^\[\]]+\]:\s+\S+",  # [ref]: url
    re.MULTILINE,
)
# An option marker: "Option 1:", "Option II:", "Alternative 2:" anywhere; at the start of a
# block (after a bracket or paragraph number) also without the colon, and "Alt".
_OPTION_NAME = r"(?:Option|OPTION|Alternative|ALTERNATIVE)\s+(?:\d+[a-z]?|[IVXL]+|[A-Z])\b"
_OPTION_ANYWHERE = re.compile(rf"\b{_OPTION_NAME}\s*:")
_OPTION_AT_START = re.compile(
    r"^[\[(\s]*(?:(?:\d[\w.]*|\(\w+\))\s+)?\[?"
    rf"(?P<marker>{_OPTION_NAME}|Alt(?:ernative)?\b\.?(?:\s*\d+[a-z]?)?)"
    r"(?=\s*(?::|$|[\[(\"'A-Z]))"
)
_BRACKETS = re.compile(r"[\[\]]")


@dataclass(frozen=True)
class Passage:
    """A bracketed passage: where it opens and closes, how deep it sits, and its words.

    Positions are (block number, character offset) in the sequence of texts searched; `end`
    is the offset of the closing bracket, or the end of the opening block when none closes it.
    `text` holds what is inside the brackets as written (nested brackets kept, blocks joined by
    PARAGRAPH_SEPARATOR).
    """

    start: tuple[int, int]
    end: tuple[int, int]
    depth: int
    text: str
    closed: bool = True

    @property
    def key(self) -> str:
        """The passage's words as a comparison key, without any brackets."""
        return plain_key(self.text)


@dataclass(frozen=True)
class OptionMarker:
    """An "Option N" / "Alt" marker: the block it heads or sits in, and its wording."""

    block: int
    offset: int
    label: str


@dataclass(frozen=True)
class BracketCounts:
    """A version's brackets: open passages, and what happened since the version before."""

    open: int = 0
    resolved: int = 0
    dropped: int = 0
    new: int = 0
    options: int = 0


@dataclass(frozen=True)
class VersionBrackets:
    """Everything needed to compare one version's brackets with another's."""

    passages: tuple[Passage, ...]
    options: tuple[OptionMarker, ...]
    plain: str  # the negotiated text as one comparison key, brackets removed
    keys: tuple[str, ...] = ()  # each passage's key, in order (computed when not given)

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.passages):
            object.__setattr__(self, "keys", tuple(p.key for p in self.passages))

    @property
    def open(self) -> int:
        """The number of bracketed passages."""
        return len(self.passages)


def negotiated_blocks(document: Document) -> list[Block]:
    """The blocks that hold negotiated text: everything but notes, footnotes and the title."""
    return [block for block in document.blocks if block.kind not in NOT_NEGOTIATED]


def plain_key(text: str) -> str:
    """The comparison key of `text` with every square bracket removed."""
    if "[" in text or "]" in text:
        text = text.replace("[", "").replace("]", "")
    return comparison_key(text)


def mask_markup(text: str) -> str:
    """`text` with the brackets of footnote markers, links and references blanked out."""
    if "[^" not in text and "](" not in text and "]:" not in text:
        return text
    return _MARKUP.sub(lambda m: m.group(0).replace("[", " ").replace("]", " "), text)


def find_passages(texts: Sequence[str], stops: Collection[int] = ()) -> list[Passage]:
    """Every bracketed passage in a sequence of block texts, in order of their opening bracket.

    An opening bracket left open at the end of its block stays open into the next blocks, but
    not past a block numbered in `stops` (headings: a stray bracket must not swallow the
    articles after it); one never closed ends with its own block. Stray closing brackets are
    ignored.
    """
    stack: list[tuple[int, int]] = []
    found: list[tuple[tuple[int, int], tuple[int, int], int, bool]] = []

    def abandon() -> None:
        for depth, start in enumerate(stack):
            found.append((start, (start[0], len(texts[start[0]])), depth, False))
        stack.clear()

    for number, text in enumerate(texts):
        if number in stops:
            abandon()
        masked = mask_markup(text)
        for match in _BRACKETS.finditer(masked):
            where = (number, match.start())
            if match.group() == "[":
                stack.append(where)
            elif stack:
                found.append((stack.pop(), where, len(stack), True))
    abandon()
    found.sort()
    passages = []
    for start, end, depth, closed in found:
        text = _slice(texts, (start[0], start[1] + 1), end)
        if text.strip():
            passages.append(Passage(start, end, depth, text, closed))
    return passages


def _slice(texts: Sequence[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    if start[0] == end[0]:
        return texts[start[0]][start[1] : end[1]]
    parts = [texts[start[0]][start[1] :], *texts[start[0] + 1 : end[0]], texts[end[0]][: end[1]]]
    return PARAGRAPH_SEPARATOR.join(parts)


def bracket_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, depth) of the bracketed passages in one text, brackets included.

    For showing bracketed text distinctly; a passage still open at the end of the text runs
    to its end.
    """
    return [
        (p.start[1], p.end[1] + 1 if p.closed else len(text), p.depth)
        for p in find_passages([text])
    ]


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
    """The passages, option markers and bracket-free text of a document's negotiated blocks."""
    blocks = negotiated_blocks(document)
    texts = [block.text for block in blocks]
    headings = {number for number, block in enumerate(blocks) if block.kind == "heading"}
    plain = " ".join(plain_key(text) for text in texts)
    passages = find_passages(texts, headings)
    return VersionBrackets(tuple(passages), tuple(find_options(texts)), plain)


def contains_phrase(haystack: str, needle: str) -> bool:
    """True when `needle` occurs in `haystack` and does not start or end inside a word."""
    return next(phrase_offsets(haystack, needle), None) is not None


def compare_brackets(old: VersionBrackets | None, new: VersionBrackets) -> BracketCounts:
    """The counts of `new`, with what became of `old`'s passages (the first version: None)."""
    if old is None:
        return BracketCounts(open=new.open, new=new.open, options=len(new.options))
    still_bracketed = Counter(new.keys)
    carried: Counter[str] = Counter()
    resolved = dropped = 0
    for key in old.keys:
        if carried[key] < still_bracketed[key]:
            carried[key] += 1
        elif contains_phrase(new.plain, key):
            resolved += 1
        else:
            dropped += 1
    fresh = sum(still_bracketed.values()) - sum(carried.values())
    return BracketCounts(
        open=new.open, resolved=resolved, dropped=dropped, new=fresh, options=len(new.options)
    )


def bracket_series(documents: Sequence[Document]) -> list[BracketCounts]:
    """The bracket counts of each version of a series, oldest first."""
    counts = []
    previous: VersionBrackets | None = None
    for document in documents:
        current = version_brackets(document)
        counts.append(compare_brackets(previous, current))
        previous = current
    return counts
