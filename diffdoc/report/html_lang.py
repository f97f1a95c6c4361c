"""The language of a document, for the report's lang attributes and its header.

In order: the front matter (`lang:`), a language tag in the file name (`declaration.en.md`,
as the texts in this project are named), else the script where a script names one language
reliably: kana → ja, Hangul → ko, Han without kana → zh, Arabic script without the letters of
Persian and Urdu → ar. Latin and Cyrillic are written in too many languages to guess: the
language then stays unstated and no lang attribute is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from diffdoc.models import Document

# ISO 639-1 codes accepted as a file-name tag: the UN's six languages and other common ones.
# A short list on purpose: `report.v2.md` or `notes.de-final.md` must not read as a language.
NAME_TAGS = frozenset(
    """ar de en es fa fr hi id it ja kk ko ky pt ru tg tr uk ur uz vi zh""".split()  # noqa: SIM905
)
_TAG = re.compile(r"([a-z]{2})(?:-[A-Za-z]{2,4})?")
SAMPLE = 4000  # characters of the text looked at for the script

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PERSIAN_URDU = re.compile(r"[پچژگکیٹڈڑںہے]")


@dataclass(frozen=True, slots=True)
class Language:
    """A BCP 47 tag ("" when unknown) and where it came from, for the header."""

    tag: str
    origin: str  # "", "front matter", "file name" or "script"


def _from_name(label: str) -> str:
    """`declaration.en.md` → en: a tag between the name and the extension (rightmost wins)."""
    parts = PurePath(label).name.split(".")
    for part in reversed(parts[1:-1]):
        found = _TAG.fullmatch(part)
        if found and found.group(1) in NAME_TAGS:
            return found.group(0)
    return ""


def _from_script(text: str) -> str:
    sample = text[:SAMPLE]
    if _KANA.search(sample):
        return "ja"
    if _HANGUL.search(sample):
        return "ko"
    if _HAN.search(sample):
        return "zh"
    if _ARABIC.search(sample) and not _PERSIAN_URDU.search(sample):
        return "ar"
    return ""


def document_language(document: Document) -> Language:
    """The document's language and how it is known (see the module docstring)."""
    stated = document.metadata.get("lang") or document.metadata.get("language") or ""
    if stated.strip():
        return Language(stated.strip(), "front matter")
    if document.source is not None:
        tag = _from_name(document.source.label)
        if tag:
            return Language(tag, "file name")
    tag = _from_script(" ".join(block.text for block in document.blocks[:50]))
    return Language(tag, "script" if tag else "")
