"""Titles in scripts without capitals: Chinese and Japanese."""

from __future__ import annotations

import re

from diffdoc.segment import NO_SPACE_CHAR

_CJK_TITLE = re.compile(rf"(?:{NO_SPACE_CHAR.pattern}|[\s\d·《》“”（）()—-]){{4,60}}")


def cjk_title(text: str) -> bool:
    """A short line of Chinese or Japanese with no sentence punctuation ("成员国元首宣言"):
    those scripts have no capitals to tell a title by, so this stands for `in_capitals`.
    (A line that starts with a label, "一、", is not one: the caller checks labels.)"""
    return (
        bool(_CJK_TITLE.fullmatch(text))
        and sum(bool(NO_SPACE_CHAR.match(c)) for c in text) >= 4
        and not any(mark in text for mark in "。，、；：！？,;:!?")
    )
