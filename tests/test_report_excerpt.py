"""The list of changes names every change of a paragraph, in order, each deletion with the
insertion that replaced it (Latin, Cyrillic and Chinese), shortened when there are many."""

from __future__ import annotations

import pytest
from helpers.compare import document

from diffdoc.compare import compare
from diffdoc.report.excerpt import Change, change_excerpt, paired_changes
from diffdoc.report.html import EXCERPT, build_page


def excerpts(old: list[str], new: list[str]) -> list[str]:
    page = build_page(compare(document(old), document(new)))
    return [item.excerpt for section in page.nav for item in section.items]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "We welcome the plan adopted in 2025.",
            "We warmly welcome the plan adopted in 2030.",
            "+ “warmly” … “2025” → “2030”",
        ),
        (
            "Мы приветствуем план, принятый в 2025 году.",
            "Мы горячо приветствуем план, принятый в 2030 году.",
            "+ “горячо” … “2025” → “2030”",
        ),
        (
            "我们欢迎2025年通过的计划。",
            "我们热烈欢迎2030年通过的计划。",
            "+ “热烈” … “2025” → “2030”",
        ),
        (
            "The parties will meet in Geneva and discuss the draft text.",
            "The parties shall meet in Vienna and discuss the text.",
            "“will” → “shall” … “Geneva” → “Vienna” … − “draft”",
        ),
    ],
)
def test_each_change_in_order_paired(old: str, new: str, expected: str) -> None:
    assert excerpts([old], [new]) == [expected]


def test_many_changes_are_counted_not_cut_mid_change() -> None:
    old = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    new = "ONE two THREE four FIVE six SEVEN eight NINE ten ELEVEN twelve THIRTEEN fourteen"
    [excerpt] = excerpts([old], [new])
    assert excerpt == (
        "“one” → “ONE” … “three” → “THREE” … “five” → “FIVE” … “seven” → “SEVEN” … 3 more"
    )
    assert len(excerpt) <= EXCERPT


def test_a_space_alone_does_not_part_a_change() -> None:
    pieces = [("del", "the"), ("ins", "a"), ("", " "), ("del", "big"), ("ins", "small"), ("", " x")]
    assert paired_changes(pieces) == [Change("the big", "a small")]
    assert change_excerpt(pieces, 80) == "“the big” → “a small”"


def test_one_long_change_is_cut_on_both_sides() -> None:
    pieces = [("del", "a" * 100), ("ins", "b" * 100)]
    excerpt = change_excerpt(pieces, 60)
    assert excerpt.startswith("“aaaa") and "” → “bbbb" in excerpt and excerpt.endswith("…”")
    assert len(excerpt) <= 60
