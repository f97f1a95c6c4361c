"""The ASCII fast paths of the tokenizers agree with the general patterns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from diffdoc.segment import _ROUGH_WORD, _TOKEN, rough_words, tokenize

ascii_texts = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)
mixed_texts = st.text(alphabet=st.sampled_from([*"ab1_ '.,-\t\n\x1c\x7f", "’", "上", "é"]))


@given(ascii_texts)
def test_ascii_tokens_are_the_general_tokens(text: str) -> None:
    assert tokenize(text) == _TOKEN.findall(text)


@given(ascii_texts)
def test_ascii_rough_words_are_the_general_ones(text: str) -> None:
    assert rough_words(text) == _ROUGH_WORD.findall(text)


@given(mixed_texts)
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text
    assert tokenize(text) == _TOKEN.findall(text)
