"""From raw paragraphs to a Document: named rules that decide each block's kind, section and
label, join paragraphs that a page break cut in two, and find the title and closing.

Readers produce `RawParagraph`s (text as written, markup removed, plus what the format
itself says: a Markdown heading, a DOCX heading style, a footnote). Each rule below is a small
function `list[RawParagraph] -> list[RawParagraph]`, applied in the order of `RULES`;
`assemble` runs them. The string tests the rules share live in `wording`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import NamedTuple

from diffdoc.ingest.cjk import cjk_title
from diffdoc.ingest.wording import (
    HEADING_FIRST,
    LABEL,
    ROMAN,
    STANDALONE_HEADING,
    ends_sentence,
    find_label,
    is_heading_text,
    join_text,
    word_count_above,
)
from diffdoc.models import Block, BlockKind, Document, Source
from diffdoc.normalize import comparison_key
from diffdoc.segment import NO_SPACE_CHAR

Emphasis = str  # "" (none), "strong" (bold only), "em" (italic only)


class RawParagraph(NamedTuple):
    """A paragraph on its way to becoming a Block; `kind` None means "let the rules decide".

    A named tuple rather than a frozen dataclass: a large text makes tens of thousands of
    them, and the rules copy them with `_replace`; both are several times cheaper.
    """

    text: str
    kind: BlockKind | None = None
    emphasis: Emphasis = ""  # the whole paragraph was bold ("strong") or italic ("em")
    label: str | None = None
    # The source does not mark the break before this paragraph for certain: a page break
    # came between (a form feed, a page number or running header removed), or the break is
    # only a guess from line lengths. A sentence left open above may go on here.
    soft_break: bool = False
    level: int | None = None  # a heading's level as the source marks it (`##`, <h2>, Heading 2)
    run_in: str | None = None  # the bold words that open the paragraph, when more text follows


Rule = Callable[[list["RawParagraph"]], list["RawParagraph"]]

# A heading that numbers a division and expects its name on the next line: "I.", "Annex".
_NUMBERED_HEADING = re.compile(
    r"^(?:" + ROMAN + r"\.?"
    r"|(?:Article|ARTICLE|Part|PART|Chapter|CHAPTER|Section|SECTION|Annex|ANNEX|Appendix)"
    r"(?:\s+(?:\d{1,3}[a-z]*|" + ROMAN + r"|[A-Z]))?\.?)$"
)
_NUMBER_LABEL = re.compile(r"\d{1,3}\.")
_DATE = (
    r"(?:(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:(?:day )?of )?[A-Z][a-z]+,? \d{4}"
    r"|[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?, \d{4})"
)
_CN = r"[\d○〇零一二三四五六七八九十]"  # digits of a Chinese date
_PLACE = r"[A-Z][\w.'’ -]{1,40}"
# Place and date: "St. Petersburg, June 7, 2002", "Done at Geneva on 7 June 2002",
# "Санкт-Петербург, 7 июня 2002 года", "二○○二年六月七日于圣彼得堡".
_DATE_LINE = re.compile(rf"^{_DATE}\.?$")
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
    r"^(?P<head>(?:" + ROMAN + r"\.\s+)?[A-Z][^.;:!?]{2,150}?[^\s.,;:!?])"
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


def _undecided(para: RawParagraph) -> bool:
    return para.kind is None or para.kind == "paragraph"


# --- rules ------------------------------------------------------------------------------------


def attach_lone_labels(paras: list[RawParagraph]) -> list[RawParagraph]:
    """A paragraph that is only a label ("1." on its own line) belongs to the next one."""
    out: list[RawParagraph] = []
    for para in paras:
        last = out[-1] if out else None
        if (
            last is not None
            and (last.kind is None or last.kind == "paragraph")  # _undecided, inlined
            and _may_be_label(last.text)
            and LABEL.fullmatch(last.text.strip())
            and para.kind in (None, "paragraph", "list_item")
        ):
            out[-1] = para._replace(text=join_text(out[-1].text, para.text))
        else:
            out.append(para)
    return out


def split_run_in_headings(paras: list[RawParagraph]) -> list[RawParagraph]:
    """Split numbered paragraphs that an extraction ran together with what precedes them.

    "Partnerships and support 17. We invite ..." becomes a heading and paragraph 17, and
    "... Pact for the Future. 16 9. We note ..." becomes paragraphs 8 and 9. Only when the
    number continues the numbering of the paragraphs before it, so that a sentence that
    happens to contain "3. " is never cut.
    """
    out: list[RawParagraph] = []
    last_number = 0
    for para in paras:
        undecided = para.kind is None or para.kind == "paragraph"
        label = find_label(para.text) if undecided else None
        match = (
            _RUN_IN.match(para.text)
            if undecided and label is None and _RUN_IN_HINT.search(para.text)
            else None
        )
        if match and int(match.group("label")[:-1]) == last_number + 1:
            out.append(RawParagraph(match.group("head"), kind="heading"))
            para = RawParagraph(f"{match.group('label')} {match.group('body')}")
            label = match.group("label")
        if label and re.fullmatch(r"\d{1,3}\.", label):
            last_number = int(label[:-1])
            while True:
                cut = _inline_number(para.text, last_number + 1)
                if cut is None:
                    break
                out.append(para._replace(text=para.text[:cut].rstrip()))
                para = RawParagraph(para.text[cut:].lstrip())
                last_number += 1
        out.append(para)
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


def mark_headings(paras: list[RawParagraph]) -> list[RawParagraph]:
    """Heading lines (Roman numerals, Article N, Part II) and short bold-only lines."""
    out = []
    for para in paras:
        first = para.text[:1]  # a text that starts with no heading's letter needs no regex
        if (
            (first in HEADING_FIRST or first.isspace() or para.emphasis == "strong")
            and (para.kind is None or para.kind == "paragraph")
        ) and (
            is_heading_text(text := para.text.strip())
            or (para.emphasis == "strong" and len(text) <= 120 and not ends_sentence(text))
        ):
            para = para._replace(kind="heading")
        out.append(para)
    return out


def mark_subheadings(paras: list[RawParagraph]) -> list[RawParagraph]:
    """A short unpunctuated line right before a numbered paragraph is an unnumbered heading."""
    out = list(paras)
    for index in range(len(out) - 1):
        para, following = out[index], out[index + 1]
        if para.kind is not None or not (
            _undecided(following)
            and (number := find_label(following.text)) is not None
            and _NUMBER_LABEL.fullmatch(number)
        ):
            continue  # the cheap tests first: most paragraphs precede no numbered one
        previous = out[index - 1] if index else None
        text = para.text.strip()
        if (
            text[:1].isupper()
            and not ends_sentence(text)
            and find_label(text) is None
            and word_count_above(text, 10) <= 10
            and (previous is None or previous.kind is not None or ends_sentence(previous.text))
            and not is_dateline(text)
        ):
            out[index] = para._replace(kind="heading")
    return out


def is_dateline(text: str) -> bool:
    """A place and date, or a date alone ("Geneva, 3 March 2024"): a dateline, never a heading."""
    return bool(_CLOSING.match(text) or _DATE_LINE.match(text))


def merge_numbered_headings(paras: list[RawParagraph]) -> list[RawParagraph]:
    """A lone number heading ("I.", "Article 5") and the short title line after it are one."""
    out: list[RawParagraph] = []
    for para in paras:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == "heading"
            and _NUMBERED_HEADING.match(previous.text.strip())
            and para.kind in (None, "heading")
            and word_count_above(para.text, 12) <= 12
            and not re.search(r"[.;:!?]", para.text)
            and not para.text.rstrip().endswith(",")
            and not _CLOSING.match(para.text.strip())
            and find_label(para.text) is None
            and not STANDALONE_HEADING.match(para.text.strip())
            and para.text[:1].isupper()
        ):
            out[-1] = previous._replace(text=join_text(previous.text, para.text))
        else:
            out.append(para)
    return out


def join_page_cuts(paras: list[RawParagraph]) -> list[RawParagraph]:
    """Join the two halves of a paragraph that a page break cut apart.

    Only running text left open joins: the first half stops mid-sentence (no terminal
    punctuation) and neither half looks like a heading (capitals, Title Case, a label).
    Where the break is soft (`RawParagraph.soft_break`: a page break, or a guess from line
    lengths), the second half joins when it starts in lowercase or has no label. Without
    that evidence (Markdown, text re-read from paragraphs), the cut must be plain in the
    wording: the first half is running text of 8 words or more that ends on a word (not a
    comma, nor a list's ", and"), and the second completes a sentence ("...along with the
    existing" / "Asian structures ... countries.").
    """
    out: list[RawParagraph] = []
    for para in paras:
        previous = out[-1] if out else None
        # is_cut asks for two paragraphs of undecided kind: test that first, inline
        if (
            previous is not None
            and previous.kind is None
            and para.kind is None
            and is_cut(previous, para)
        ):
            out[-1] = previous._replace(text=join_text(previous.text, para.text), emphasis="")
        else:
            out.append(para)
    return out


# A list's last-but-one item: "..., and" / "...; or".
_LIST_ITEM_END = re.compile(r"[,;]\s*(?:and|or)$")


def is_cut(first: RawParagraph, second: RawParagraph) -> bool:
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


def mark_closing(paras: list[RawParagraph]) -> list[RawParagraph]:
    """Place and date at the end ("St. Petersburg, June 7, 2002") is the closing."""
    body = [i for i, d in enumerate(paras) if d.kind not in ("footnote", "note")]
    out = list(paras)
    for index in body[-3:]:
        if _undecided(out[index]) and _CLOSING.match(out[index].text.strip()):
            out[index] = out[index]._replace(kind="closing")
    return out


def mark_title(paras: list[RawParagraph]) -> list[RawParagraph]:
    """The first block is the title when bold-only, a level-1 heading or in capitals."""
    out = list(paras)
    for index, para in enumerate(out):
        if para.kind in ("note", "footnote"):
            continue
        text = para.text.strip()
        if para.kind == "title" or (
            para.kind in (None, "heading")
            and (
                para.emphasis == "strong"
                or in_capitals(text)
                or (cjk_title(text) and find_label(text) is None and len(out) > index + 1)
            )
            and not is_heading_text(text)
            and not ends_sentence(text)
        ):
            out[index] = para._replace(kind="title")
        break
    return out


_ASCII_LOWER = re.compile("[a-z]")


def in_capitals(text: str) -> bool:
    """More than 12 letters, and no ASCII letter in lower case ("DECLARATION BY THE ...").
    One regex search settles most texts, however long: the first small letter."""
    return not _ASCII_LOWER.search(text) and sum(map(str.isalpha, text)) > 12


_in_capitals = in_capitals  # the name the fast-path tests know


def mark_list_items(paras: list[RawParagraph]) -> list[RawParagraph]:
    """Lettered and roman items ("(a)", "(iv)", "a)") are list items; "1." stays a paragraph."""
    out = []
    for para in paras:
        if (
            para.kind is None
            and (label := find_label(para.text))
            and label[0] in "(abcdefghijklmnopqrstuvwxyz"
        ):
            para = para._replace(kind="list_item")
        out.append(para)
    return out


_END_MARK = re.compile(r"^(?:#\s*#\s*#|-\s*30\s*-|\*\s*\*\s*\*)$")


def mark_end_marks(paras: list[RawParagraph]) -> list[RawParagraph]:
    """A press release's end mark ("###", "-30-") is a note, not part of the text."""
    # A text that starts with a letter or digit is no end mark: only the others are matched.
    return [
        d._replace(kind="note")
        if not d.text[:1].isalnum() and _undecided(d) and _END_MARK.match(d.text.strip())
        else d
        for d in paras
    ]


_SEPARATOR = re.compile(r"^[-–—―_*=~·•\s]{3,}$")


def drop_separators(paras: list[RawParagraph]) -> list[RawParagraph]:
    """Separator lines ("————————", "* * *") are layout, like Markdown's thematic breaks."""
    return [
        d
        for d in paras
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


def apply_rules(paras: list[RawParagraph], rules: tuple[Rule, ...] = RULES) -> list[RawParagraph]:
    """Run the structure rules in order."""
    for rule in rules:
        paras = rule(paras)
    return paras


def assemble(
    paras: list[RawParagraph],
    *,
    metadata: Mapping[str, str] | None = None,
    source: Source | None = None,
    rules: tuple[Rule, ...] = RULES,
) -> Document:
    """Apply the rules and build the Document: kinds, sections, labels and keys."""
    metadata = dict(metadata or {})
    blocks: list[Block] = []
    section: str | None = None
    for para in apply_rules([d for d in paras if d.text.strip()], rules):
        text = para.text.strip()
        kind: BlockKind = para.kind or "paragraph"
        label = para.label
        if kind == "heading":
            section = text  # a heading is in the section it opens
        if label is None and kind in ("paragraph", "list_item"):
            label = find_label(text)
        in_section = None if kind in ("title", "footnote", "note") else section
        level = para.level if kind in ("title", "heading") else None
        block = Block(kind, text, comparison_key(text), in_section, label, level)
        head = (para.run_in or "").strip()
        if head and kind in ("paragraph", "list_item") and text.startswith(head) and text != head:
            block = replace(block, run_in=len(head))
        blocks.append(block)
    title = metadata.get("title") or next((b.text for b in blocks if b.kind == "title"), "")
    return Document(title=title, blocks=tuple(blocks), metadata=metadata, source=source)
