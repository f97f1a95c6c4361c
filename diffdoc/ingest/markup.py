"""Markdown inline markup removed from text as written: emphasis markers, escapes, links,
footnote references, harmless inline HTML tags, kramdown attribute lists. The wording itself
is untouched.

Footnote references `[^12]` become the bare number ("Change[^6]" -> "Change6"), as a
superscript reads in print and in PDF text layers, so both extractions of one text agree.
Square brackets that are not links stay: in negotiating drafts "[furtherance][pursuit]"
are bracketed options, so `[text][ref]` is a link only when `ref` is defined in the file.

Only real emphasis markers go: `*` and `_` delimiter runs are matched by CommonMark's
flanking rules, so "2*3", "5 * 3 = 15" and "Resolution 80/3*" keep their asterisks. Only
known inline tags (<br>, <sup>, <span>...) are removed; any other tag-like text such as
"<see annex>" is wording and stays as written.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from diffdoc.ingest.wrap import BOLD_LINE

_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_INLINE_LINK = re.compile(
    r"\[([^\]]+)\]\((?:https?:|mailto:|#|/|\.\.?/)[^)\s]*(?:\s+\"[^\"]*\")?\)"
)
_REF_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]*)\]")
_SHORTCUT_LINK = re.compile(r"\[([^\]\[^]+)\](?![\[(:])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Inline tags that only style or link their content: removed, the content kept. Any other
# tag-like text ("<see annex>", "<img onerror=...>") is kept as written.
_INLINE_TAGS = (
    "a|abbr|b|bdi|bdo|big|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span"
    "|strike|strong|sub|sup|time|tt|u|var|wbr"
)
_TAG = re.compile(
    rf"(?<!\\)</?(?:{_INLINE_TAGS})(?:\s+[A-Za-z_:][-\w:.]*"
    r"(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.IGNORECASE,
)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_IAL = re.compile(r"\s*\{:[^}]*\}")
_BOLD = BOLD_LINE.pattern.removeprefix("^").removesuffix("$")
_STRONG_ONLY = re.compile(rf"^{_BOLD}(?:\s*{_BOLD})*$")
_EM_ONLY = re.compile(r"^(?:\*[^*]+\*|_[^_]+_)(?:\s*(?:\*[^*]+\*|_[^_]+_))*$")
_CODE = re.compile(r"`([^`]*)`")
_LEADING_LABEL = re.compile(r"\s*(?:\(?[0-9A-Za-z]{1,4}[.)]\s+)?")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


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
    if "<" in text:
        text = _COMMENT.sub("", text)
        text = _BR.sub(" ", text)
        text = _TAG.sub("", text)
    text = strip_emphasis(text)
    text = html.unescape(text) if "&" in text else text
    return re.sub(r"[ \t]+", " ", text).strip()


@dataclass
class _Run:
    """A run of `*` or `_`; `count` falls as its characters are matched as emphasis."""

    char: str
    length: int
    count: int
    can_open: bool
    can_close: bool


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _run(text: str, start: int, end: int) -> _Run:
    """The delimiter run text[start:end] with CommonMark's flanking rules applied, eased for
    the loose markup of converted documents (see `strip_emphasis`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace() and (
        not _is_punctuation(after) or before.isspace() or _is_punctuation(before)
    )
    right = not before.isspace() and (
        not _is_punctuation(before) or after.isspace() or _is_punctuation(after)
    )
    char = text[start]
    if char == "*" and end - start >= 2:  # "**Option 3:**Building"
        left, right = left or not after.isspace(), right or not before.isspace()
    if char == "*" and end - start >= 2 and not text[:start].strip():  # "** Space-related"
        left = left or not text[end:].isspace()
    if char == "*" and not text[end:].strip():  # "... (RESERVATIONS) *"
        right = right or bool(text[:start].strip())
    if char == "_":  # no intraword emphasis with underscores: snake_case_names stay
        can_open = left and (not right or _is_punctuation(before))
        can_close = right and (not left or _is_punctuation(after))
    else:
        can_open, can_close = left, right
    return _Run(char, end - start, end - start, can_open, can_close)


def _match_emphasis(runs: list[_Run]) -> None:
    """Lower each run's count by the characters used as emphasis (CommonMark's algorithm)."""
    openers: list[_Run] = []
    for closer in runs:
        while closer.can_close and closer.count:
            index = next(
                (
                    i
                    for i in range(len(openers) - 1, -1, -1)
                    if openers[i].char == closer.char
                    and not (
                        (openers[i].can_close or closer.can_open)
                        and (openers[i].length + closer.length) % 3 == 0
                        and (openers[i].length % 3 or closer.length % 3)
                    )
                ),
                None,
            )
            if index is None:
                break
            opener = openers[index]
            used = 2 if opener.count >= 2 and closer.count >= 2 else 1
            opener.count -= used
            closer.count -= used
            del openers[index + 1 :]  # runs between them stay literal
            if not opener.count:
                openers.pop()
        if closer.can_open and closer.count:
            openers.append(closer)


def strip_emphasis(text: str) -> str:
    """`text` without the `*`/`_` that mark emphasis and with backslash escapes resolved;
    unmatched and non-flanking `*` and `_` are wording and stay.

    CommonMark's rules, eased where converted documents are loose and a literal asterisk is
    unlikely: `**` needs only a non-space on its inner side ("**Option 3:**Building"); a `*`
    at the start of the text may open and one at its end may close with a space inside
    ("*Differentiation modulator. *"); and emphasis opened at the start of the text and never
    closed ("**Space", "3. *Consultative period") is removed, as is any unmatched `**` (bold
    markup broken in conversion: "[support]** countries ... **[CMA"); only single `*` and
    `_` are ever wording.
    """
    if "*" not in text and "_" not in text and "\\" not in text:
        return text
    pieces: list[str | _Run] = []
    start = index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
            pieces += [text[start:index], text[index + 1]]
            index += 2
            start = index
        elif char in "*_":
            end = index
            while end < len(text) and text[end] == char:
                end += 1
            pieces += [text[start:index], _run(text, index, end)]
            index = start = end
        else:
            index += 1
    pieces.append(text[start:])
    runs = [piece for piece in pieces if isinstance(piece, _Run)]
    _match_emphasis(runs)
    first = runs[0] if runs else None
    if (
        first is not None
        and first.char == "*"
        and first.can_open
        and first.count == first.length
        and _LEADING_LABEL.fullmatch(
            "".join(p for p in pieces[: pieces.index(first)] if isinstance(p, str))
        )
    ):
        first.count = 0  # opened at the start, never closed
    for run in runs:
        if run.char == "*" and run.length >= 2:
            run.count = 0  # a stray "**" of broken bold: never wording in these texts
    return "".join(p if isinstance(p, str) else p.char * p.count for p in pieces)
