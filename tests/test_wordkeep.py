"""Golden cases of diffdoc.wordkeep: unchanged content words stay equal after the cleanup."""

from __future__ import annotations

import pytest
from helpers.engines import pure_engine
from hypothesis import given, settings
from hypothesis import strategies as st

from diffdoc import wordiff
from diffdoc.models import Segment, SegmentOp
from diffdoc.normalize import KeyConfig
from diffdoc.wordiff import diff_keys, diff_words, fast_engine
from diffdoc.wordkeep import is_content, keep_words

DEFAULT = KeyConfig()


def segments(old: str, new: str) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in diff_words(old, new, DEFAULT).segments]


def test_a_word_with_insertions_on_both_sides_is_not_struck() -> None:
    # The semantic cleanup alone gives [-expertise-]{+support expertise such+}.
    assert segments("expertise", "support expertise such") == [
        ("insert", "support "),
        ("equal", "expertise"),
        ("insert", " such"),
    ]
    result = diff_words("our expertise.", "our support expertise such.", DEFAULT)
    assert (result.words_inserted, result.words_deleted) == (2, 0)


def test_a_small_word_next_to_a_lone_deletion_stays_equal() -> None:
    # The cleanup alone gives [-a new begin and dynamism-]{+terrible and+}: `and` stayed.
    assert segments("with a new begin and dynamism", "with terrible and") == [
        ("equal", "with "),
        ("delete", "a new begin"),
        ("insert", "terrible"),
        ("equal", " and"),
        ("delete", " dynamism"),
    ]
    result = diff_words("A begin and dynamism.", "The terrible and.", DEFAULT)
    assert [(s.op, s.text) for s in result.segments][2:] == [
        ("equal", " and"),
        ("delete", " dynamism"),
        ("equal", "."),
    ]
    assert (result.words_inserted, result.words_deleted) == (2, 3)


def test_a_replaced_phrase_may_absorb_small_words_only() -> None:
    # `of` lies between changes that delete and insert: one deletion, one insertion.
    assert segments("the cost of living crisis", "a price of peace talks") == [
        ("delete", "the cost of living crisis"),
        ("insert", "a price of peace talks"),
    ]
    # A name, a number or a longer word between the same changes stays equal.
    assert segments("talks with UN and allies", "meetings with UN or friends") == [
        ("delete", "talks"),
        ("insert", "meetings"),
        ("equal", " with UN "),
        ("delete", "and allies"),
        ("insert", "or friends"),
    ]
    assert ("equal", " 2015 ") in segments("in the year 2015 we all met", "on a day 2015 they met")
    assert ("equal", " Parties ") in segments("to the Parties of it", "for our Parties by us")


def test_cosmetic_flags_survive_the_split() -> None:
    result = diff_words("the “cost” of war", 'our expertise "cost" here', DEFAULT)
    flagged = [(s.op, s.text) for s in result.segments if s.cosmetic]
    assert flagged == [("delete", "“"), ("insert", '"'), ("delete", "”"), ("insert", '"')]
    assert ("equal", "cost") in [(s.op, s.text) for s in result.segments]
    assert (result.words_inserted, result.words_deleted) == (3, 3)
    assert result.punctuation_changed == 0


@pytest.mark.parametrize(
    ("token", "content"),
    [
        ("expertise", True),
        ("Parties", True),
        ("2015", True),
        ("5", True),
        ("UN", True),
        ("Xi", True),
        ("and", False),
        ("The", False),
        ("of", False),
        (",", False),
        (" ", False),
        ("----", False),
    ],
)
def test_content_words(token: str, content: bool) -> None:
    assert is_content(token) is content


def test_keep_words_leaves_one_sided_runs_alone() -> None:
    def raw(a: str, b: str) -> list[tuple[SegmentOp, int]]:
        raise AssertionError("a run that only inserts or deletes needs no second diff")

    ops: list[tuple[SegmentOp, int]] = [("equal", 2), ("insert", 3), ("equal", 1), ("delete", 2)]
    assert keep_words(ops, list("abcde"), "abcde", "abxyzc", raw) == ops


def test_a_long_text_keeps_words_in_its_changed_sentences() -> None:
    filler = "The member states reaffirm their commitment to the principles. " * 400
    old = filler + "Our expertise grows." + " Closing words."
    new = filler + "Our support expertise such grows." + " Closing words."
    assert len(old) + len(new) > wordiff.LONG_TEXT
    changed = [(s.op, s.text) for s in diff_words(old, new, DEFAULT).segments if s.op != "equal"]
    assert changed == [("insert", "support "), ("insert", " such")]


words = st.lists(st.sampled_from(["the", "SCO", "states", "will", "“", "”", "agree", ",", " "]))


@settings(max_examples=300)
@given(words, words)
def test_engines_agree_without_cleanup(old: list[str], new: list[str]) -> None:
    codes = {key: chr(0xE000 + n) for n, key in enumerate(dict.fromkeys(old + new))}
    a, b = "".join(map(codes.get, old)), "".join(map(codes.get, new))  # type: ignore[arg-type]
    assert fast_engine(a, b, False) == pure_engine(a, b, False)
    assert diff_keys(old, new, fast_engine) == diff_keys(old, new, pure_engine)


@given(words, words)
def test_texts_rebuild_with_the_pure_engine(old: list[str], new: list[str]) -> None:
    a, b = "".join(old), "".join(new)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wordiff, "ENGINE", pure_engine)
        result = diff_words(a, b, DEFAULT)
    assert "".join(s.text for s in result.segments if s.op != "insert") == a
    assert "".join(s.text for s in result.segments if s.op != "delete") == b
    assert all(isinstance(s, Segment) for s in result.segments)
