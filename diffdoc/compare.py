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
from diffdoc.wordiff import TokenCodes, diff_words, is_cosmetic, punctuation_marks


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
        block, words_in, words_out, marks_changed = _block(pairing, old_texts, new_texts, codes)
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


def _joined(texts: Sequence[str], indices: tuple[int, ...]) -> str:
    """The paragraphs at `indices` joined; one paragraph (the usual case) without a join."""
    if len(indices) == 1:
        return texts[indices[0]]
    return PARAGRAPH_SEPARATOR.join([texts[i] for i in indices])


def _block(
    pairing: Pairing, old_texts: Sequence[str], new_texts: Sequence[str], codes: TokenCodes
) -> tuple[BlockChange, int, int, int]:
    """The block of one pairing, with words inserted, words deleted and punctuation marks
    changed where no word changed."""
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
    diff = diff_words(old, new, codes.config, codes)
    if pairing.op == "equal":  # keys are equal: the word counts do not count
        return BlockChange("equal", pairing.old, pairing.new, diff.segments), 0, 0, 0
    block = BlockChange(pairing.op, pairing.old, pairing.new, diff.segments)
    return block, diff.words_inserted, diff.words_deleted, diff.punctuation_changed
