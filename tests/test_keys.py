"""Comparison keys unify what is not wording and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diffdoc.models import CompareOptions
from diffdoc.normalize import KeyConfig, comparison_key, explain


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("“double standards”", '"double standards"'),
        ("the Quad’s dedication", "the Quad's dedication"),
        ("2024–2034", "2024-2034"),
        ("non\u2011governmental", "non-governmental"),
        ("Migration\u00a0 should", "Migration should"),
        ("terror\u00adism", "terrorism"),
        ("zero\u200bwidth", "zerowidth"),
        ("  hard\nwrapped\tline  ", "hard wrapped line"),
        ("«двойные стандарты»", '"двойные стандарты"'),
        ("e\u0301", "\u00e9"),  # NFC
        ("上海合作组织", "上海合作组织"),
    ],
)
def test_default_key_unifies_typography(text: str, key: str) -> None:
    assert comparison_key(text) == key


def test_strict_keeps_typographic_variants_but_not_layout() -> None:
    strict = KeyConfig.from_options(CompareOptions(strict=True))
    assert comparison_key("“a”\u00a0b", strict) == "“a”\u00a0b"
    assert comparison_key("a \n  b", strict) == "a b"


def test_ignore_case_and_punctuation() -> None:
    config = KeyConfig.from_options(CompareOptions(ignore_case=True, ignore_punctuation=True))
    assert comparison_key("Terrorism, Separatism; and EXTREMISM.", config) == (
        "terrorism separatism and extremism"
    )


def test_explain_names_the_rules_that_applied() -> None:
    assert explain("“a”  b") == ["fold_whitespace", "uncurl_quotes"]
    assert explain("plain") == []


@given(st.text())
def test_key_is_idempotent(text: str) -> None:
    key = comparison_key(text)
    assert comparison_key(key) == key
