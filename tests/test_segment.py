from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from diffdoc.segment import count_words, is_word, sentences, tokenize


def test_words_numbers_and_punctuation_are_tokens() -> None:
    assert tokenize("We agreed, on 7 June 2002, to 1,000.5 well-being.") == [
        "We", " ", "agreed", ",", " ", "on", " ", "7", " ", "June", " ", "2002", ",", " ",
        "to", " ", "1,000.5", " ", "well-being", ".",
    ]  # fmt: skip


def test_cjk_is_tokenized_per_character() -> None:
    assert tokenize("上海合作组织") == ["上", "海", "合", "作", "组", "织"]
    assert tokenize("東京で会う") == ["東", "京", "で", "会", "う"]


def test_cyrillic_works_like_latin() -> None:
    assert tokenize("Шанхайская организация сотрудничества") == [
        "Шанхайская", " ", "организация", " ", "сотрудничества",
    ]  # fmt: skip


def test_apostrophes_and_combining_marks_stay_in_the_word() -> None:
    assert tokenize("don’t e\u0301te\u0301") == ["don’t", " ", "e\u0301te\u0301"]


def test_word_count_ignores_spaces_and_punctuation() -> None:
    assert count_words("The SCO — founded in 2001 — grows.") == 6
    assert is_word("2001") and not is_word("—") and not is_word("  ")


def test_sentences_cut_after_sentence_ends() -> None:
    text = "First one. Second one! Third; fourth? 第一。第二。"
    assert sentences(text) == [
        "First one. ",
        "Second one! ",
        "Third; ",
        "fourth? ",
        "第一。",
        "第二。",
    ]


@given(st.text())
def test_tokens_and_sentences_rebuild_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text
    assert "".join(sentences(text)) == text
