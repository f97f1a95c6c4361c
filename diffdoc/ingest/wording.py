"""What a paragraph's wording says about it: the label it starts with ("1.", "(a)", "Pp3"),
whether it reads as a heading ("IV", "Article 5", "I. Global context"), whether it ends a
sentence, and how two pieces of one paragraph join (a space, or none between CJK characters).

Plain predicates over strings, shared by the line-level steps (furniture, wrap, hyphens, PDF
layout) and the paragraph-level rules in `structure`.
"""

from __future__ import annotations

import re

from diffdoc.segment import NO_SPACE_CHAR

ROMAN = r"(?=[IVXLC])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_SPACE = r"[\s\u00a0\u202f]"
# Paragraph labels: "1.", "1.2.", "(a)", "(iv)", "(17bis)", "a)", "Pp3", "OP 4".
LABEL = re.compile(
    r"^(?P<label>\d{1,3}(?:\.\d{1,3})*\.(?!\d)"
    r"|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}(?:bis|ter|quater)?)\)"
    r"|[a-z]\)"
    r"|(?:Pp|PP|pp|Op|OP|op)" + _SPACE + r"?\d{1,3}(?:\.\d{1,3})*\.?)"
    r"(?=" + _SPACE + "|$)"
)
# A sentence ends with one of these, then maybe closing quotes or brackets.
_TERMINAL_MARKS = frozenset(".!?;:。！？；：…")
_CLOSERS = "'\"’”»)]"
STANDALONE_HEADING = re.compile(
    r"^(?:" + ROMAN + r"\.?"
    r"|(?:Article|ARTICLE|Part|PART|Chapter|CHAPTER|Section|SECTION|Annex|ANNEX|Appendix)"
    r"\s+(?:\d{1,3}[a-z]*|" + ROMAN + r"|[A-Z])\.?"
    r"|Preamble|PREAMBLE|Annex|ANNEX"
    r"|(?:Статья|СТАТЬЯ|Раздел|РАЗДЕЛ|Часть|ЧАСТЬ|Глава|ГЛАВА)\s+(?:\d{1,3}|" + ROMAN + r")\.?"
    r"|[一二三四五六七八九十]{1,3}、?|第[一二三四五六七八九十百\d]{1,4}[条章部节](?:分)?)$"
)
_TITLED_HEADING = re.compile(
    r"^(?:" + ROMAN + r"\.|(?:Article|ARTICLE|Part|PART|Chapter|CHAPTER|Section|SECTION)\s+"
    r"(?:\d{1,3}[a-z]*|" + ROMAN + r")[.:]?"
    r"|(?:Annex|ANNEX)(?:\s+(?:\d{1,3}|" + ROMAN + r")[.:]?)?)\s+[A-Z(\"“].{0,150}$"
)
# Every heading pattern above starts with one of these (Roman numerals start with I, V, X, L
# or C): other texts need not be matched at all.
HEADING_FIRST = frozenset("IVXLCAPSСРЧГ一二三四五六七八九十第")


def find_label(text: str) -> str | None:
    """The paragraph label the text starts with ("1.", "(a)", "Pp3"), or None."""
    first = text[:1]
    if first.isupper() and first not in "PO":  # _may_be_label, inlined: this runs often
        return None
    match = LABEL.match(text)
    return match.group("label") if match else None


def ends_sentence(text: str) -> bool:
    """True when the text ends with terminal punctuation (closing quotes allowed)."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINAL_MARKS


def is_standalone_heading(text: str) -> bool:
    """A heading that is only a number or name: "IV", "Article 5", "Part II", "Annex"."""
    text = text.strip()
    return text[:1] in HEADING_FIRST and bool(STANDALONE_HEADING.match(text))


def is_heading_text(text: str) -> bool:
    """Roman numerals, "Article 5", "Part II", "Annex", "I. Global context": heading lines."""
    if text[:1] not in HEADING_FIRST:
        return False
    if STANDALONE_HEADING.match(text):
        return True
    return bool(_TITLED_HEADING.match(text)) and not ends_sentence(text) and len(text) <= 160


def word_count_above(text: str, limit: int) -> int:
    """`len(text.split())`, but counting no further than `limit + 1`: cheap on long texts."""
    return len(text.split(maxsplit=limit))


def join_text(left: str, right: str) -> str:
    """Join two pieces of one paragraph: a space, except between CJK characters."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if joins_without_space(left[-1], right[0]):
        return left + right
    return f"{left} {right}"


def joins_without_space(last: str, first: str) -> bool:
    """Whether two pieces meeting at these characters join without a space (CJK text)."""
    return bool(NO_SPACE_CHAR.match(last) and NO_SPACE_CHAR.match(first))
