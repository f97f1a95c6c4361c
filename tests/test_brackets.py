"""Negotiation brackets and options: finding them, and following them from draft to draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.drafts import PARIS
from hypothesis import given
from hypothesis import strategies as st

from diffdoc.brackets import bracket_spans, find_passages
from diffdoc.drafts.brackets import (
    bracket_series,
    compare_brackets,
    contains_phrase,
    find_options,
    negotiated_blocks,
    version_brackets,
)
from diffdoc.ingest import read_document
from diffdoc.models import Block, Document
from diffdoc.normalize import comparison_key
from diffdoc.report.series import Brackets


def doc(*texts: str, kind: str = "paragraph") -> Document:
    blocks = tuple(Block(kind, t, comparison_key(t)) for t in texts)  # type: ignore[arg-type]
    return Document("t", blocks)


def test_nested_and_side_by_side_passages() -> None:
    passages = find_passages(["Parties [shall][should] take [steps [to reduce]] emissions"])
    assert [(p.text, p.depth) for p in passages] == [
        ("shall", 0),
        ("should", 0),
        ("steps [to reduce]", 0),
        ("to reduce", 1),
    ]
    assert passages[2].key == "steps to reduce"


def test_footnote_markers_and_links_are_not_brackets() -> None:
    text = "See [the report](https://example.org/r)[^3] and [^note] but [keep this]"
    assert [p.text for p in find_passages([text])] == ["keep this"]


def test_passage_spanning_paragraphs() -> None:
    passages = find_passages(["Each Party [shall:", "1. Report;", "2. Review.]"])
    assert len(passages) == 1
    assert passages[0].start == (0, 11) and passages[0].end == (2, 10)
    assert passages[0].text == "shall:\n\n1. Report;\n\n2. Review."


def test_unclosed_bracket_stops_at_a_heading_and_stray_closer_is_ignored() -> None:
    passages = find_passages(["[Noting that stray", "Article 2", "text] here [x]"], stops={1})
    assert [(p.text, p.closed) for p in passages] == [("Noting that stray", False), ("x", True)]


def test_empty_brackets_are_not_passages() -> None:
    assert find_passages(["[] and [ ]"]) == []


def test_bracket_spans_cover_the_brackets() -> None:
    text = "a [b [c]] d"
    assert bracket_spans(text) == [(2, 9, 0), (5, 8, 1)]
    assert text[2:9] == "[b [c]]"


def test_option_markers() -> None:
    texts = [
        "Option 1: Each Party shall",
        "3. Option II: No text",
        "[Option 3",
        "3.3bis Alt Each Party's contribution",
        "Note: Option 1 and Option 2 are to be considered together",
        "as set out in Option 2: above",
        "An alternative approach",
    ]
    labels = [(m.block, m.label) for m in find_options(texts)]
    assert labels == [
        (0, "Option 1"),
        (1, "Option II"),
        (2, "Option 3"),
        (3, "Alt"),
        (5, "Option 2"),
    ]


def test_notes_footnotes_and_title_do_not_count() -> None:
    document = Document(
        "t",
        (
            Block("title", "[Draft]", "[Draft]"),
            Block("note", "This is the [final draft][source]", "x"),
            Block("paragraph", "Parties [shall]", "x"),
            Block("footnote", "[1] See [x]", "x"),
        ),
    )
    assert [b.kind for b in negotiated_blocks(document)] == ["paragraph"]
    assert version_brackets(document).open == 1


def test_resolved_dropped_new_and_still_open() -> None:
    old = doc("Parties [shall][should] act [promptly] [and fairly].", "[X]")
    new = doc("Parties shall act promptly [in good faith].", "[X]")
    counts = bracket_series([old, new])[1]
    # shall, promptly: resolved; should, and fairly: dropped; X still open; good faith new
    assert counts == Brackets(open=2, resolved=2, dropped=2, new=1, options=0)


def test_resolution_is_positional_not_anywhere_in_the_document() -> None:
    # "should" survives elsewhere, but the bracketed one was deleted where it stood.
    old = doc("Parties [shall][should] act.", "Others should wait.")
    new = doc("Parties shall act.", "Others should wait.")
    assert bracket_series([old, new])[1] == Brackets(open=0, resolved=1, dropped=1)


def test_both_alternatives_cannot_both_be_resolved() -> None:
    old = doc("Each Party [shall][should] report.", "Each Party [shall][should] review.")
    new = doc("Each Party shall report.", "Each Party should review.")
    assert bracket_series([old, new])[1] == Brackets(resolved=2, dropped=2)


def test_still_open_is_positional_too() -> None:
    # The [shall] of paragraph 1 was resolved; the one in paragraph 2 is new.
    old = doc("Parties [shall] act.", "Others wait.")
    new = doc("Parties shall act.", "Others [shall] wait.")
    assert bracket_series([old, new])[1] == Brackets(open=1, resolved=1, new=1)


def test_moved_paragraph_keeps_its_open_passage() -> None:
    old = doc("Alpha beta [gamma] delta epsilon.", "Zeta eta theta iota kappa.")
    new = doc("Zeta eta theta iota kappa.", "Alpha beta [gamma] delta epsilon.")
    assert bracket_series([old, new])[1] == Brackets(open=1)


def test_retyped_passage_is_resolved_not_dropped() -> None:
    old = doc(
        "Hold it [well below 2 \N{DEGREE SIGN}C] \N{LEFT DOUBLE QUOTATION MARK}now"
        "\N{RIGHT DOUBLE QUOTATION MARK}."
    )
    new = doc('Hold it well below 2 \N{DEGREE SIGN}C "now".')
    assert bracket_series([old, new])[1] == Brackets(resolved=1)


def test_russian_and_chinese_alternatives() -> None:
    old = doc(
        "Стороны [должны][могут] действовать [незамедлительно].",
        "各方[应当][可以]立即[采取]行动。",
    )
    new = doc("Стороны должны действовать незамедлительно.", "各方应当立即采取行动。")
    assert bracket_series([old, new])[1] == Brackets(resolved=4, dropped=2)


def test_comparing_without_a_map_is_refused() -> None:
    with pytest.raises(ValueError, match="character map"):
        compare_brackets(version_brackets(doc("[a]")), version_brackets(doc("a")))


def test_first_version_counts_everything_new() -> None:
    counts = compare_brackets(None, version_brackets(doc("[a] [b]", "Option 1: c")))
    assert counts == Brackets(open=2, new=2, options=1)


def test_resolution_needs_whole_words() -> None:
    assert contains_phrase("the parties shall act", "shall")
    assert not contains_phrase("the parties shallow", "shall")
    assert contains_phrase("x, including y", ", including y")
    assert not contains_phrase("anything", "")


@given(st.lists(st.text(alphabet="ab[] ^()", max_size=30), max_size=5))
def test_passages_lie_inside_their_texts(texts: list[str]) -> None:
    for passage in find_passages(texts):
        (first, offset), (last, end) = passage.start, passage.end
        assert texts[first][offset] == "["
        assert first <= last
        if passage.closed:
            assert texts[last][end] == "]"
        assert passage.text.strip()


def test_paris_brackets_fall_to_none_at_adoption(texts_dir: Path) -> None:
    documents = [read_document(texts_dir / name) for name in PARIS]
    counts = bracket_series(documents)
    opened = [c.open for c in counts]
    assert opened[0] > 1000 and opened[1] > 1000
    assert 150 < opened[2] < 300
    assert opened[3:] == [0, 0]
    assert counts[3].resolved + counts[3].dropped == opened[2]
    # Followed by position, most bracketed passages of 9 December went with their paragraphs
    # or were reworded; only a few kept their exact words where they stood.
    assert 10 <= counts[3].resolved <= 30
    assert counts[3].new == 0
    assert counts[0].options > 100 and counts[2].options > 10 and counts[3].options == 0
    assert counts[4] == Brackets()


def test_paris_front_matter_is_not_negotiated(texts_dir: Path) -> None:
    document = read_document(texts_dir / PARIS[0])
    texts = [block.text for block in negotiated_blocks(document)]
    assert not any("final draft negotiating text" in t for t in texts)
    assert not any(t.strip() in {"TOC", "* TOC"} for t in texts)


@pytest.mark.parametrize("name", PARIS[3:])
def test_adopted_texts_have_no_brackets(texts_dir: Path, name: str) -> None:
    assert version_brackets(read_document(texts_dir / name)).open == 0
