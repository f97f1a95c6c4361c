"""join_lines builds paragraphs in linear time with the results of the plain definition."""

from __future__ import annotations

import re
import sys
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from diffdoc.ingest.hyphens import _HYPHENATED, close_split_hyphens, drops_hyphen, join_lines
from diffdoc.ingest.wording import join_text


def join_lines_reference(lines: list[str], words: Counter[str] | None = None) -> str:
    """join_lines as first written: one growing string, searched whole for the hyphen."""
    text = ""
    for line in lines:
        line = line.strip()
        hyphen = _HYPHENATED.search(text)
        if hyphen and line[:1].isalnum():
            if drops_hyphen(hyphen.group(1), line, words):
                text = text[:-1] + line
            else:
                text += line
        else:
            text = join_text(text, line)
    return close_split_hyphens(text)


_PIECES = st.sampled_from(
    ["develop-", "ment", "action-", "oriented", "-", " ", "", "a", "B", "x_y-", "上海-", "合作",
     "12-", "é-", "ab", "medium- and", "long-term", "\u00a0", "\t-", "co-", "op"]
)  # fmt: skip
lines = st.lists(st.lists(_PIECES, max_size=3).map("".join), min_size=2, max_size=8)


@given(lines, st.booleans())
def test_join_lines_is_the_plain_definition(paragraph: list[str], known: bool) -> None:
    words = Counter({"development": 1, "cooperation": 1, "coop": 1}) if known else None
    assert join_lines(paragraph, words) == join_lines_reference(paragraph, words)


def test_word_character_test_is_the_regex_class() -> None:
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (char.isalnum() or char == "_") == bool(word.match(char)), hex(code)


def test_thousands_of_wrapped_lines() -> None:
    wrapped = ["the parties agree to co-", "operate in good faith on every matter"] * 200
    assert join_lines(wrapped, Counter({"cooperate": 1})) == join_lines_reference(
        wrapped, Counter({"cooperate": 1})
    )
