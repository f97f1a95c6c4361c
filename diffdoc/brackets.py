"""Negotiation brackets in one text or a run of texts: where each bracketed passage opens and
closes. A neutral module beside segment.py: the renderers shade bracketed text with it, and
diffdoc.drafts.brackets counts and follows passages across versions with it.

Drafts mark text that is not yet agreed with square brackets, often nested (`[a [b] c]`), often
side by side (`[shall][should]`), sometimes spanning paragraphs. Markdown footnote markers
(`[^3]`), links (`[text](https://...)`) and reference definitions are not brackets.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from diffdoc.models import PARAGRAPH_SEPARATOR
from diffdoc.normalize import comparison_key

# Bracket pairs that are markup, not negotiation: footnote markers, inline links and images,
# reference definitions. Their characters are masked before brackets are matched.
_MARKUP = re.compile(
    r"\[\^[^\]\s]+\]"  # footnote marker [^3]
    r"|!?\[[^\[\]]*\]\((?:https?:|mailto:|www\.|/|#|\.\.?/)[^)\s]*\)"  # [text](url)
    r"|^\[[^\[\]]+\]:\s+\S+",  # [ref]: url
    re.MULTILINE,
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


def outer_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the outermost bracketed passages of `text`, brackets included."""
    if "[" not in text:
        return []
    return [(start, end) for start, end, depth in bracket_spans(text) if depth == 0]
