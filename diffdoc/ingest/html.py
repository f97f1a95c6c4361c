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
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
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


def _named_furniture(element: Tag) -> bool:
    role = str(element.get("role") or "").lower()
    if role in _FURNITURE_ROLES:
        return True
    classes: object = element.get("class") or []
    names = [str(element.get("id") or ""), *(classes if isinstance(classes, list) else [classes])]
    words = {w for name in names for w in _NAME_WORDS.split(str(name).lower()) if w}
    return bool(words & _FURNITURE_WORDS) and element.find("h1") is None


def _link_list(element: Tag) -> bool:
    if element.name not in ("ul", "ol") or len(element.find_all("li")) < 2:
        return False
    text = _LAYOUT_SPACE.sub("", element.get_text())
    links = "".join(_LAYOUT_SPACE.sub("", a.get_text()) for a in element.find_all("a"))
    return bool(text) and len(links) >= _LINK_DENSITY * len(text)


def _remove_furniture(soup: BeautifulSoup, root: Tag | None) -> None:
    for element in soup.find_all(_FURNITURE):
        element.decompose()
    around_root = [] if root is None else [root, *root.parents]
    for element in soup.find_all(True):
        if not isinstance(element, Tag) or element.decomposed:
            continue
        if root is not None and any(parent is root for parent in element.parents):
            continue  # inside the article: its own lists and boxes are wording
        if any(element is tag for tag in around_root):
            continue
        if _named_furniture(element) or _link_list(element):
            element.decompose()


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
            seen_title = any(d.kind == "title" for d in drafts)
            level = int(node.name[1]) if _HEADING_TAG.fullmatch(node.name) else stack[-1].level
            stack.append(_Block(_kind(node.name, stack[-1].kind, seen_title), level))
        elif node.name in ("b", "strong"):
            bold += 1
        todo.append(("close", node))
        todo.extend(("child", child) for child in reversed(node.contents))
    flush()
    return drafts


def read_html(text: str, *, source: Source | None = None) -> Document:
    """Read the main article of an HTML page into a Document."""
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
