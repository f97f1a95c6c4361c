"""HTML reader: the article text only (main/article), never navigation, headers or scripts."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from diffdoc.ingest.structure import Draft, assemble
from diffdoc.models import BlockKind, Document, Source

_FURNITURE = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template")
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "pre", "td", "th", "div")
_LAYOUT_SPACE = re.compile(r"[ \t\r\n\f]+")


def _text(element: Tag) -> str:
    for br in element.find_all("br"):
        br.replace_with(" ")
    return _LAYOUT_SPACE.sub(" ", element.get_text()).strip()


def _emphasis(element: Tag, text: str) -> str:
    strong = "".join(_text(t) for t in element.find_all(["b", "strong"]))
    return (
        "strong" if strong and _LAYOUT_SPACE.sub("", strong) == _LAYOUT_SPACE.sub("", text) else ""
    )


def read_html(text: str, *, source: Source | None = None) -> Document:
    """Read the main article of an HTML page into a Document."""
    soup = BeautifulSoup(text, "lxml")
    metadata: dict[str, str] = {}
    if soup.title and soup.title.string and soup.title.string.strip():
        metadata["title"] = _LAYOUT_SPACE.sub(" ", soup.title.string).strip()
    for element in soup.find_all(_FURNITURE):
        element.decompose()
    root = soup.find("main") or soup.find("article") or soup.find(role="main")
    root = root or soup.body or soup
    drafts: list[Draft] = []
    for element in root.find_all(_BLOCKS):
        if not isinstance(element, Tag) or element.find(_BLOCKS):
            continue  # only the innermost blocks: their ancestors would repeat the text
        content = _text(element)
        if not content:
            continue
        kind: BlockKind | None = None
        if element.name == "h1":
            kind = "title" if not any(d.kind == "title" for d in drafts) else "heading"
        elif element.name in ("h2", "h3", "h4", "h5", "h6"):
            kind = "heading"
        elif element.name == "li":
            kind = "list_item"
        drafts.append(Draft(content, kind=kind, emphasis=_emphasis(element, content)))
    return assemble(drafts, metadata=metadata, source=source)
