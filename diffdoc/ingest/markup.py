"""Markdown inline markup removed from text as written: emphasis markers, escapes, links,
footnote references, HTML tags, kramdown attribute lists. The wording itself is untouched.

Footnote references `[^12]` become the bare number ("Change[^6]" -> "Change6"), as a
superscript reads in print and in PDF text layers, so both extractions of one text agree.
Square brackets that are not links stay: in negotiating drafts "[furtherance][pursuit]"
are bracketed options, so `[text][ref]` is a link only when `ref` is defined in the file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection

_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_INLINE_LINK = re.compile(
    r"\[([^\]]+)\]\((?:https?:|mailto:|#|/|\.\.?/)[^)\s]*(?:\s+\"[^\"]*\")?\)"
)
_REF_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]*)\]")
_SHORTCUT_LINK = re.compile(r"\[([^\]\[^]+)\](?![\[(:])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IAL = re.compile(r"\s*\{:[^}]*\}")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_STRONG_ONLY = re.compile(r"^(?:\*\*[^*]+\*\*|__[^_]+__)(?:\s*(?:\*\*[^*]+\*\*|__[^_]+__))*$")
_EM_ONLY = re.compile(r"^(?:\*[^*]+\*|_[^_]+_)(?:\s*(?:\*[^*]+\*|_[^_]+_))*$")
_ESCAPED_PLACEHOLDER = "\x00"
_CODE = re.compile(r"`([^`]*)`")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w\\])(_{1,2})(?=\S)(.+?)(?<=\S)\1(?!\w)")


def emphasis_of(raw: str) -> str:
    """ "strong" when the whole text is bold, "em" when wholly italic, else ""."""
    text = _FOOTNOTE_REF.sub("", raw).strip()
    if _STRONG_ONLY.match(text) or (text.startswith("**") and text.count("*") == 2):
        return "strong"  # also bold opened and never closed ("**Space")
    if _EM_ONLY.match(text):
        return "em"
    return ""


def strip_inline(raw: str, link_refs: Collection[str] = ()) -> str:
    """The text as written, without inline Markdown markup."""
    text = _IAL.sub("", raw)
    text = _CODE.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub(r"\1", text)
    text = _IMAGE.sub(r"\1", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)

    def ref_link(match: re.Match[str]) -> str:
        ref = (match.group(2) or match.group(1)).strip().lower()
        return match.group(1) if ref in link_refs else match.group(0)

    text = _REF_LINK.sub(ref_link, text)

    def shortcut_link(match: re.Match[str]) -> str:
        return match.group(1) if match.group(1).strip().lower() in link_refs else match.group(0)

    text = _SHORTCUT_LINK.sub(shortcut_link, text)
    text = _TAG.sub("", text)
    # Escaped characters are wording; hide them while emphasis markers go.
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return _ESCAPED_PLACEHOLDER

    text = _ESCAPE.sub(hide, text)
    text = text.replace("*", "")
    text = _UNDERSCORE_EMPHASIS.sub(r"\2", text)
    parts = text.split(_ESCAPED_PLACEHOLDER)
    text = parts[0] + "".join(e + p for e, p in zip(escaped, parts[1:], strict=True))
    text = html.unescape(text) if "&" in text else text
    return re.sub(r"[ \t]+", " ", text).strip()
