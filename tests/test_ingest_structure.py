"""Each structure rule on its own, on small paras."""

from __future__ import annotations

import pytest

from diffdoc.ingest import parse_bytes
from diffdoc.ingest.structure import (
    RawParagraph,
    assemble,
    attach_lone_labels,
    drop_separators,
    join_page_cuts,
    mark_closing,
    mark_end_marks,
    mark_headings,
    mark_list_items,
    mark_subheadings,
    mark_title,
    merge_numbered_headings,
    split_run_in_headings,
)
from diffdoc.ingest.wording import find_label, is_heading_text, join_text, joins_without_space


def texts(paras: list[RawParagraph]) -> list[tuple[str | None, str]]:
    return [(d.kind, d.text) for d in paras]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1. We agree.", "1."),
        ("12.3. Text", "12.3."),
        ("(a) Trade;", "(a)"),
        ("(iv) Space", "(iv)"),
        ("(17bis) [Its operation", "(17bis)"),
        ("b) item", "b)"),
        ("Pp3 Recalling", "Pp3"),
        ("OP 4 Decides", "OP 4"),
        ("1.\u202fWe have", "1."),
        ("2021. The year", None),
        ("1.5 degrees", None),
        ("We, the heads", None),
    ],
)
def test_labels(text: str, label: str | None) -> None:
    assert find_label(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "I",
        "IV",
        "XII.",
        "Article 5",
        "ARTICLE 12",
        "Part II",
        "Annex",
        "Preamble",
        "I. Global context and shared commitments",
        "Article 10 (global stocktake)",
        "Статья 3",
        "第五条",
        "三",
    ],
)
def test_heading_texts(text: str) -> None:
    assert is_heading_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "In accordance with Article 5, the Parties shall act.",
        "IIII",
        "I am here.",
        "I. We agree that this is so.",
    ],
)
def test_not_heading_texts(text: str) -> None:
    assert not is_heading_text(text)


def test_join_text_spaces_but_not_between_cjk() -> None:
    assert join_text("normative documents ", " governing") == "normative documents governing"
    assert join_text("上海合作组织宪", "章。") == "上海合作组织宪章。"
    assert join_text("SCO", "章") == "SCO 章"


def test_attach_lone_labels() -> None:
    assert texts(
        attach_lone_labels([RawParagraph("1."), RawParagraph("Endorses the declaration;")])
    ) == [(None, "1. Endorses the declaration;")]


def test_split_run_in_heading_only_when_numbering_continues() -> None:
    paras = [
        RawParagraph("2. We welcome it."),
        RawParagraph("Global context and commitments 3. We gather."),
    ]
    assert texts(split_run_in_headings(paras)) == [
        (None, "2. We welcome it."),
        ("heading", "Global context and commitments"),
        (None, "3. We gather."),
    ]
    lone = [RawParagraph("Global context and commitments 3. We gather.")]
    assert texts(split_run_in_headings(lone)) == texts(lone)


def test_split_paragraph_numbers_run_together() -> None:
    paras = [RawParagraph("8. We uphold the Pact for the Future. 16 9. We note the interest.")]
    assert texts(split_run_in_headings(paras)) == [
        (None, "8. We uphold the Pact for the Future. 16"),
        (None, "9. We note the interest."),
    ]
    skipped = [RawParagraph("8. We note paragraph 9. The end.")]
    assert texts(split_run_in_headings(skipped)) == texts(skipped)


def test_mark_headings_numerals_and_bold_lines() -> None:
    paras = [
        RawParagraph("II"),
        RawParagraph("Scope", emphasis="strong"),
        RawParagraph("Bold claim.", emphasis="strong"),
    ]
    assert [d.kind for d in mark_headings(paras)] == ["heading", "heading", None]


def test_mark_subheadings_before_numbered_paragraph() -> None:
    paras = [
        RawParagraph("16. We stress it."),
        RawParagraph("Partnerships and support"),
        RawParagraph("17. We invite."),
    ]
    assert [d.kind for d in mark_subheadings(paras)] == [None, "heading", None]
    not_before_number = [RawParagraph("Short line"), RawParagraph("We invite.")]
    assert [d.kind for d in mark_subheadings(not_before_number)] == [None, None]


def test_merge_numbered_headings() -> None:
    paras = [
        RawParagraph("I.", kind="heading"),
        RawParagraph("Global context and shared commitments"),
    ]
    assert texts(merge_numbered_headings(paras)) == [
        ("heading", "I. Global context and shared commitments")
    ]
    preamble = [
        RawParagraph("Preamble", kind="heading"),
        RawParagraph("The Parties to this Agreement,"),
    ]
    assert len(merge_numbered_headings(preamble)) == 2


def test_join_page_cuts() -> None:
    paras = [
        RawParagraph("the SCO national coordinators are instructed to prepare normative documents"),
        RawParagraph("governing the operating procedures of the bodies."),
        RawParagraph("This forum, along with the existing regional structures and the"),
        RawParagraph("Asian mechanisms, will play an important role."),
        RawParagraph(
            "Recalling its resolutions adopted on the question of Palestine over the years,"
        ),
        RawParagraph("Reaffirming the principles."),
    ]
    assert texts(join_page_cuts(paras)) == [
        (
            None,
            "the SCO national coordinators are instructed to prepare normative documents "
            "governing the operating procedures of the bodies.",
        ),
        (
            None,
            "This forum, along with the existing regional structures and the "
            "Asian mechanisms, will play an important role.",
        ),
        (None, "Recalling its resolutions adopted on the question of Palestine over the years,"),
        (None, "Reaffirming the principles."),
    ]


def test_closing_title_list_items_and_end_marks() -> None:
    paras = [
        RawParagraph("DECLARATION OF THE HEADS OF STATE"),
        RawParagraph("(a) Trade;"),
        RawParagraph("###"),
        RawParagraph("Done at Astana, 10 July 2025"),
    ]
    paras = mark_end_marks(paras)
    paras = mark_closing(paras)
    paras = mark_title(paras)
    paras = mark_list_items(paras)
    assert [d.kind for d in paras] == ["title", "list_item", "note", "closing"]


def test_assemble_sections_labels_and_keys() -> None:
    doc = assemble(
        [
            RawParagraph("Article 2", kind="heading"),
            RawParagraph("1. This Agreement\u00a0aims"),
            RawParagraph("Resolution 70/1.", kind="footnote", label="5"),
        ],
        metadata={"title": "Paris Agreement"},
    )
    assert doc.title == "Paris Agreement"
    heading, paragraph, footnote = doc.blocks
    assert heading.section == "Article 2"
    assert (paragraph.section, paragraph.label) == ("Article 2", "1.")
    assert paragraph.text == "1. This Agreement\u00a0aims"
    assert paragraph.key == "1. This Agreement aims"
    assert (footnote.kind, footnote.label, footnote.section) == ("footnote", "5", None)


def test_drop_separators() -> None:
    paras = [
        RawParagraph("Text."),
        RawParagraph("————————————————-"),
        RawParagraph("* * *"),
        RawParagraph("A - B"),
    ]
    assert texts(drop_separators(paras)) == [(None, "Text."), (None, "A - B")]


def test_page_cuts_need_evidence_or_plain_wording() -> None:
    running = "The Parties call upon all States to support the work of the"
    # The source shows a page break: the second half joins even in uppercase.
    joined = join_page_cuts(
        [RawParagraph(running), RawParagraph("Council on this matter.", soft_break=True)]
    )
    assert texts(joined) == [(None, f"{running} Council on this matter.")]
    # Without that evidence, the second half must complete a sentence.
    head = "We affirm the importance of the Convention on Biological"
    apart = [RawParagraph(head), RawParagraph("Diversity and its protocols")]
    assert texts(join_page_cuts(apart)) == texts(apart)
    # A list's items, a title in capitals or in Title Case, never join.
    for paras in (
        [
            RawParagraph("building the clean energy economy of the future, and"),
            RawParagraph("further steps."),
        ],
        [
            RawParagraph("DECLARATION BY THE HEADS OF THE MEMBER STATES"),
            RawParagraph("Today, we met here."),
        ],
        [
            RawParagraph(
                "Promoting Stability and Assistance for Communities of Destination and Return"
            ),
            RawParagraph("We affirm that countries of origin should be supported."),
        ],
        [
            RawParagraph(running),
            RawParagraph("Promoting Regular Pathways for Migration and Protection"),
        ],
    ):
        assert texts(join_page_cuts(paras)) == texts(paras)


@pytest.mark.parametrize(
    "text",
    [
        "DECLARATION BY THE HEADS OF THE MEMBER STATES OF THE SHANGHAI COOPERATION ORGANIZATION",
        "Promoting Stability and Assistance for Communities of Destination, Origin, Transit, "
        "and Return",
    ],
)
def test_title_line_in_plain_text_stays_apart(text: str) -> None:
    raw = f"{text}\n\nToday, we, the heads of State have formally signed the Charter.\n\nMore.\n"
    doc = parse_bytes(raw.encode(), name="t.txt")
    assert doc.texts[0] == text
    assert doc.blocks[1].text.startswith("Today")


@pytest.mark.parametrize(
    "closing",
    [
        "Санкт-Петербург, 7 июня 2002 года",
        "二○○二年六月七日于圣彼得堡",
        "Done at Geneva on 7 June 2002",
        "Done at St. Petersburg on the 7th day of June 2002.",
    ],
)
def test_closing_in_russian_chinese_and_done_at(closing: str) -> None:
    paras = mark_closing([RawParagraph("We agree."), RawParagraph(closing)])
    assert [d.kind for d in paras] == [None, "closing"]


def test_japanese_wrapped_lines_join_without_space() -> None:
    assert joins_without_space("る", "す") and joins_without_space("維", "持")
    assert not joins_without_space("e", "す")
    assert not joins_without_space("다", "한")  # Hangul is written with spaces
    raw = "標題\n\n平和と安全の維\n持のために協力することを約\nする。\n"
    assert parse_bytes(raw.encode(), name="ja.txt").texts[-1] == (
        "平和と安全の維持のために協力することを約する。"
    )
