"""Chinese and Japanese word counts count characters, and the reports say so."""

from __future__ import annotations

import pytest
from helpers.compare import document

from diffdoc.compare import compare
from diffdoc.report import render
from diffdoc.report.text import word_unit
from diffdoc.segment import counts_characters

ZH = (["我们重申对联合国宪章宗旨和原则的承诺。", "各国同意采取行动。"],
      ["我们坚定重申对联合国宪章宗旨和原则的承诺。", "各国同意采取行动。"])  # fmt: skip
JA = (["加盟国は国連憲章の目的と原則への決意を再確認する。"],
      ["加盟国は国連憲章の目的と原則への強い決意を再確認する。"])  # fmt: skip
EN = (["The member states reaffirm the Charter."], ["The member states firmly reaffirm it."])


@pytest.mark.parametrize(
    ("text", "characters"),
    [
        (ZH[0][0], True),
        (JA[0][0], True),
        ("The UN Charter (联合国宪章) binds its members.", False),
        ("联合国宪章 UN Charter 的宗旨", True),
        ("", False),
    ],
)
def test_counts_characters(text: str, characters: bool) -> None:
    assert counts_characters(text) is characters


@pytest.mark.parametrize("pair", [ZH, JA], ids=["zh", "ja"])
def test_text_markdown_and_html_say_characters(pair: tuple[list[str], list[str]]) -> None:
    comparison = compare(document(pair[0]), document(pair[1]))
    inserted = comparison.stats.words_inserted
    assert inserted == 2
    assert word_unit(comparison) == "characters"
    assert f"+{inserted} −0 characters" in render(comparison, "text").splitlines()[2]
    assert f"+{inserted} −0 characters*" in render(comparison, "md")
    html = render(comparison, "html")
    assert "<dt>characters inserted</dt>" in html and "<dt>characters deleted</dt>" in html
    assert "words inserted" not in html


def test_english_keeps_words_and_one_is_singular() -> None:
    comparison = compare(document(EN[0]), document(EN[1]))
    assert "words" in render(comparison, "text").splitlines()[2]
    html = render(comparison, "html")
    assert "<dt>words inserted</dt>" in html
    one = compare(document(["我们重申。"]), document(["我们坚重申。"]))
    assert "<dt>character inserted</dt>" in render(one, "html")
