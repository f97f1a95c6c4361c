"""Word-level diff inside one aligned block. The only module that imports diff-match-patch.

Each token's comparison key is mapped to one character (diff-match-patch's linesToChars idea)
and the two character strings are diffed with no timeout, then semantically cleaned up, so a
replaced phrase reads as one deletion and one insertion and results never depend on machine
speed. Tokens whose keys are equal but whose text differs (curly vs straight quotes by default)
are emitted as a delete+insert pair so both texts rebuild exactly; such *cosmetic* changes are
not counted as words inserted or deleted. Very long texts are aligned sentence by sentence first
and diffed word by word only inside the sentences that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import fast_diff_match_patch as fast_dmp

from diffdoc.errors import DiffdocError
from diffdoc.models import Change, Segment, SegmentOp
from diffdoc.models import changes as models_changes
from diffdoc.normalize import KeyConfig, comparison_key
from diffdoc.segment import count_word_tokens, is_word, sentences, tokenize

# A diff engine: (op, length in code points) runs for two strings, semantically cleaned up.
Engine = Callable[[str, str], list[tuple[SegmentOp, int]]]

# Texts longer than this (characters, both sides together) are aligned by sentences first.
LONG_TEXT = 20_000
# Private use areas: the BMP one, then planes 15 and 16.
_CODE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
CAPACITY = sum(last - first + 1 for first, last in _CODE_RANGES)


@dataclass(frozen=True)
class WordDiff:
    """The segments of one block and how many words they insert and delete."""

    segments: tuple[Segment, ...]
    words_inserted: int
    words_deleted: int
    punctuation_changed: int = 0  # marks changed in changes that touch no word


def fast_engine(a: str, b: str) -> list[tuple[SegmentOp, int]]:
    """Diff two strings with the C++ diff-match-patch; lengths in code points."""
    ops = fast_dmp.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True)
    return [(_FAST_OPS[op], length) for op, length in ops]


_FAST_OPS: dict[str, SegmentOp] = {"=": "equal", "+": "insert", "-": "delete"}
# The C++ build of diff-match-patch, a required dependency: the pure-Python package is only
# the tests' reference (identical results: tests/test_wordiff.py). Tests may swap the engine.
ENGINE: Engine = fast_engine


def _code(n: int) -> str:
    """The n-th private-use character. All of them are in one character class, so the
    semantic cleanup (which prefers boundaries at spaces and punctuation) treats every token
    alike and results do not depend on which character a token got; both engines agree."""
    for first, last in _CODE_RANGES:
        if n <= last - first:
            return chr(first + n)
        n -= last - first + 1
    raise DiffdocError(f"too many distinct words or sentences to diff (over {CAPACITY:,})")


def diff_keys(
    old: Sequence[str], new: Sequence[str], engine: Engine | None = None
) -> list[tuple[SegmentOp, int]]:
    """Diff two sequences of keys: (op, number of items) runs, semantically cleaned up."""
    codes: dict[str, str] = {}

    def encode(keys: Sequence[str]) -> str:
        chars = []
        for key in keys:
            char = codes.get(key)
            if char is None:
                char = codes[key] = _code(len(codes))
            chars.append(char)
        return "".join(chars)

    a, b = encode(old), encode(new)
    if a == b:
        return [("equal", len(old))] if old else []
    return (engine or ENGINE)(a, b)


class TokenCodes:
    """One character per token key, shared by every block of a comparison.

    Maps each token as written straight to the character of its comparison key, so encoding
    a block is one dictionary lookup per token; the same words recur all through a text.
    """

    def __init__(self, config: KeyConfig) -> None:
        self.config = config
        self.by_token: dict[str, str] = {}
        self.by_key: dict[str, str] = {}

    def _add(self, token: str) -> None:
        key = comparison_key(token, self.config)
        if not key and token.isspace():
            key = " "  # every layout space is the same separator
        char = self.by_key.get(key)
        if char is None:
            char = self.by_key[key] = _code(len(self.by_key))
        self.by_token[token] = char

    def _encode(self, tokens: Sequence[str]) -> str:
        try:
            return "".join(map(self.by_token.__getitem__, tokens))
        except KeyError:
            for token in tokens:
                if token not in self.by_token:
                    self._add(token)
            return "".join(map(self.by_token.__getitem__, tokens))

    def encode(self, old: Sequence[str], new: Sequence[str]) -> tuple[str, str]:
        """Both token lists as strings of key characters, in one consistent mapping."""
        if len(self.by_key) + len(old) + len(new) > CAPACITY:
            # Start afresh; safe because results do not depend on which character a key got.
            self.by_key.clear()
            self.by_token.clear()
        return self._encode(old), self._encode(new)


class _Builder:
    """Collects segments, merging adjacent equal text, and counts changed words.

    Each change's segments carry its cosmetic flag, judged on the change as renderers group
    it (`models.changes`: a deletion with the insertion right after it), and the punctuation
    marks of changes that touch no word are counted, so renderers need not compare again.
    """

    def __init__(self, config: KeyConfig) -> None:
        self.config = config
        self.segments: list[Segment] = []
        self.unchanged: list[str] = []  # equal text not yet made a segment
        self.inserted = 0
        self.deleted = 0
        self.marks = 0
        self._lone_delete = -1  # index of a deletion made alone, while nothing follows it
        self._lone_marks = 0  # the punctuation marks it counted

    def equal(self, text: str) -> None:
        self.unchanged.append(text)

    def _flush(self) -> None:
        text = "".join(self.unchanged)
        self.unchanged.clear()
        if text:
            self.segments.append(Segment("equal", text))

    def change(self, old_tokens: Sequence[str], new_tokens: Sequence[str]) -> None:
        old, new = "".join(old_tokens), "".join(new_tokens)
        if old == new:
            self.equal(old)
            return
        self._flush()
        cosmetic = is_cosmetic(old, new, self.config)
        deleted = inserted = 0
        if not cosmetic:
            deleted, inserted = count_word_tokens(old_tokens), count_word_tokens(new_tokens)
            self.deleted += deleted
            self.inserted += inserted
        segments = self.segments
        if not old and 0 <= self._lone_delete == len(segments) - 1:
            # A deletion made alone just before: renderers show the two as one change, so
            # that change is what is cosmetic or not (the word counts stay as they are).
            self._join(new)
            return
        marks = 0 if cosmetic or deleted or inserted else _punctuation(old, new)
        self.marks += marks
        if old:
            segments.append(Segment("delete", old, cosmetic))
        if new:
            segments.append(Segment("insert", new, cosmetic))
        self._lone_delete = len(segments) - 1 if not new else -1
        self._lone_marks = marks

    def _join(self, new: str) -> None:
        deletion = self.segments[-1]
        cosmetic = is_cosmetic(deletion.text, new, self.config)
        self.marks -= self._lone_marks
        if not cosmetic and not is_word(deletion.text + new):
            self.marks += _punctuation(deletion.text, new)
        self.segments[-1] = Segment("delete", deletion.text, cosmetic)
        self.segments.append(Segment("insert", new, cosmetic))
        self._lone_delete = -1

    def result(self) -> WordDiff:
        self._flush()
        return WordDiff(tuple(self.segments), self.inserted, self.deleted, self.marks)


def _punctuation(old: str, new: str) -> int:
    """Punctuation marks changed where no word changed: the larger number on either side."""
    return max(punctuation_marks(old), punctuation_marks(new))


def punctuation_marks(text: str) -> int:
    """The marks (tokens other than spaces) of a text that holds no word."""
    return sum(1 for token in tokenize(text) if not token.isspace())


def is_cosmetic(old: str, new: str, config: KeyConfig) -> bool:
    """True when `old` and `new` differ only in what the comparison keys ignore."""
    return comparison_key(old, config) == comparison_key(new, config)


def _diff_tokens(old: str, new: str, codes: TokenCodes, out: _Builder) -> None:
    if old == new:
        out.equal(old)
        return
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    a, b = codes.encode(old_tokens, new_tokens)
    ops: list[tuple[SegmentOp, int]] = [("equal", len(old_tokens))] if a == b else ENGINE(a, b)
    i = j = 0
    pending_old: list[str] = []
    pending_new: list[str] = []
    for op, count in ops:
        if op == "delete":
            pending_old += old_tokens[i : i + count]
            i += count
        elif op == "insert":
            pending_new += new_tokens[j : j + count]
            j += count
        else:
            out.change(pending_old, pending_new)
            pending_old, pending_new = [], []
            old_run, new_run = old_tokens[i : i + count], new_tokens[j : j + count]
            if old_run == new_run:
                out.equal("".join(old_run))
            else:  # equal keys, different text: emit the cosmetic differences
                _emit_cosmetic(old_run, new_run, out)
            i += count
            j += count
    out.change(pending_old, pending_new)


def _emit_cosmetic(old_run: list[str], new_run: list[str], out: _Builder) -> None:
    """Tokens with equal keys: the identical stretches as one piece each, and every pair
    that differs as written (curly vs straight quotes) as a change of its own."""
    start = 0
    for k in [k for k, (x, y) in enumerate(zip(old_run, new_run, strict=True)) if x != y]:
        if k > start:
            out.equal("".join(old_run[start:k]))
        out.change([old_run[k]], [new_run[k]])
        start = k + 1
    if start < len(old_run):
        out.equal("".join(old_run[start:]))


def _diff_runs(
    old: Sequence[str],
    new: Sequence[str],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    on_equal: Callable[[str, str], None],
    on_change: Callable[[list[str], list[str]], None],
) -> None:
    """Diff two sequences of text pieces by their keys; report equal pairs and changed runs."""
    i = j = 0
    pending_old: list[str] = []
    pending_new: list[str] = []
    for op, count in diff_keys(old_keys, new_keys):
        if op == "delete":
            pending_old += old[i : i + count]
            i += count
        elif op == "insert":
            pending_new += new[j : j + count]
            j += count
        else:
            if pending_old or pending_new:
                on_change(pending_old, pending_new)
                pending_old, pending_new = [], []
            for k in range(count):
                on_equal(old[i + k], new[j + k])
            i += count
            j += count
    if pending_old or pending_new:
        on_change(pending_old, pending_new)


def _diff_sentences(old: str, new: str, codes: TokenCodes, out: _Builder) -> None:
    """Sentences first: equal as written (cheap), then by key, then words inside changes."""

    def by_words(a: str, b: str) -> None:
        _diff_tokens(a, b, codes, out)

    def by_key(a: list[str], b: list[str]) -> None:
        a_keys = [comparison_key(s, codes.config) for s in a]
        b_keys = [comparison_key(s, codes.config) for s in b]
        _diff_runs(a, b, a_keys, b_keys, by_words, lambda x, y: by_words("".join(x), "".join(y)))

    old_sentences, new_sentences = sentences(old), sentences(new)
    _diff_runs(
        old_sentences,
        new_sentences,
        old_sentences,
        new_sentences,
        lambda a, _: out.equal(a),
        by_key,
    )


def diff_words(old: str, new: str, config: KeyConfig, codes: TokenCodes | None = None) -> WordDiff:
    """The word-level diff of `old` and `new`, compared on comparison keys.

    Pass the same `codes` for every block of one comparison to reuse the token keys.
    """
    if codes is None or codes.config != config:
        codes = TokenCodes(config)
    out = _Builder(config)
    if len(old) + len(new) > LONG_TEXT:
        _diff_sentences(old, new, codes, out)
    else:
        _diff_tokens(old, new, codes, out)
    return out.result()


def changes(segments: Sequence[Segment], config: KeyConfig) -> Iterator[Change]:
    """Group segments for display (as `models.changes`), judging each change afresh from its
    comparison keys: for segments built by hand, without cosmetic flags."""
    return models_changes(flag_cosmetic(segments, config))


def flag_cosmetic(segments: Sequence[Segment], config: KeyConfig) -> tuple[Segment, ...]:
    """`segments` with each change's cosmetic flag set from the comparison keys, grouped as
    renderers group them (a deletion with the insertion right after it, or either alone)."""
    out: list[Segment] = []
    index = 0
    while index < len(segments):
        segment = segments[index]
        if segment.op == "equal":
            out.append(segment)
            index += 1
            continue
        group = [segment]
        index += 1
        if segment.op == "delete" and index < len(segments) and segments[index].op == "insert":
            group.append(segments[index])
            index += 1
        old = "".join(s.text for s in group if s.op == "delete")
        new = "".join(s.text for s in group if s.op == "insert")
        cosmetic = is_cosmetic(old, new, config)
        out.extend(Segment(s.op, s.text, cosmetic) for s in group)
    return tuple(out)
