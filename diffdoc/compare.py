"""The comparison pipeline, start to finish: keys -> paragraph alignment -> word diff -> stats.

Read this module first: every other stage is called from here, in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any

from diffdoc.align import Pairing, align
from diffdoc.models import (
    PARAGRAPH_SEPARATOR,
    BlockChange,
    CompareOptions,
    Comparison,
    Document,
    Segment,
    Stats,
)
from diffdoc.normalize import DEFAULT_KEY, KeyConfig, comparison_key
from diffdoc.segment import count_words
from diffdoc.wordiff import TokenCodes, WordDiff, diff_words, is_cosmetic, punctuation_marks


def compare(old: Document, new: Document, options: CompareOptions | None = None) -> Comparison:
    """Compare two documents: aligned blocks in reading order of `new`, with word diffs.

    A large comparison builds many objects; a caller that owns its process may pause the
    cyclic collector around it (`diffdoc.runtime.gcpause.paused_gc`, as the command does).
    """
    options = options or CompareOptions()
    config = KeyConfig.from_options(options)
    old_texts, new_texts = old.texts, new.texts
    old_keys, new_keys = paragraph_keys(old, config), paragraph_keys(new, config)
    old_match, new_match = unlabelled(old, old_keys), unlabelled(new, new_keys)
    labels: tuple[Sequence[int], Sequence[int]] | None = None
    if options.ignore_labels:  # labels are no part of the key: paragraphs equal without them
        old_keys, new_keys = old_match, new_match
        labels = (label_lengths(old), label_lengths(new))
    match = None if old_match is old_keys and new_match is new_keys else (old_match, new_match)
    pairings = align(old_keys, new_keys, match)
    blocks: list[BlockChange] = []
    inserted = deleted = marks = 0
    codes = TokenCodes(config)
    for pairing in pairings:
        if pairing.op == "equal" and len(pairing.old) == len(pairing.new) == 1:
            text = old_texts[pairing.old[0]]
            if text == new_texts[pairing.new[0]]:  # most blocks: the same paragraph
                blocks.append(
                    BlockChange("equal", pairing.old, pairing.new, (Segment("equal", text),))
                )
                continue
        block, words_in, words_out, marks_changed = _block(
            pairing, old_texts, new_texts, codes, labels
        )
        blocks.append(block)
        inserted += words_in
        deleted += words_out
        marks += marks_changed
    ops = Counter(map(attrgetter("op"), blocks))
    stats = Stats(
        equal=ops["equal"],
        modify=ops["modify"],
        insert=ops["insert"],
        delete=ops["delete"],
        move=ops["move"],
        split=ops["split"],
        merge=ops["merge"],
        words_inserted=inserted,
        words_deleted=deleted,
        punctuation_changed=marks,
    )
    return Comparison(old=old, new=new, options=options, blocks=tuple(blocks), stats=stats)


def compare_files(
    old_path: str | Path,
    new_path: str | Path,
    options: CompareOptions | None = None,
    **read_kwargs: Any,
) -> Comparison:
    """Read two files in any format the readers accept and compare them."""
    from diffdoc.ingest import read_document

    return compare(
        read_document(old_path, **read_kwargs), read_document(new_path, **read_kwargs), options
    )


def paragraph_keys(document: Document, config: KeyConfig) -> list[str]:
    """The comparison key of every block; Block.key is reused when it was built the same way."""
    if config == DEFAULT_KEY:
        return [block.key for block in document.blocks]
    return [comparison_key(block.text, config) for block in document.blocks]


def unlabelled(document: Document, keys: list[str]) -> list[str]:
    """The keys without the paragraph label they start with ("1.", "(a)"), for pairing: a
    paragraph inserted at the top of a numbered text shifts every later number, and the
    renumbered paragraphs must still pair as they stand. `keys` itself when no key has one."""
    found = None
    for index, block in enumerate(document.blocks):
        label, key = block.label, keys[index]
        if label and len(key) > len(label) and key.startswith(label) and key[len(label)] == " ":
            if found is None:
                found = list(keys)
            found[index] = key[len(label) + 1 :]
    return keys if found is None else found


def label_lengths(document: Document) -> list[int]:
    """For each block, how many characters its label and the spaces after it take at the
    start of its text (0 for none): what `--ignore-labels` sets aside."""
    lengths = []
    for block in document.blocks:
        label, text = block.label, block.text
        if label and text.startswith(label):
            lengths.append(len(text) - len(text[len(label) :].lstrip()))
        else:
            lengths.append(0)
    return lengths


def _joined(texts: Sequence[str], indices: tuple[int, ...]) -> str:
    """The paragraphs at `indices` joined; one paragraph (the usual case) without a join."""
    if len(indices) == 1:
        return texts[indices[0]]
    return PARAGRAPH_SEPARATOR.join([texts[i] for i in indices])


def _block(
    pairing: Pairing,
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    codes: TokenCodes,
    labels: tuple[Sequence[int], Sequence[int]] | None = None,
) -> tuple[BlockChange, int, int, int]:
    """The block of one pairing, with words inserted, words deleted and punctuation marks
    changed where no word changed. With `labels` (label lengths per paragraph), the label
    of each side's first paragraph is set aside: shown, but as a cosmetic change."""
    old = _joined(old_texts, pairing.old)
    new = _joined(new_texts, pairing.new)
    if pairing.op in ("insert", "delete"):
        text = new if pairing.op == "insert" else old
        words = count_words(text)
        # A paragraph without a word ("* * *"): its marks count, unless the key ignores it.
        cosmetic = not words and is_cosmetic("", text, codes.config)
        marks = 0 if words or cosmetic else punctuation_marks(text)
        segment = Segment(pairing.op, text, cosmetic)
        if pairing.op == "insert":
            return BlockChange("insert", (), pairing.new, (segment,)), words, 0, marks
        return BlockChange("delete", pairing.old, (), (segment,)), 0, words, marks
    if old == new:
        block = BlockChange(pairing.op, pairing.old, pairing.new, (Segment("equal", old),))
        return block, 0, 0, 0
    if labels is None:
        diff = diff_words(old, new, codes.config, codes)
    else:
        diff = _without_labels(
            old, new, labels[0][pairing.old[0]], labels[1][pairing.new[0]], codes
        )
    if pairing.op == "equal":  # keys are equal: the word counts do not count
        return BlockChange("equal", pairing.old, pairing.new, diff.segments), 0, 0, 0
    block = BlockChange(pairing.op, pairing.old, pairing.new, diff.segments)
    return block, diff.words_inserted, diff.words_deleted, diff.punctuation_changed


def _without_labels(
    old: str, new: str, old_label: int, new_label: int, codes: TokenCodes
) -> WordDiff:
    """The word diff of `old` and `new` after their first `old_label` and `new_label`
    characters (labels), with the labels put back as a cosmetic change (or equal text)."""
    diff = diff_words(old[old_label:], new[new_label:], codes.config, codes)
    old_part, new_part = old[:old_label], new[:new_label]
    rest = list(diff.segments)
    if old_part == new_part:
        head = [Segment("equal", old_part)] if old_part else []
        if head and rest and rest[0].op == "equal":
            head, rest = [Segment("equal", old_part + rest[0].text)], rest[1:]
    elif old_part and new_part:
        head = [Segment("delete", old_part, True), Segment("insert", new_part, True)]
    elif new_part:
        head = [Segment("insert", new_part, True)]
    elif rest and rest[0].op == "insert":  # not before an insertion: they would read as one
        head, rest = [rest[0], Segment("delete", old_part, True)], rest[1:]
    else:
        head = [Segment("delete", old_part, True)]
    segments = tuple(head + rest)
    return WordDiff(segments, diff.words_inserted, diff.words_deleted, diff.punctuation_changed)
