"""The reading fast paths agree with the plain definitions they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from diffdoc.ingest.furniture import (
    _PAGE_MARKER,
    _is_repeated,
    _may_be_marker,
    furniture_key,
    remove_page_furniture,
)
from diffdoc.ingest.structure import _RUN_IN_HINT, _in_capitals, _may_be_label
from diffdoc.ingest.wording import (
    _TITLED_HEADING,
    LABEL,
    STANDALONE_HEADING,
    ends_sentence,
    is_heading_text,
    is_standalone_heading,
    word_count_above,
)

_ALPHABET = st.sampled_from([*" \t\u00a0\u3000\n.!?;:。…'\"’”»)]ab1-x", "12. ", " 7. "])
texts = st.lists(_ALPHABET, max_size=30).map("".join)


@given(texts)
def test_ends_sentence_is_the_terminal_regex(text: str) -> None:
    terminal = re.compile(r"[.!?;:。！？；：…]['\"’”»)\]]*$")
    assert ends_sentence(text) == bool(terminal.search(text.rstrip()))


@given(texts, st.integers(min_value=0, max_value=12))
def test_word_count_above_counts_up_to_the_limit(text: str, limit: int) -> None:
    assert word_count_above(text, limit) == min(len(text.split()), limit + 1)


@given(texts)
def test_run_in_hint_is_the_plain_pattern(text: str) -> None:
    assert bool(_RUN_IN_HINT.search(text)) == bool(re.search(r"\s\d{1,3}\.\s", text))


_WORDS = st.sampled_from(["Annex", "A/RES/80/3", "page", "2", "Title", "  ", "\t", "\u00a0"])
lines = st.lists(_WORDS, max_size=12).map(" ".join)


@given(st.lists(lines, min_size=1, max_size=8), st.lists(lines, max_size=8))
def test_repeated_lines_found_as_by_sorting_every_line(keyed: list[str], others: list[str]) -> None:
    repeated = {furniture_key(line) for line in keyed if furniture_key(line)}
    every = keyed + others + [line * 9 for line in keyed]
    expected = [furniture_key(line) in repeated for line in every]
    assert _is_repeated(every, repeated) == expected


def test_furniture_runs_with_markers_far_apart() -> None:
    body = ["Running text of the paragraph, long enough to be no header at all."] * 3
    lines = ["Page 1 of 2", "A/RES/80/3", "", *body, "", "A/RES/80/3", "Page 2 of 2", ""]
    out = remove_page_furniture(lines)
    assert out == ["", "", "", *body, "", "", "", ""]


_HEADINGS = st.sampled_from(
    ["I", "IV.", "XII. ", "Article 5", "ARTICLE ", "Part II", "Annex", "Annex 2: ", "Preamble",
     "Section A", "Chapter 3.", "Статья 4", "Часть II", "Глава ", "Раздел 1", "三", "十二、",
     "第3条", "第十章", "Appendix", "M", "D", " I", "The ", "(a) "]
)  # fmt: skip
heading_texts = st.tuples(_HEADINGS, texts).map("".join)


@given(heading_texts)
def test_heading_tests_skip_only_texts_no_pattern_can_match(text: str) -> None:
    standalone = bool(STANDALONE_HEADING.match(text))
    titled = bool(_TITLED_HEADING.match(text)) and not ends_sentence(text) and len(text) <= 160
    assert is_heading_text(text) == (standalone or titled)
    assert is_standalone_heading(text) == bool(STANDALONE_HEADING.match(text.strip()))


_LABELS = st.sampled_from(["1.", "(a)", "(iv)", "a)", "Pp3", "OP 4", "op2.", "12.3.", "A", "The"])


@given(st.tuples(_LABELS, texts).map("".join))
def test_label_prefilter_never_hides_a_label(text: str) -> None:
    if LABEL.fullmatch(text.strip()) or LABEL.match(text):
        assert _may_be_label(text)


_MARKERS = st.sampled_from(
    ["2/5", "- 3 -", "– 3 –", "— 12 —", "Page 4 of 9", "page 2", "PAGE 3", "25-16680 (E)",
     "*2516680*", "\\*2516680\\*", "٣/٥", "Page", "A/RES/80/3", "The", "(E)"]
)  # fmt: skip


@given(st.tuples(_MARKERS, texts).map("".join))
def test_marker_prefilter_never_hides_a_page_marker(text: str) -> None:
    if _PAGE_MARKER.match(text):
        assert _may_be_marker(text)


@given(st.lists(st.sampled_from([*"ABCxyz ÉéΣσ上1-.", "DECLARATION "]), max_size=30).map("".join))
def test_capitals_test_is_the_letter_count_definition(text: str) -> None:
    letters = [c for c in text if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters if c.isascii())
    assert _in_capitals(text) == (capitals and len(letters) > 12)
