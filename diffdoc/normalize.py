"""Comparison keys: named `str -> str` rules that unify what is not wording.

The text as written is never changed; these rules only derive the key that later stages match
on. Each rule is small and named so that a key can be explained (see `explain`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from diffdoc.models import CompareOptions

Rule = Callable[[str], str]

# One table per rule: each character the rule changes and what it becomes. The named rules
# (regexes and translate tables) and the fused key below are all derived from these.
QUOTE_CHARS: dict[str, str] = {
    "\u2018": "'",  # LEFT SINGLE QUOTATION MARK
    "\u2019": "'",  # RIGHT SINGLE QUOTATION MARK
    "\u201a": "'",  # SINGLE LOW-9
    "\u201b": "'",  # SINGLE HIGH-REVERSED-9
    "\u2032": "'",  # PRIME
    "\u02bc": "'",  # MODIFIER LETTER APOSTROPHE
    "\u201c": '"',  # LEFT DOUBLE QUOTATION MARK
    "\u201d": '"',  # RIGHT DOUBLE QUOTATION MARK
    "\u201e": '"',  # DOUBLE LOW-9
    "\u201f": '"',  # DOUBLE HIGH-REVERSED-9
    "\u2033": '"',  # DOUBLE PRIME
    "\u00ab": '"',  # « (Russian and French quotes)
    "\u00bb": '"',  # »
    "\u300c": '"',  # 「
    "\u300d": '"',  # 」
}
DASH_CHARS: dict[str, str] = dict.fromkeys(
    "\u2010"  # HYPHEN
    "\u2011"  # NON-BREAKING HYPHEN
    "\u2012"  # FIGURE DASH
    "\u2013"  # EN DASH
    "\u2014"  # EM DASH
    "\u2015"  # HORIZONTAL BAR
    "\u2212"  # MINUS SIGN
    "\ufe58"  # SMALL EM DASH
    "\ufe63"  # SMALL HYPHEN-MINUS
    "\uff0d",  # FULLWIDTH HYPHEN-MINUS
    "-",
)
# Characters that are invisible in print: soft hyphen, zero-width space/joiners, word joiner, BOM.
INVISIBLE_CHARS: dict[str, str] = dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", "")
# Layout whitespace (spaces, tabs, line breaks) is never wording.
LAYOUT_CHARS: dict[str, str] = dict.fromkeys(" \t\n\r\f\v\u2028\u2029\x1c\x1d\x1e\x1f\x85", " ")
# No-break, narrow, figure, thin and ideographic spaces are typographic variants of a space.
TYPOGRAPHIC_SPACE_CHARS: dict[str, str] = dict.fromkeys(
    "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))), " "
)


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class matching exactly `chars`."""
    return "[" + "".join(map(re.escape, chars)) + "]"


_QUOTES = str.maketrans(QUOTE_CHARS)
_DASHES = str.maketrans(DASH_CHARS)
_INVISIBLE = re.compile(_char_class(INVISIBLE_CHARS))
_LAYOUT_SPACES = re.compile(_char_class(LAYOUT_CHARS) + "+")
_TYPOGRAPHIC_SPACES = re.compile(_char_class(TYPOGRAPHIC_SPACE_CHARS))
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


def nfc(text: str) -> str:
    """Compose characters (NFC) so that equal letters compare equal."""
    return unicodedata.normalize("NFC", text)


def remove_invisible(text: str) -> str:
    """Drop soft hyphens, zero-width characters and byte-order marks."""
    return _INVISIBLE.sub("", text)


def fold_whitespace(text: str) -> str:
    """Fold every run of layout whitespace to one space; trim the ends."""
    return _LAYOUT_SPACES.sub(" ", text).strip(" ")


def unify_spaces(text: str) -> str:
    """No-break, thin and other typographic spaces become plain spaces, runs folded."""
    return fold_whitespace(_TYPOGRAPHIC_SPACES.sub(" ", text))


def uncurl_quotes(text: str) -> str:
    """Typographic single and double quotes, guillemets and corner brackets become ASCII."""
    return text.translate(_QUOTES)


def unify_dashes(text: str) -> str:
    """Hyphens and dashes of every kind become ASCII hyphen-minus."""
    return text.translate(_DASHES)


def fold_case(text: str) -> str:
    """Case-insensitive comparison (`--ignore-case`)."""
    return text.casefold()


def strip_punctuation(text: str) -> str:
    """Remove punctuation (`--ignore-punctuation`), then fold the spaces left behind."""
    return fold_whitespace(_PUNCTUATION.sub(" ", text))


@dataclass(frozen=True)
class KeyConfig:
    """Which rules build a comparison key. The default unifies typography only."""

    typography: bool = True
    case: bool = False
    punctuation: bool = False

    @classmethod
    def from_options(cls, options: CompareOptions) -> KeyConfig:
        """The key configuration that a comparison's options ask for."""
        return cls(
            typography=not options.strict,
            case=options.ignore_case,
            punctuation=options.ignore_punctuation,
        )

    def rules(self) -> tuple[Rule, ...]:
        """The rules this configuration applies, in order."""
        rules: list[Rule] = [nfc, remove_invisible, fold_whitespace]
        if self.typography:
            rules += [unify_spaces, uncurl_quotes, unify_dashes]
        if self.case:
            rules.append(fold_case)
        if self.punctuation:
            rules.append(strip_punctuation)
        return tuple(rules)


DEFAULT_KEY = KeyConfig()


# The whitespace and typography rules fused for speed: one pass replacing the characters of
# the tables above (invisible characters dropped, every kind of space made a plain space,
# quotes and dashes made ASCII), then runs of spaces folded. Same keys as applying the named
# rules in order (tests/test_keys.py checks with Hypothesis); a text that holds none of these
# characters is its own key. A regex substitution visits only the few characters to replace,
# where str.translate would look up every character of the text.
_STRICT_MAP: dict[str, str] = {**LAYOUT_CHARS, **INVISIBLE_CHARS}
_TYPOGRAPHY_MAP: dict[str, str] = {
    **_STRICT_MAP,
    **TYPOGRAPHIC_SPACE_CHARS,
    **QUOTE_CHARS,
    **DASH_CHARS,
}
# The plain space needs no replacing (only folding, below).
_STRICT_CHANGES = re.compile(_char_class(c for c in _STRICT_MAP if c != " "))
_TYPOGRAPHY_CHANGES = re.compile(_char_class(c for c in _TYPOGRAPHY_MAP if c != " "))
_SPACE_RUN = re.compile(" {2,}")


def _strict_char(match: re.Match[str]) -> str:
    return _STRICT_MAP[match.group()]


def _typography_char(match: re.Match[str]) -> str:
    return _TYPOGRAPHY_MAP[match.group()]


def _has_ascii_layout(text: str) -> bool:
    """Whether `text` holds an ASCII layout character other than the space (`in` on single
    characters is a memchr: several times faster than one regex or `isprintable` pass)."""
    return (
        "\n" in text
        or "\t" in text
        or "\r" in text
        or "\x0b" in text
        or "\x0c" in text
        or "\x1c" in text
        or "\x1d" in text
        or "\x1e" in text
        or "\x1f" in text
    )


def _fused_key(text: str, typography: bool) -> str:
    """NFC, then `remove_invisible`, `fold_whitespace` and (with `typography`) the
    typography rules, in one pass."""
    changes = _TYPOGRAPHY_CHANGES if typography else _STRICT_CHANGES
    if text.isascii():
        # ASCII is NFC already, and holds no typographic character: only layout characters
        # (tabs, line breaks) and double spaces can need a change.
        if not _has_ascii_layout(text) and "  " not in text:
            return text.strip(" ") if text[:1] == " " or text[-1:] == " " else text
    else:
        text = unicodedata.normalize("NFC", text)
        if changes.search(text) is None and "  " not in text:
            return text.strip(" ") if text[:1] == " " or text[-1:] == " " else text
    text = changes.sub(_typography_char if typography else _strict_char, text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip(" ")


def comparison_key(text: str, config: KeyConfig = DEFAULT_KEY) -> str:
    """The key that matching uses for `text`; the text itself is never changed.

    The same as applying `config.rules()` in order (see `explain`), only faster.
    """
    text = _fused_key(text, config.typography)
    if config.case:
        text = fold_case(text)
    if config.punctuation:
        text = strip_punctuation(text)
    return text


def explain(text: str, config: KeyConfig = DEFAULT_KEY) -> list[str]:
    """Names of the rules that changed something on the way from `text` to its key."""
    applied = []
    for rule in config.rules():
        changed = rule(text)
        if changed != text:
            applied.append(rule.__name__)
        text = changed
    return applied
