"""What every HTML page of diffdoc shares: the one Jinja environment over the templates shipped
in the package, the Content-Security-Policy that allows a page's own inline style and script
by hash and nothing else, and the helpers that shorten text for headings and lists.

Used by the side-by-side report (diffdoc.report.html) and the evolution page of a series
(diffdoc.drafts.evolution). Autoescape is on and undefined names are errors in every template.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape


def lang_attribute(tag: str) -> Markup:
    """` lang="…"` for a known language; nothing at all for an unknown one (never lang="")."""
    return Markup(' lang="{}"').format(escape(tag)) if tag else Markup("")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment over the templates shipped in the package (one per process)."""
    env = Environment(
        loader=PackageLoader("diffdoc.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["lang_attribute"] = lang_attribute
    return env


def sha256_source(text: str) -> str:
    """A CSP source that allows exactly this inline text: `'sha256-…'`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(styles: Sequence[str], scripts: Sequence[str] = ()) -> str:
    """A policy that allows the page's own inline styles and scripts (by hash) and nothing
    else: no request of any kind, images only as data: URLs, no forms, no base URL."""
    rules = ["default-src 'none'", "style-src " + " ".join(map(sha256_source, styles))]
    if scripts:
        rules.append("script-src " + " ".join(map(sha256_source, scripts)))
    rules += ["img-src data:", "base-uri 'none'", "form-action 'none'"]
    return "; ".join(rules)


def flatten(text: str) -> str:
    """`text` on one line: every run of whitespace (line and paragraph breaks) one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int, *, tidy: bool = True) -> str:
    """`text` flattened and cut to `limit` characters, an ellipsis last (`tidy`: without the
    spaces before it)."""
    flat = flatten(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rstrip() if tidy else cut) + "…"


def shorten_words(text: str, limit: int) -> str:
    """`text` flattened and cut to at most `limit` characters at a space, an ellipsis last:
    a word is never cut in half (text without spaces, such as Chinese, is cut anywhere)."""
    flat = flatten(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2 and not flat[limit - 1].isspace():
        cut = cut[:space]
    return cut.rstrip() + "…"
