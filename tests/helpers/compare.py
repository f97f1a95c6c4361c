"""Build Documents from paragraph strings, for differ tests that need no reader."""

from __future__ import annotations

from collections.abc import Sequence

from diffdoc.ingest.wording import find_label
from diffdoc.models import PARAGRAPH_SEPARATOR, Block, Comparison, Document
from diffdoc.normalize import comparison_key


def document(paragraphs: Sequence[str], title: str = "test", labelled: bool = False) -> Document:
    """A Document whose blocks are `paragraphs`, keyed with the default comparison key;
    `labelled`: each block's label found as the readers find it ("1.", "(a)")."""
    blocks = tuple(
        Block("paragraph", text, comparison_key(text), label=find_label(text) if labelled else None)
        for text in paragraphs
    )
    return Document(title=title, blocks=blocks)


def check_contract(comparison: Comparison) -> None:
    """Assert the invariants every comparison keeps: rebuild, coverage, reading order."""
    old_texts, new_texts = comparison.old.texts, comparison.new.texts
    seen_old: list[int] = []
    seen_new: list[int] = []
    for block in comparison.blocks:
        assert block.old_text == PARAGRAPH_SEPARATOR.join(old_texts[i] for i in block.old)
        assert block.new_text == PARAGRAPH_SEPARATOR.join(new_texts[j] for j in block.new)
        seen_old += block.old
        seen_new += block.new
    assert sorted(seen_old) == list(range(len(old_texts)))
    assert sorted(seen_new) == list(range(len(new_texts)))
    assert seen_new == sorted(seen_new), "blocks must follow the new text's reading order"
