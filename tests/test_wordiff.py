from __future__ import annotations

import random
from pathlib import Path

import pytest
from helpers.engines import pure_engine
from hypothesis import given, settings
from hypothesis import strategies as st

from diffdoc.models import Block, CompareOptions, Document, Segment
from diffdoc.normalize import KeyConfig, comparison_key
from diffdoc.wordiff import LONG_TEXT, changes, diff_keys, diff_words, fast_engine

DEFAULT = KeyConfig()
STRICT = KeyConfig.from_options(CompareOptions(strict=True))


def rebuild(segments: tuple[Segment, ...]) -> tuple[str, str]:
    old = "".join(s.text for s in segments if s.op != "insert")
    new = "".join(s.text for s in segments if s.op != "delete")
    return old, new


def test_replaced_phrase_reads_as_one_deletion_and_one_insertion() -> None:
    old = "The parties will consider the establishment of a joint working group next year."
    new = "The parties will establish an expert commission on trade next year."
    result = diff_words(old, new, DEFAULT)
    ops = [s.op for s in result.segments]
    assert ops == ["equal", "delete", "insert", "equal"]
    assert result.segments[0].text == "The parties will "
    assert result.segments[-1].text == " next year."
    assert rebuild(result.segments) == (old, new)


def test_word_substitution_counts_one_word_each_way() -> None:
    result = diff_words(
        "We firmly support the Charter.", "We strongly support the Charter.", DEFAULT
    )
    assert result.segments == (
        Segment("equal", "We "),
        Segment("delete", "firmly"),
        Segment("insert", "strongly"),
        Segment("equal", " support the Charter."),
    )
    assert (result.words_inserted, result.words_deleted) == (1, 1)


def test_typographic_variants_rebuild_but_do_not_count() -> None:
    old, new = "the “Shanghai spirit” \u2014 trust", 'the "Shanghai spirit" - trust'
    result = diff_words(old, new, DEFAULT)
    assert rebuild(result.segments) == (old, new)
    assert (result.words_inserted, result.words_deleted) == (0, 0)
    assert {c.kind for c in changes(result.segments, DEFAULT)} == {"equal", "cosmetic"}


def test_strict_mode_counts_typographic_variants() -> None:
    result = diff_words("the “spirit”", 'the "spirit"', STRICT)
    assert {c.kind for c in changes(result.segments, STRICT)} == {"equal", "change"}
    assert rebuild(result.segments) == ("the “spirit”", 'the "spirit"')


def test_ignore_case_and_punctuation() -> None:
    config = KeyConfig.from_options(CompareOptions(ignore_case=True, ignore_punctuation=True))
    result = diff_words("The Parties, agreed.", "the parties agreed", config)
    assert rebuild(result.segments) == ("The Parties, agreed.", "the parties agreed")
    assert (result.words_inserted, result.words_deleted) == (0, 0)


def test_rewrapped_whitespace_is_cosmetic() -> None:
    result = diff_words("one two\nthree", "one  two three", DEFAULT)
    assert (result.words_inserted, result.words_deleted) == (0, 0)
    assert rebuild(result.segments) == ("one two\nthree", "one  two three")


def test_cjk_changes_are_per_character() -> None:
    result = diff_words("上海合作组织成立", "上海合作组织宣布成立", DEFAULT)
    assert Segment("insert", "宣布") in result.segments
    assert result.words_inserted == 2


def test_long_text_is_diffed_by_sentences_and_shows_exactly_the_changes() -> None:
    sentences = [
        f"Sentence number {n} speaks about cooperation in field {n}. " for n in range(2000)
    ]
    old = "".join(sentences)
    assert len(old) > LONG_TEXT
    edited = list(sentences)
    edited[10] = edited[10].replace("speaks", "talks")
    edited[1500] = edited[1500].replace("cooperation", "partnership")
    result = diff_words(old, "".join(edited), DEFAULT)
    changed = [s for s in result.segments if s.op != "equal"]
    assert changed == [
        Segment("delete", "speaks"),
        Segment("insert", "talks"),
        Segment("delete", "cooperation"),
        Segment("insert", "partnership"),
    ]
    assert rebuild(result.segments) == (old, "".join(edited))


def test_diff_keys_on_identical_sequences() -> None:
    assert diff_keys(["a", "b"], ["a", "b"]) == [("equal", 2)]
    assert diff_keys([], []) == []


words = st.lists(st.sampled_from(["the", "SCO", "states", "will", "“", "”", "agree", ",", "."]))


@settings(max_examples=300)
@given(words, words)
def test_fast_and_pure_engines_give_identical_diffs(old: list[str], new: list[str]) -> None:
    assert diff_keys(old, new, fast_engine) == diff_keys(old, new, pure_engine)


@given(st.text(), st.text())
def test_both_texts_always_rebuild(old: str, new: str) -> None:
    for config in (DEFAULT, STRICT):
        assert rebuild(diff_words(old, new, config).segments) == (old, new)


def test_engines_agree_on_a_whole_comparison_sharing_one_code_table(
    monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    from diffdoc import wordiff
    from diffdoc.compare import compare
    from diffdoc.ingest import read_document

    old = read_document(seed_path)
    rng = random.Random(3)
    texts = old.texts
    for _ in range(40):  # swap random words between paragraphs: many small edits
        i, j = rng.randrange(len(texts)), rng.randrange(len(texts))
        a, b = texts[i].split(" "), texts[j].split(" ")
        a[rng.randrange(len(a))] = b[rng.randrange(len(b))]
        texts[i] = " ".join(a)
    new = Document(old.title, tuple(Block("paragraph", t, comparison_key(t)) for t in texts))
    results = []
    for engine in (fast_engine, pure_engine):
        monkeypatch.setattr(wordiff, "ENGINE", engine)
        results.append(compare(old, new).blocks)
    assert results[0] == results[1]
    assert any(block.op == "modify" for block in results[0])
