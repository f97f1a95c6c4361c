"""The fused fast comparison key equals the named rules applied one by one, in order."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diffdoc.normalize import LAYOUT_CHARS, KeyConfig, _has_ascii_layout, comparison_key

# Every character some rule touches, a few that none touch, and combining marks for NFC.
_SPECIAL = (
    " \t\n\r\f\v\u2028\u2029\x1c\x1f\x85\u00ad\u200b\u200c\u200d\u2060\ufeff"
    "\u00a0\u1680\u2000\u2005\u200a\u202f\u205f\u3000"
    "\u2018\u2019\u201c\u201d\u00ab\u00bb\u300c\u2010\u2011\u2013\u2014\u2212\uff0d"
    "aBé\u0301e-'\".,;Σς上"
)
texts = st.text(alphabet=st.sampled_from(_SPECIAL) | st.characters(), max_size=40)
CONFIGS = [KeyConfig(*flags) for flags in itertools.product((True, False), repeat=3)]


def by_rules(text: str, config: KeyConfig) -> str:
    for rule in config.rules():
        text = rule(text)
    return text


@pytest.mark.parametrize("config", CONFIGS, ids=repr)
@settings(max_examples=400)
@given(text=texts)
def test_fused_key_equals_rules_in_order(config: KeyConfig, text: str) -> None:
    assert comparison_key(text, config) == by_rules(text, config)


@pytest.mark.parametrize("config", CONFIGS, ids=repr)
@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "  ",
        "plain",
        " lead",
        "trail ",
        "a  b",
        "a\u00a0 \u00adb",
        "\u00ad",
        "e\u00ad\u0301",
    ],
)
def test_fused_key_edge_cases(config: KeyConfig, text: str) -> None:
    assert comparison_key(text, config) == by_rules(text, config)


def test_ascii_layout_test_covers_every_ascii_layout_character() -> None:
    for code in range(128):
        char = chr(code)
        assert _has_ascii_layout(f"a{char}b") == (char in LAYOUT_CHARS and char != " ")
