"""HTML reader: the article text only (main/article), never navigation, headers or scripts.

Every piece of text in the article comes out, in order: each block element (p, li, td,
blockquote, div...) starts a new block, and text lying loose beside child blocks
(`<div>Intro text.<p>Para</p></div>`, `<body>Text</body>`) is a block of its own.

Page furniture goes by tag (nav, header, footer, aside, script...), by ARIA role, by an id or
class naming it (menu, nav, footer, breadcrumb, sidebar, cookie, share...) and, for lists,
by link density: a list whose text is nearly all links is a menu.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
)

from diffdoc.ingest.structure import Emphasis, RawParagraph, assemble
from diffdoc.models import BlockKind, Document, Source

_FURNITURE = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template")
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_FURNITURE_WORDS = frozenset(
    {
        *("menu", "menus", "nav", "navbar", "navigation", "footer", "header", "masthead"),
        *("breadcrumb", "breadcrumbs", "sidebar", "cookie", "cookies", "consent"),
        *("share", "sharing", "social", "skip", "toolbar", "pagination"),
    }
)
_NAME_WORDS = re.compile(r"[^a-z0-9]+")
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd"),
        *("details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main"),
        *("menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot"),
        *("th", "thead", "tr", "ul"),
    }
)
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_HEADING_TAG = re.compile(r"h[1-6]")
_LAYOUT_SPACE = re.compile(r"[ \t\r\n\f]+")
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# A list is a menu when this share of its text, or more, is link text.
_LINK_DENSITY = 0.8


def _text(element: Tag) -> str:
    return _LAYOUT_SPACE.sub(" ", element.get_text(" ")).strip()


@dataclass
class _Counts:
    """What furniture detection needs to know about everything under one element."""

    has_h1: bool = False  # an <h1> below it
    items: int = 0  # <li> elements below it
    text: int = 0  # characters of text other than layout space
    links: int = 0  # of those, characters inside <a>


def _subtree_counts(top: Tag) -> dict[int, _Counts]:
    """The counts of every tag under `top` (by id), in one pass over the tree: asking each
    element for its own h1 or links would walk its subtree again, quadratic in the depth."""
    counts: dict[int, _Counts] = {}
    order: list[Tag] = []
    todo: list[Tag] = [top]
    while todo:  # depth-first without recursion; parents before children in `order`
        tag = todo.pop()
        order.append(tag)
        counts[id(tag)] = _Counts()
        todo.extend(child for child in tag.contents if isinstance(child, Tag))
    for tag in reversed(order):  # children before parents
        own = counts[id(tag)]
        for child in tag.contents:
            if isinstance(child, Tag):
                sub = counts[id(child)]
                own.has_h1 = own.has_h1 or sub.has_h1 or child.name == "h1"
                own.items += sub.items + (child.name == "li")
                own.text += sub.text
                own.links += sub.text if child.name == "a" else sub.links
            elif isinstance(child, NavigableString) and not isinstance(child, _NOT_TEXT):
                own.text += len(_LAYOUT_SPACE.sub("", str(child)))
    return counts


def _named_furniture(element: Tag, counts: _Counts) -> bool:
    role = str(element.get("role") or "").lower()
    if role in _FURNITURE_ROLES:
        return True
    classes: object = element.get("class") or []
    names = [str(element.get("id") or ""), *(classes if isinstance(classes, list) else [classes])]
    words = {w for name in names for w in _NAME_WORDS.split(str(name).lower()) if w}
    return bool(words & _FURNITURE_WORDS) and not counts.has_h1


def _link_list(element: Tag, counts: _Counts) -> bool:
    if element.name not in ("ul", "ol") or counts.items < 2:
        return False
    return bool(counts.text) and counts.links >= _LINK_DENSITY * counts.text


def _remove_furniture(soup: BeautifulSoup, root: Tag | None) -> None:
    """Drop furniture tags, then named furniture and link lists outside the article `root`,
    walking the tree once from the top: a dropped element's contents are not visited, nor
    the article's (its own lists and boxes are wording), nor `root`'s ancestors."""
    for element in soup.find_all(_FURNITURE):
        element.decompose()
    counts = _subtree_counts(soup)
    around_root = set() if root is None else {id(root), *(id(tag) for tag in root.parents)}
    todo: list[Tag] = [soup]
    while todo:
        element = todo.pop()
        if root is not None and element is root:
            continue
        if id(element) not in around_root and (
            _named_furniture(element, counts[id(element)])
            or _link_list(element, counts[id(element)])
        ):
            element.decompose()
            continue
        todo.extend(child for child in reversed(element.contents) if isinstance(child, Tag))


@dataclass
class _Block:
    """The text collected for one block so far, and how much of it is bold."""

    kind: BlockKind | None
    level: int | None = None  # <h1>..<h6>
    pieces: list[str] = field(default_factory=list)
    plain: int = 0
    head: list[str] = field(default_factory=list)  # the text before the first plain words
    bold_head: bool = False  # ... and some of it was bold


def _kind(name: str, inherited: BlockKind | None, seen_title: bool) -> BlockKind | None:
    if name == "h1":
        return "heading" if seen_title else "title"
    if name in _HEADINGS:
        return "heading"
    if name == "li":
        return "list_item"
    return inherited


def _drafts(root: Tag) -> list[RawParagraph]:
    drafts: list[RawParagraph] = []
    titles: list[RawParagraph] = []
    stack: list[_Block] = [_Block(None)]

    def flush() -> None:
        block = stack[-1]
        text = _LAYOUT_SPACE.sub(" ", "".join(block.pieces)).strip()
        if text:
            strong = block.plain == 0
            emphasis: Emphasis = "strong" if strong else ""
            head = _LAYOUT_SPACE.sub(" ", "".join(block.head)).strip()
            drafts.append(
                RawParagraph(
                    text,
                    kind=block.kind,
                    emphasis=emphasis,
                    level=block.level,
                    run_in=head if block.bold_head and block.plain else None,
                )
            )
            if block.kind == "title" and not titles:
                titles.append(drafts[-1])  # the first title: later <h1>s are headings
        block.pieces.clear()
        block.plain = 0
        block.head.clear()
        block.bold_head = False

    # Walk without recursion (deeply nested pages): ("open", tag), ("close", tag), ("text", s).
    todo: list[tuple[str, PageElement]] = [("open", root)]
    bold = 0
    while todo:
        action, node = todo.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, _NOT_TEXT):
                current = stack[-1]
                current.pieces.append(str(node))
                if not bold and str(node).strip():
                    current.plain += 1
                elif not current.plain:  # still in the bold words that open the block
                    current.head.append(str(node))
                    current.bold_head = current.bold_head or bool(bold and str(node).strip())
            continue
        if not isinstance(node, Tag):
            continue
        if action == "close":
            if node.name in _BLOCKS:
                flush()
                stack.pop()
            elif node.name in ("b", "strong"):
                bold -= 1
            continue
        if node.name == "br":
            stack[-1].pieces.append(" ")
            continue
        if node.name in _BLOCKS:
            flush()
            level = int(node.name[1]) if _HEADING_TAG.fullmatch(node.name) else stack[-1].level
            stack.append(_Block(_kind(node.name, stack[-1].kind, bool(titles)), level))
        elif node.name in ("b", "strong"):
            bold += 1
        todo.append(("close", node))
        todo.extend(("child", child) for child in reversed(node.contents))
    flush()
    return drafts


def read_html(text: str, *, source: Source | None = None) -> Document:
    """Read the main article of an HTML page into a Document."""
    with warnings.catch_warnings():
        # Advice for programmers ("looks like a URL", "XML parsed as HTML"), not about the file.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml")
    metadata: dict[str, str] = {}
    if soup.title and soup.title.string and soup.title.string.strip():
        metadata["title"] = _LAYOUT_SPACE.sub(" ", soup.title.string).strip()
    if soup.head is not None:
        soup.head.decompose()
    root = soup.find("main") or soup.find("article") or soup.find(role="main")
    root_tag = root if isinstance(root, Tag) else None
    _remove_furniture(soup, root_tag)
    start = root_tag or soup.body or soup
    return assemble(_drafts(start), metadata=metadata, source=source)
