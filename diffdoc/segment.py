"""Cut paragraphs into sentences and word tokens, keeping every character.

Joining the tokens (or the sentences) of a text always gives the text back exactly, so a diff
over tokens can rebuild both sides. A token is a word (letters and digits, with inner
apostrophes, hyphens or decimal points), one punctuation mark, one run of whitespace, or one
Chinese, Japanese or Korean character: those scripts do not separate words with spaces, so
diffdoc compares them character by character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# The one definition of CJK characters in diffdoc (character-class ranges, for `[...]`).
# Han, Hiragana, Katakana, Bopomofo, CJK punctuation and fullwidth forms: scripts written
# without spaces between words, so a line wrapped inside them joins without a space.
NO_SPACE_SCRIPTS = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff"
    "\u3200-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003134f"
)
# Hangul is spaced like European text, but also compared character by character.
HANGUL = "\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff"
# One token per character.
_CJK = NO_SPACE_SCRIPTS + HANGUL
NO_SPACE_CHAR = re.compile(f"[{NO_SPACE_SCRIPTS}]")
# Invisible characters (soft hyphen, zero-width joiners) stay inside the word they break.
_JOINERS = "\u00ad\u200b\u200c\u200d\u2060"
_WORD_CHAR = rf"(?:(?![{_CJK}])[\w\u0300-\u036f{_JOINERS}])"
_WORD = rf"{_WORD_CHAR}+(?:['’.,\-]{_WORD_CHAR}+)*"
_TOKEN = re.compile(rf"{_WORD}|[{_CJK}]|\s+|.", re.DOTALL)
# The same on ASCII text, where no CJK, combining mark or joiner can occur: much faster.
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:['.,\-][A-Za-z0-9_]+)*|\s+|.", re.DOTALL)
_HAS_WORD = re.compile(r"\w")
# Cheaper word finder for similarity scores (inner punctuation splits words there).
_ROUGH_WORD = re.compile(rf"[{_CJK}]|\w+")
_ASCII_ROUGH_WORD = re.compile(r"[A-Za-z0-9_]+")

# A sentence ends after . ! ? ; or their CJK forms (with closing quotes or brackets), followed
# by whitespace; CJK full stops end a sentence even without a following space.
_SENTENCE_END = re.compile(r"""[.!?;:]["'”’»)\]]*\s+|[。！？；]["'”’」』）]*\s*""")


def tokenize(text: str) -> list[str]:
    """The word, punctuation, whitespace and CJK-character tokens of `text`, in order."""
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


def is_word(token: str) -> bool:
    """True for tokens that count as words in statistics (they hold a letter or digit)."""
    return _HAS_WORD.search(token) is not None


def rough_words(text: str) -> list[str]:
    """Words of `text` for similarity scores: fast, without spaces or punctuation."""
    return (_ASCII_ROUGH_WORD if text.isascii() else _ROUGH_WORD).findall(text)


def iter_rough_words(text: str) -> Iterator[str]:
    """`rough_words` one at a time, for texts too long to hold all their words in a list."""
    pattern = _ASCII_ROUGH_WORD if text.isascii() else _ROUGH_WORD
    return map(re.Match.group, pattern.finditer(text))


def counts_characters(text: str) -> bool:
    """True when `text` is Chinese or Japanese: its word tokens are mostly characters of a
    script written without spaces, so word counts count characters."""
    words = rough_words(text)
    return sum(1 for word in words if NO_SPACE_CHAR.match(word)) * 2 > len(words)


def count_words(text: str) -> int:
    """How many word tokens `text` holds."""
    return count_word_tokens(tokenize(text))


def count_word_tokens(tokens: Iterable[str]) -> int:
    """How many of `tokens` are words (`is_word`), counted in C loops."""
    return len(list(filter(_HAS_WORD.search, tokens)))


def sentences(text: str) -> list[str]:
    """Cut `text` after each sentence end; the pieces join back to `text` exactly."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces
