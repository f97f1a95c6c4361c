"""Document ids and version labels: checked before any of them becomes a folder name.

An id or label is a single path component that is safe on every common file system, cannot be
mistaken for a reference (`@`, `~`, a bare number, `latest`) and never climbs out of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from diffdoc.errors import CorpusError

MAX_NAME_LENGTH = 100

_ALLOWED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Names Windows reserves for devices, with or without an extension ("con", "nul.txt").
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "clock$", "conin$", "conout$"]
    + [f"com{n}" for n in "0123456789"]
    + [f"lpt{n}" for n in "0123456789"]
)
# Words that references give a meaning to: a label spelled like them could never be named.
_REF_WORDS = frozenset(["latest"])
# File names a document folder uses beside its version folders (store.DOCUMENT_FILE); a label
# spelled like one (in any case: case-insensitive file systems) would collide with it.
DOCUMENT_FOLDER_FILES = frozenset(["document.json"])


class InvalidNameError(CorpusError):
    """A document id or version label that cannot be stored safely."""

    def __init__(self, what: str, name: str, problem: str) -> None:
        self.what = what
        self.name = name
        self.problem = problem
        super().__init__(f"invalid {what} {name!r}: {problem}")


def _check(what: str, name: str) -> str:
    if not name:
        raise InvalidNameError(what, name, "it is empty")
    if _CONTROL.search(name):
        raise InvalidNameError(what, name, "it contains a control character")
    if "/" in name or "\\" in name:
        raise InvalidNameError(what, name, "it contains a path separator")
    if ".." in name:
        raise InvalidNameError(what, name, "it contains '..'")
    if "@" in name or "~" in name:
        raise InvalidNameError(what, name, "'@' and '~' are reserved for references")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidNameError(what, name, f"it is longer than {MAX_NAME_LENGTH} characters")
    if not _ALLOWED.match(name):
        raise InvalidNameError(
            what,
            name,
            "use ASCII letters, digits, '.', '_' and '-', starting with a letter or digit",
        )
    if name.endswith("."):
        raise InvalidNameError(what, name, "it ends with '.'")
    if name.split(".", 1)[0].lower() in _RESERVED:
        raise InvalidNameError(what, name, "it is a reserved device name on Windows")
    return name


def check_doc_id(doc_id: str) -> str:
    """Return `doc_id` if it can name a document folder; raise InvalidNameError otherwise."""
    return _check("document id", doc_id)


def check_label(label: str) -> str:
    """Return `label` if it can name a version; raise InvalidNameError otherwise.

    Besides the rules for ids, a label may not be a bare number (`DOC@2` means the second
    version) nor `latest`.
    """
    _check("version label", label)
    if label.isdigit():
        raise InvalidNameError(
            "version label", label, "a bare number would be read as a version number"
        )
    if label.lower() in _REF_WORDS:
        raise InvalidNameError("version label", label, f"{label!r} is a reference keyword")
    if label.casefold() in DOCUMENT_FOLDER_FILES:
        raise InvalidNameError(
            "version label", label, "a document folder already uses that name for its metadata"
        )
    return label


def case_collision(name: str, existing: Iterable[str]) -> str | None:
    """The existing name that differs from `name` only by case, if any.

    Such pairs would share one folder on case-insensitive file systems (macOS, Windows).
    """
    folded = name.casefold()
    for other in existing:
        if other != name and other.casefold() == folded:
            return other
    return None


# Control characters and the Unicode line and paragraph separators: any of them would break the
# one-line output of `list` and `log`.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A BCP 47-like language tag: a two- or three-letter language, then subtags of 1-8 letters or
# digits (script, region, variant): en, ru, zh-Hans, zh-CN, sr-Latn-RS.
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
MAX_LANG_LENGTH = 35


def check_one_line(what: str, text: str) -> str:
    """Return `text` (a title or note) if it has no control character; CorpusError otherwise."""
    if _NOT_ONE_LINE.search(text):
        raise CorpusError(f"invalid {what} {text!r}: it contains a control character or line break")
    return text


def is_lang_tag(lang: str) -> bool:
    """True when `lang` reads as a language tag such as en, ru, zh-Hans or zh-CN."""
    return len(lang) <= MAX_LANG_LENGTH and _LANG_TAG.match(lang) is not None


def check_lang(lang: str) -> str:
    """Return `lang` if it is a BCP 47-like language tag; CorpusError otherwise."""
    if not is_lang_tag(lang):
        raise CorpusError(
            f"invalid language {lang!r}: use a language tag such as en, ru, zh-Hans or zh-CN"
        )
    return lang


def check_series(series: str) -> str:
    """Return `series` if it can name a series (same rules as document ids)."""
    return _check("series", series)
