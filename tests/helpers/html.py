"""Hand-built comparisons and HTML parsing helpers for the HTML report tests."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from bs4 import BeautifulSoup, Tag

from diffdoc.models import (
    Block,
    BlockChange,
    BlockKind,
    CompareOptions,
    Comparison,
    Document,
    Segment,
    Source,
    Stats,
)
from diffdoc.normalize import comparison_key


def doc(
    blocks: Sequence[tuple[BlockKind, str, str | None]],
    label: str,
    metadata: Mapping[str, str] | None = None,
) -> Document:
    """A Document from (kind, text, section) triples, with a source label and a fixed hash."""
    built = tuple(
        Block(kind, text, comparison_key(text), section) for kind, text, section in blocks
    )
    title = next((text for kind, text, _ in blocks if kind == "title"), label)
    return Document(title, built, dict(metadata or {}), Source(label, "ab" * 32, "markdown"))


def eq(i: int, j: int, text: str) -> BlockChange:
    return BlockChange("equal", (i,), (j,), (Segment("equal", text),))


def stats_of(blocks: Sequence[BlockChange], words_inserted: int, words_deleted: int) -> Stats:
    ops = Counter(block.op for block in blocks)
    return Stats(
        **{op: ops[op] for op in ("equal", "modify", "insert", "delete", "move", "split", "merge")},
        words_inserted=words_inserted,
        words_deleted=words_deleted,
    )


def comparison(
    old: Document, new: Document, blocks: Sequence[BlockChange], words: tuple[int, int]
) -> Comparison:
    """A Comparison of hand-built blocks; checks that the segments rebuild both sides."""
    for block in blocks:
        assert block.old_text == "\n\n".join(old.texts[i] for i in block.old), block
        assert block.new_text == "\n\n".join(new.texts[j] for j in block.new), block
    return Comparison(old, new, CompareOptions(), tuple(blocks), stats_of(blocks, *words))


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def ids(soup: BeautifulSoup) -> list[str]:
    return [str(tag["id"]) for tag in soup.find_all(id=True)]


def tag(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert isinstance(found, Tag), f"no element matches {selector}"
    return found


def must(node: object) -> Tag:
    """`node` as a Tag, failing the test when the lookup that produced it found nothing."""
    assert isinstance(node, Tag), f"expected an element, found {node!r}"
    return node


_STYLE_OR_SCRIPT = re.compile(r"(<(style|script)>).*?(</\2>)", re.DOTALL)
_HASH = re.compile(r"sha256-[A-Za-z0-9+/=]+")


def without_assets(html: str) -> str:
    """The page with the inline CSS and script (and their hashes) left out, for golden files:
    they test the markup; the assets are tested in the browser and by the CSP test."""
    return _HASH.sub("sha256-…", _STYLE_OR_SCRIPT.sub(r"\1…\3", html))
