"""From raw paragraphs to a Document: named rules that decide each block's kind, section and
label, join paragraphs that a page break cut in two, and find the title and closing.

Readers produce `Draft`s (text as written, markup removed, plus what the format itself says:
a Markdown heading, a DOCX heading style, a footnote). Each rule below is a small function
`list[Draft] -> list[Draft]`, applied in the order of `RULES`; `assemble` runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from diffdoc.models import Block, BlockKind, Document, Source
from diffdoc.normalize import comparison_key
from diffdoc.segment import NO_SPACE_CHAR

Emphasis = str  # "" (none), "strong" (bold only), "em" (italic only)


class Draft(NamedTuple):
    """A paragraph on its way to becoming a Block; `kind` None means "let the rules decide".

    A named tuple rather than a frozen dataclass: a large text makes tens of thousands of
    drafts, and the rules copy them with `_replace`; both are several times cheaper.
    """

    text: str
    kind: BlockKind | None = None
    emphasis: Emphasis = ""  # the whole paragraph was bold ("strong") or italic ("em")
    label: str | None = None
    # The source does not mark the break before this paragraph for certain: a page break
    # came between (a form feed, a page number or running header removed), or the break is
    # only a guess from line lengths. A sentence left open above may go on here.
    soft_break: bool = False


Rule = Callable[[list["Draft"]], list["Draft"]]

_ROMAN = r"(?=[IVXLC])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
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
_STANDALONE_HEADING = re.compile(
    r"^(?:" + _ROMAN + r"\.?"
    r"|(?:Article|ARTICLE|Part|PART|Chapter|CHAPTER|Section|SECTION|Annex|ANNEX|Appendix)"
    r"\s+(?:\d{1,3}[a-z]*|" + _ROMAN + r"|[A-Z])\.?"
    r"|Preamble|PREAMBLE|Annex|ANNEX"
    r"|(?:Статья|СТАТЬЯ|Раздел|РАЗДЕЛ|Часть|ЧАСТЬ|Глава|ГЛАВА)\s+(?:\d{1,3}|" + _ROMAN + r")\.?"
    r"|[一二三四五六七八九十]{1,3}、?|第[一二三四五六七八九十百\d]{1,4}[条章部节](?:分)?)$"
)
# A heading that numbers a division and expects its name on the next line: "I.", "Annex".
_NUMBERED_HEADING = re.compile(
    r"^(?:" + _ROMAN + r"\.?"
    r"|(?:Article|ARTICLE|Part|PART|Chapter|CHAPTER|Section|SECTION|Annex|ANNEX|Appendix)"
    r"(?:\s+(?:\d{1,3}[a-z]*|" + _ROMAN + r"|[A-Z]))?\.?)$"
)
_TITLED_HEADING = re.compile(
    r"^(?:" + _ROMAN + r"\.|(?:Article|ARTICLE|Part|PART|Chapter|CHAPTER|Section|SECTION)\s+"
    r"(?:\d{1,3}[a-z]*|" + _ROMAN + r")[.:]?"
    r"|(?:Annex|ANNEX)(?:\s+(?:\d{1,3}|" + _ROMAN + r")[.:]?)?)\s+[A-Z(\"“].{0,150}$"
)
# Every heading pattern above starts with one of these (Roman numerals start with I, V, X, L
# or C): other texts need not be matched at all.
_HEADING_FIRST = frozenset("IVXLCAPSСРЧГ一二三四五六七八九十第")
_NUMBER_LABEL = re.compile(r"\d{1,3}\.")
_DATE = (
    r"(?:(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:(?:day )?of )?[A-Z][a-z]+,? \d{4}"
    r"|[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?, \d{4})"
)
_CN = r"[\d○〇零一二三四五六七八九十]"  # digits of a Chinese date
_PLACE = r"[A-Z][\w.'’ -]{1,40}"
# Place and date: "St. Petersburg, June 7, 2002", "Done at Geneva on 7 June 2002",
# "Санкт-Петербург, 7 июня 2002 года", "二○○二年六月七日于圣彼得堡".
_CLOSING = re.compile(
    rf"^(?:(?:(?:Done|Adopted|Signed) (?:at|in) )?{_PLACE}, {_DATE}"
    rf"|(?:Done|Adopted|Signed) (?:at|in) {_PLACE}? on {_DATE}"
    r"|(?:(?:Совершено|Подписано) в )?[А-ЯЁ][\w.’ -]{1,40}, \d{1,2} [а-яё]+ \d{4}"
    r"(?: (?:года|г\.))?"
    rf"|{_CN}{{4}}年{_CN}{{1,3}}月{_CN}{{1,3}}日(?:[于於订訂签簽]\w{{1,20}})?"
    r")[.。]?$"
)
# "Global context and shared commitments 3. We gather ...": a heading run into a paragraph.
_RUN_IN = re.compile(
    r"^(?P<head>(?:" + _ROMAN + r"\.\s+)?[A-Z][^.;:!?]{2,150}?[^\s.,;:!?])"
    r"\s+(?P<label>\d{1,3}\.)\s+(?P<body>[A-Z\"“].*)$"
)
# Every _RUN_IN match holds a space, 1-3 digits, a full stop and a space: a cheap test that
# rules out almost every paragraph (spelled to start at the full stop, which the regex engine
# finds fast).
_RUN_IN_HINT = re.compile(r"\.(?:(?<=\s\d\.)|(?<=\s\d\d\.)|(?<=\s\d\d\d\.))\s")


def _may_be_label(text: str) -> bool:
    """False for texts no label can start: capitals other than P and O ("Pp3", "OP 4")."""
    first = text[:1]
    return not first.isupper() or first in "PO"


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
    return text[:1] in _HEADING_FIRST and bool(_STANDALONE_HEADING.match(text))


def is_heading_text(text: str) -> bool:
    """Roman numerals, "Article 5", "Part II", "Annex", "I. Global context": heading lines."""
    if text[:1] not in _HEADING_FIRST:
        return False
    if _STANDALONE_HEADING.match(text):
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


def _undecided(draft: Draft) -> bool:
    return draft.kind is None or draft.kind == "paragraph"


# --- rules ------------------------------------------------------------------------------------


def attach_lone_labels(drafts: list[Draft]) -> list[Draft]:
    """A paragraph that is only a label ("1." on its own line) belongs to the next one."""
    out: list[Draft] = []
    for draft in drafts:
        last = out[-1] if out else None
        if (
            last is not None
            and (last.kind is None or last.kind == "paragraph")  # _undecided, inlined
            and _may_be_label(last.text)
            and LABEL.fullmatch(last.text.strip())
            and draft.kind in (None, "paragraph", "list_item")
        ):
            out[-1] = draft._replace(text=join_text(out[-1].text, draft.text))
        else:
            out.append(draft)
    return out


def split_run_in_headings(drafts: list[Draft]) -> list[Draft]:
    """Split numbered paragraphs that an extraction ran together with what precedes them.

    "Partnerships and support 17. We invite ..." becomes a heading and paragraph 17, and
    "... Pact for the Future. 16 9. We note ..." becomes paragraphs 8 and 9. Only when the
    number continues the numbering of the paragraphs before it, so that a sentence that
    happens to contain "3. " is never cut.
    """
    out: list[Draft] = []
    last_number = 0
    for draft in drafts:
        undecided = draft.kind is None or draft.kind == "paragraph"
        label = find_label(draft.text) if undecided else None
        match = (
            _RUN_IN.match(draft.text)
            if undecided and label is None and _RUN_IN_HINT.search(draft.text)
            else None
        )
        if match and int(match.group("label")[:-1]) == last_number + 1:
            out.append(Draft(match.group("head"), kind="heading"))
            draft = Draft(f"{match.group('label')} {match.group('body')}")
            label = match.group("label")
        if label and re.fullmatch(r"\d{1,3}\.", label):
            last_number = int(label[:-1])
            while True:
                cut = _inline_number(draft.text, last_number + 1)
                if cut is None:
                    break
                out.append(draft._replace(text=draft.text[:cut].rstrip()))
                draft = Draft(draft.text[cut:].lstrip())
                last_number += 1
        out.append(draft)
    return out


def _inline_number(text: str, number: int) -> int | None:
    """Where paragraph `number` starts inside `text` after a sentence end, or None."""
    if f"{number}." not in text:
        return None
    pattern = re.compile(
        r"[.;!?][\"”’)\]]*(?:\s+\d{1,3})?\s+(?P<start>" + str(number) + r"\.\s+[A-Z\"“])"
    )
    match = pattern.search(text)
    return match.start("start") if match else None


def mark_headings(drafts: list[Draft]) -> list[Draft]:
    """Heading lines (Roman numerals, Article N, Part II) and short bold-only lines."""
    out = []
    for draft in drafts:
        first = draft.text[:1]  # a text that starts with no heading's letter needs no regex
        if (
            (first in _HEADING_FIRST or first.isspace() or draft.emphasis == "strong")
            and (draft.kind is None or draft.kind == "paragraph")
        ) and (
            is_heading_text(text := draft.text.strip())
            or (draft.emphasis == "strong" and len(text) <= 120 and not ends_sentence(text))
        ):
            draft = draft._replace(kind="heading")
        out.append(draft)
    return out


def mark_subheadings(drafts: list[Draft]) -> list[Draft]:
    """A short unpunctuated line right before a numbered paragraph is an unnumbered heading."""
    out = list(drafts)
    for index in range(len(out) - 1):
        draft, following = out[index], out[index + 1]
        if draft.kind is not None or not (
            _undecided(following)
            and (number := find_label(following.text)) is not None
            and _NUMBER_LABEL.fullmatch(number)
        ):
            continue  # the cheap tests first: most paragraphs precede no numbered one
        previous = out[index - 1] if index else None
        text = draft.text.strip()
        if (
            text[:1].isupper()
            and not ends_sentence(text)
            and find_label(text) is None
            and word_count_above(text, 10) <= 10
            and (previous is None or previous.kind is not None or ends_sentence(previous.text))
        ):
            out[index] = draft._replace(kind="heading")
    return out


def merge_numbered_headings(drafts: list[Draft]) -> list[Draft]:
    """A lone number heading ("I.", "Article 5") and the short title line after it are one."""
    out: list[Draft] = []
    for draft in drafts:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == "heading"
            and _NUMBERED_HEADING.match(previous.text.strip())
            and draft.kind in (None, "heading")
            and word_count_above(draft.text, 12) <= 12
            and not re.search(r"[.;:!?]", draft.text)
            and not draft.text.rstrip().endswith(",")
            and not _CLOSING.match(draft.text.strip())
            and find_label(draft.text) is None
            and not _STANDALONE_HEADING.match(draft.text.strip())
            and draft.text[:1].isupper()
        ):
            out[-1] = previous._replace(text=join_text(previous.text, draft.text))
        else:
            out.append(draft)
    return out


def join_page_cuts(drafts: list[Draft]) -> list[Draft]:
    """Join the two halves of a paragraph that a page break cut apart.

    Only running text left open joins: the first half stops mid-sentence (no terminal
    punctuation) and neither half looks like a heading (capitals, Title Case, a label).
    Where the break is soft (`Draft.soft_break`: a page break, or a guess from line
    lengths), the second half joins when it starts in lowercase or has no label. Without
    that evidence (Markdown, text re-read from paragraphs), the cut must be plain in the
    wording: the first half is running text of 8 words or more that ends on a word (not a
    comma, nor a list's ", and"), and the second completes a sentence ("...along with the
    existing" / "Asian structures ... countries.").
    """
    out: list[Draft] = []
    for draft in drafts:
        previous = out[-1] if out else None
        # is_cut asks for two paragraphs of undecided kind: test that first, inline
        if (
            previous is not None
            and previous.kind is None
            and draft.kind is None
            and is_cut(previous, draft)
        ):
            out[-1] = previous._replace(text=join_text(previous.text, draft.text), emphasis="")
        else:
            out.append(draft)
    return out


# A list's last-but-one item: "..., and" / "...; or".
_LIST_ITEM_END = re.compile(r"[,;]\s*(?:and|or)$")


def is_cut(first: Draft, second: Draft) -> bool:
    if first.kind is not None or second.kind is not None or ends_sentence(first.text):
        return False
    head, tail = first.text.rstrip(), second.text.strip()
    last = head[-1:]
    if not (last.isalnum() or last == ",") or find_label(tail) is not None:
        return False
    if _looks_like_heading(head) or _looks_like_heading(tail):
        return False
    starts_lower = tail[:1].islower()
    if second.soft_break:
        return starts_lower or (last != "," and word_count_above(head, 7) >= 8)
    if last == "," or not ends_sentence(tail) or _LIST_ITEM_END.search(head):
        return False
    if NO_SPACE_CHAR.match(last):
        return bool(NO_SPACE_CHAR.match(tail[:1]))
    return word_count_above(head, 7) >= 8


def _looks_like_heading(text: str) -> bool:
    """A line set as a heading: in capitals, or in Title Case without a sentence's end."""
    if in_capitals(text) or is_heading_text(text):
        return True
    if ends_sentence(text):
        return False
    words = text.split(maxsplit=25)
    if len(words) > 25:
        return False  # running text, too long for a heading
    words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def mark_closing(drafts: list[Draft]) -> list[Draft]:
    """Place and date at the end ("St. Petersburg, June 7, 2002") is the closing."""
    body = [i for i, d in enumerate(drafts) if d.kind not in ("footnote", "note")]
    out = list(drafts)
    for index in body[-3:]:
        if _undecided(out[index]) and _CLOSING.match(out[index].text.strip()):
            out[index] = out[index]._replace(kind="closing")
    return out


def mark_title(drafts: list[Draft]) -> list[Draft]:
    """The first block is the title when bold-only, a level-1 heading or in capitals."""
    out = list(drafts)
    for index, draft in enumerate(out):
        if draft.kind in ("note", "footnote"):
            continue
        text = draft.text.strip()
        if draft.kind == "title" or (
            draft.kind in (None, "heading")
            and (draft.emphasis == "strong" or in_capitals(text))
            and not is_heading_text(text)
            and not ends_sentence(text)
        ):
            out[index] = draft._replace(kind="title")
        break
    return out


_ASCII_LOWER = re.compile("[a-z]")


def in_capitals(text: str) -> bool:
    """More than 12 letters, and no ASCII letter in lower case ("DECLARATION BY THE ...").
    One regex search settles most texts, however long: the first small letter."""
    return not _ASCII_LOWER.search(text) and sum(map(str.isalpha, text)) > 12


_in_capitals = in_capitals  # the name the fast-path tests know


def mark_list_items(drafts: list[Draft]) -> list[Draft]:
    """Lettered and roman items ("(a)", "(iv)", "a)") are list items; "1." stays a paragraph."""
    out = []
    for draft in drafts:
        if (
            draft.kind is None
            and (label := find_label(draft.text))
            and label[0] in "(abcdefghijklmnopqrstuvwxyz"
        ):
            draft = draft._replace(kind="list_item")
        out.append(draft)
    return out


_END_MARK = re.compile(r"^(?:#\s*#\s*#|-\s*30\s*-|\*\s*\*\s*\*)$")


def mark_end_marks(drafts: list[Draft]) -> list[Draft]:
    """A press release's end mark ("###", "-30-") is a note, not part of the text."""
    # A text that starts with a letter or digit is no end mark: only the others are matched.
    return [
        d._replace(kind="note")
        if not d.text[:1].isalnum() and _undecided(d) and _END_MARK.match(d.text.strip())
        else d
        for d in drafts
    ]


_SEPARATOR = re.compile(r"^[-–—―_*=~·•\s]{3,}$")


def drop_separators(drafts: list[Draft]) -> list[Draft]:
    """Separator lines ("————————", "* * *") are layout, like Markdown's thematic breaks."""
    return [
        d
        for d in drafts
        if d.text[:1].isalnum() or not (_undecided(d) and _SEPARATOR.match(d.text.strip()))
    ]


RULES: tuple[Rule, ...] = (
    drop_separators,
    mark_end_marks,
    attach_lone_labels,
    split_run_in_headings,
    mark_headings,
    mark_subheadings,
    merge_numbered_headings,
    join_page_cuts,
    mark_closing,
    mark_title,
    mark_list_items,
)


def apply_rules(drafts: list[Draft], rules: tuple[Rule, ...] = RULES) -> list[Draft]:
    """Run the structure rules in order."""
    for rule in rules:
        drafts = rule(drafts)
    return drafts


def assemble(
    drafts: list[Draft],
    *,
    metadata: Mapping[str, str] | None = None,
    source: Source | None = None,
    rules: tuple[Rule, ...] = RULES,
) -> Document:
    """Apply the rules and build the Document: kinds, sections, labels and keys."""
    metadata = dict(metadata or {})
    blocks: list[Block] = []
    section: str | None = None
    for draft in apply_rules([d for d in drafts if d.text.strip()], rules):
        text = draft.text.strip()
        kind: BlockKind = draft.kind or "paragraph"
        label = draft.label
        if kind == "heading":
            section = text  # a heading is in the section it opens
        if label is None and kind in ("paragraph", "list_item"):
            label = find_label(text)
        in_section = None if kind in ("title", "footnote", "note") else section
        blocks.append(Block(kind, text, comparison_key(text), in_section, label))
    title = metadata.get("title") or next((b.text for b in blocks if b.kind == "title"), "")
    return Document(title=title, blocks=tuple(blocks), metadata=metadata, source=source)
