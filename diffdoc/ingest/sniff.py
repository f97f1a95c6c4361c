"""Which reader a file needs, from its first bytes, its extension and its text."""

from __future__ import annotations

import re
from pathlib import PurePath

from diffdoc.docformat import is_normalized

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".dnorm": "normalized",
}
# Signs of Markdown in a file without a Markdown extension. A "- " list is not one: plain
# text has lists too.
_MARKDOWN_SIGNS = re.compile(
    r"\A---[ \t]*\n|^#{1,6}[ \t]|^\[\^[^\]]+\]:|^\{:|\*\*\S|\\[\[\].*_#]",
    re.MULTILINE,
)
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!DOCTYPE\s+html|html|head|body)\b", re.I | re.S
)


def sniff_binary(data: bytes, name: str = "") -> str | None:
    """ "pdf" or "docx" from magic bytes; "zip" for other ZIP files; else None.

    A ZIP file named .docx is "docx" even when its parts are unreadable: the DOCX reader then
    says it is a corrupt DOCX file, which is the problem to report.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if PurePath(name).suffix.lower() == ".docx":
            return "docx"
        return (
            "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:4096] else "zip"
        )
    return None


def is_normalized_text(text: str) -> bool:
    """`docformat.is_normalized`, judging the first line from the text's start only (it
    copies the rest of a large text otherwise)."""
    head = text[:4096]
    return is_normalized(head if "\n" in head else text)


def sniff_text(text: str, name: str) -> str:
    """ "normalized", "html", "markdown" or "text" for decoded text, extension first."""
    if is_normalized_text(text):
        return "normalized"
    by_extension = _EXTENSIONS.get(PurePath(name).suffix.lower())
    if by_extension in ("markdown", "html"):
        return by_extension
    if _HTML_START.match(text[:4096]):
        return "html"
    if _MARKDOWN_SIGNS.search(text[:20000]):
        return "markdown"
    return "text"
