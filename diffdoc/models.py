"""Frozen data shared by every stage of diffdoc. Imports nothing from diffdoc.

Data flows one way: read -> normalize -> segment -> align -> word diff -> Comparison -> render.
Every stage returns these values; renderers turn them into text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal[
    "title",  # the document's title
    "heading",  # a section heading: "I", "Article 5", "Part II", "## Preamble"
    "paragraph",  # running text
    "list_item",  # an item of a list: "(a) ...", "- ..."
    "closing",  # the closing place and date: "St. Petersburg, June 7, 2002"
    "footnote",  # a footnote's text ("[^3]: ..."), kept apart from the body
    "note",  # editorial matter that is not part of the negotiated text
]

BLOCK_KINDS: tuple[BlockKind, ...] = (
    "title",
    "heading",
    "paragraph",
    "list_item",
    "closing",
    "footnote",
    "note",
)


@dataclass(frozen=True)
class Block:
    """One paragraph-level unit of a document.

    `text` is the wording as written (hard wraps joined, page furniture removed, markup
    stripped); it is what readers see and is never rewritten. `key` is the comparison key
    derived from it (NFC, whitespace folded, typographic variants unified) that matching uses.
    """

    kind: BlockKind
    text: str
    key: str
    section: str | None = None
    label: str | None = None
    level: int | None = None  # a title's or heading's level in the source (1-6), when it says
    # A bold run-in head opening the paragraph (`**Climate.** We agree ...`): its length in
    # characters of `text`, when the source marks one.
    run_in: int | None = None


@dataclass(frozen=True)
class Source:
    """Where a document came from: a display label and the sha256 of the input bytes."""

    label: str
    sha256: str
    format: str = "text"
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Document:
    """A normalized document: a title, metadata and blocks in reading order."""

    title: str
    blocks: tuple[Block, ...]
    metadata: Mapping[str, str] = field(default_factory=dict)
    source: Source | None = None

    @property
    def texts(self) -> list[str]:
        """The text as written of every block, in order."""
        return [block.text for block in self.blocks]


# --- comparison -------------------------------------------------------------------------------

BlockOp = Literal["equal", "modify", "insert", "delete", "move", "split", "merge"]
BLOCK_OPS: tuple[BlockOp, ...] = ("equal", "modify", "insert", "delete", "move", "split", "merge")

SegmentOp = Literal["equal", "insert", "delete"]

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Segment:
    """A run of text that is equal on both sides, only in the old text, or only in the new.

    `cosmetic` marks a deletion or insertion whose change (the deletion with the insertion
    right after it, or either alone) leaves the comparison key as it was: typography only,
    or what --ignore-case/--ignore-punctuation ignore. The word diff sets it; renderers show
    such a change as the new text, or subtly.
    """

    op: SegmentOp
    text: str
    cosmetic: bool = False


@dataclass(frozen=True)
class Change:
    """A run of a block's segments for display: unchanged text, or the old and new text of
    one change (`cosmetic` when the segments say it changes no key)."""

    kind: Literal["equal", "change", "cosmetic"]
    old: str
    new: str


def changes(segments: Sequence[Segment]) -> Iterator[Change]:
    """Group segments for display: equal text, and each deletion with the insertion right
    after it (or either alone) as one change."""
    index = 0
    while index < len(segments):
        segment = segments[index]
        if segment.op == "equal":
            yield Change("equal", segment.text, segment.text)
            index += 1
            continue
        old = new = ""
        if segment.op == "delete":
            old = segment.text
            index += 1
            if index < len(segments) and segments[index].op == "insert":
                new = segments[index].text
                index += 1
        else:
            new = segment.text
            index += 1
        yield Change("cosmetic" if segment.cosmetic else "change", old, new)


@dataclass(frozen=True)
class BlockChange:
    """One aligned unit: old paragraph indices, new paragraph indices and their word diff.

    Joining the `equal` and `delete` segments gives the old paragraphs joined by
    PARAGRAPH_SEPARATOR; joining `equal` and `insert` gives the new ones likewise.
    """

    op: BlockOp
    old: tuple[int, ...]
    new: tuple[int, ...]
    segments: tuple[Segment, ...]

    @property
    def old_text(self) -> str:
        """The old side rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op != "insert")

    @property
    def new_text(self) -> str:
        """The new side rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op != "delete")


@dataclass(frozen=True)
class CompareOptions:
    """What counts as a difference."""

    strict: bool = False  # typographic variants (quotes, dashes, no-break spaces) count
    ignore_case: bool = False
    ignore_punctuation: bool = False


@dataclass(frozen=True)
class Stats:
    """Counts of blocks by op, and of words inserted and deleted."""

    equal: int = 0
    modify: int = 0
    insert: int = 0
    delete: int = 0
    move: int = 0
    split: int = 0
    merge: int = 0
    words_inserted: int = 0
    words_deleted: int = 0
    # Punctuation marks changed in changes that touch no word (`,` deleted and `.` -> `;`
    # are 2): word counts miss these, though they are differences. Not in the JSON contract.
    punctuation_changed: int = 0

    @property
    def changed(self) -> bool:
        """True when there is any wording difference. A split or merge that changes no word
        is layout (a paragraph break added or removed) and does not count; a move does, as
        the order of the text changed."""
        return any((self.modify, self.insert, self.delete, self.move)) or bool(
            self.words_inserted or self.words_deleted
        )


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two documents: blocks in reading order of the new text."""

    old: Document
    new: Document
    options: CompareOptions
    blocks: tuple[BlockChange, ...]
    stats: Stats

    @property
    def metadata_changes(self) -> tuple[MetadataChange, ...]:
        """The metadata keys whose value differs between the versions (front matter, an HTML
        title, DOCX properties, what a corpus records), old keys first, in their order."""
        return metadata_changes(self.old.metadata, self.new.metadata)


@dataclass(frozen=True)
class MetadataChange:
    """One metadata key changed, added (`old` None) or removed (`new` None)."""

    key: str
    old: str | None
    new: str | None


def metadata_changes(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[MetadataChange, ...]:
    """What differs between two metadata mappings, old keys first, then keys only in `new`."""
    keys = list(old) + [key for key in new if key not in old]
    return tuple(
        MetadataChange(key, old.get(key), new.get(key))
        for key in keys
        if old.get(key) != new.get(key)
    )
