"""HTML report: one self-contained page showing both versions side by side.

One context object (`Page`) is built from the Comparison and rendered with the Jinja templates
in diffdoc/report/templates/ (autoescape on, StrictUndefined). The CSS and JavaScript are
inlined, and the Content-Security-Policy allows exactly those two blocks by their SHA-256
hashes: nothing else may load or run, so hostile document text stays text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from diffdoc.models import PARAGRAPH_SEPARATOR, BlockOp, Comparison, Document, MetadataChange
from diffdoc.report.excerpt import change_excerpt
from diffdoc.report.html_lang import document_language
from diffdoc.report.html_rows import OP_NAMES, Item, Piece, Row, RowBuilder, paragraph_label
from diffdoc.report.page import content_security_policy, environment, shorten

COUNTED_OPS: tuple[BlockOp, ...] = ("modify", "insert", "delete", "move", "split", "merge")
EXCERPT = 96  # characters of a row's changes shown in the list of changes


@dataclass(frozen=True, slots=True)
class SideInfo:
    """What the header says about one version."""

    role: str  # "old" or "new"
    title: str
    label: str
    date: str
    closing: str
    source_format: str
    sha256: str
    lang: str  # a BCP 47 tag, "" when unknown (then no lang attribute is written)
    lang_origin: str  # "front matter", "file name", "script" or ""
    paragraphs: int
    note: str  # the document's own note (front matter), e.g. that it is illustrative


@dataclass(frozen=True, slots=True)
class Count:
    """One figure of the header: `value` and what it counts (`label`, in the right number)."""

    op: str
    label: str
    value: int


def _plural(count: int, singular: str, plural: str) -> str:
    return singular if count == 1 else plural


def _counts(comparison: Comparison) -> tuple[Count, ...]:
    """The header's paragraph counts; splits and merges also say how many paragraphs."""
    counts = []
    for op in COUNTED_OPS:
        value = getattr(comparison.stats, op)
        if op in ("split", "merge"):
            blocks = [block for block in comparison.blocks if block.op == op]
            old = sum(len(block.old) for block in blocks)
            new = sum(len(block.new) for block in blocks)
            noun = _plural(value, op, f"{op}s")
            label = (
                f"{noun} ({old} {_plural(old, 'paragraph', 'paragraphs')} into {new})"
                if value
                else noun
            )
        else:
            label = f"{_plural(value, 'paragraph', 'paragraphs')} {OP_NAMES[op]}"
        counts.append(Count(op, label, value))
    return tuple(counts)


@dataclass(frozen=True, slots=True)
class NavItem:
    anchor: str
    number: int
    op: str
    op_name: str
    where: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class NavSection:
    title: str
    anchor: str
    items: tuple[NavItem, ...]


@dataclass(frozen=True, slots=True)
class Assets:
    css: Markup
    js: Markup
    csp: str


@dataclass(frozen=True, slots=True)
class Page:
    """Everything the template shows."""

    title: str
    old: SideInfo
    new: SideInfo
    counts: tuple[Count, ...]
    unchanged: int
    words_inserted: int
    words_deleted: int
    unchanged_share: str
    options: str
    change_total: int
    metadata_changes: tuple[MetadataChange, ...]
    items: tuple[Item, ...]
    nav: tuple[NavSection, ...]
    assets: Assets


@lru_cache(maxsize=1)
def assets() -> Assets:
    """The inline CSS and script, and a CSP that allows exactly them (by hash)."""
    env = environment()
    css = env.get_template("style.css").render()
    js = env.get_template("script.js").render()
    return Assets(Markup(css), Markup(js), content_security_policy([css], [js]))


def _side_info(document: Document, role: str) -> SideInfo:
    source = document.source
    metadata = document.metadata
    closing = next((b.text for b in reversed(document.blocks) if b.kind == "closing"), "")
    language = document_language(document)
    return SideInfo(
        role=role,
        title=document.title,
        label=source.label if source else document.title,
        date=metadata.get("date", ""),
        closing=closing,
        source_format=source.format if source else "",
        sha256=source.sha256 if source else "",
        lang=language.tag,
        lang_origin=language.origin,
        paragraphs=len(document.blocks),
        note=metadata.get("note", ""),
    )


def unchanged_share(comparison: Comparison) -> float:
    """Share of the characters of both versions outside insertions and deletions (0..1).

    Moved paragraphs count as unchanged text; typographic differences in unchanged blocks too.
    """
    old = sum(len(text) for text in comparison.old.texts)
    new = sum(len(text) for text in comparison.new.texts)
    changed = sum(
        len(segment.text.replace(PARAGRAPH_SEPARATOR, ""))
        for block in comparison.blocks
        if block.op != "equal"
        for segment in block.segments
        if segment.op != "equal"
    )
    total = old + new
    return 1.0 if total == 0 else max(0.0, 1.0 - changed / total)


def _percent(share: float) -> str:
    # Rounded down: any change at all shows below 100 %.
    return f"{math.floor(share * 1000) / 10:.1f} %"


def _shorten(text: str) -> str:
    return shorten(text, EXCERPT)


def _excerpt(row: Row) -> str:
    """The changes of a changed row in order (see report.excerpt); the text of a paragraph
    inserted, deleted or moved as a whole."""
    pieces: Sequence[Piece] = [p for paragraph in row.inline for p in paragraph.pieces]
    if row.op in ("modify", "split", "merge"):
        excerpt = change_excerpt(_paragraph_pieces(row), EXCERPT)
        if excerpt:
            return excerpt
    return _shorten("".join(p.text for p in pieces if p.kind != "del") or pieces[0].text)


def _paragraph_pieces(row: Row) -> list[tuple[str, str]]:
    """The pieces of a row's inline paragraphs, a paragraph break between them (unchanged)."""
    pieces: list[tuple[str, str]] = []
    for index, paragraph in enumerate(row.inline):
        if index:
            pieces.append(("", "\n\n"))
        pieces.extend((piece.kind, piece.text) for piece in paragraph.pieces)
    return pieces


def _where(row: Row) -> str:
    if row.op == "delete":
        return f"old {paragraph_label([p.number for p in row.old])}"
    return paragraph_label([p.number for p in row.new])


_BARE_NUMBER = re.compile(r"(?:[IVXLCDM]+|[0-9]+)\.?", re.IGNORECASE)


def _section_title(section: str | None) -> str:
    """`Section I` for a bare number; a heading that names itself (`Article 1`) as it is."""
    if not section:
        return "Opening"
    return f"Section {section}" if _BARE_NUMBER.fullmatch(section.strip()) else section


def _navigation(items: Sequence[Item], section_anchors: dict[str, str]) -> tuple[NavSection, ...]:
    sections: list[tuple[str | None, list[NavItem]]] = []
    for item in items:
        if isinstance(item, Row) and item.kind == "change":
            if not sections or sections[-1][0] != item.section:
                sections.append((item.section, []))
            entry = NavItem(
                item.anchor, item.number, item.op, OP_NAMES[item.op], _where(item), _excerpt(item)
            )
            sections[-1][1].append(entry)
    return tuple(
        NavSection(
            _section_title(section),
            section_anchors.get(section, "") if section else "",
            tuple(entries),
        )
        for section, entries in sections
    )


def _options(comparison: Comparison) -> str:
    options = comparison.options
    chosen = [
        name
        for name, on in (
            ("--strict", options.strict),
            ("--ignore-case", options.ignore_case),
            ("--ignore-punctuation", options.ignore_punctuation),
        )
        if on
    ]
    return " ".join(chosen) if chosen else "default (typographic variants are not changes)"


def build_page(comparison: Comparison) -> Page:
    """The context object of the report."""
    builder = RowBuilder(comparison)
    items = tuple(builder.items())
    stats = comparison.stats
    old, new = _side_info(comparison.old, "old"), _side_info(comparison.new, "new")
    return Page(
        title=f"Comparison of {old.label} and {new.label}",
        old=old,
        new=new,
        counts=_counts(comparison),
        unchanged=stats.equal,
        words_inserted=stats.words_inserted,
        words_deleted=stats.words_deleted,
        unchanged_share=_percent(unchanged_share(comparison)),
        options=_options(comparison),
        change_total=builder.change_count,
        metadata_changes=comparison.metadata_changes,
        items=items,
        nav=_navigation(items, builder.anchors.by_section),
        assets=assets(),
    )


def render(comparison: Comparison, **options: Any) -> str:
    """The comparison as one self-contained HTML page."""
    return environment().get_template("report.html").render(page=build_page(comparison))
