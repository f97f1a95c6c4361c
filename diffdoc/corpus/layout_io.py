"""Helpers both corpus writers share (`write.add_version` and the bulk writer): checking the
given fields, choosing the automatic label, building a version's record and stored text,
removing what killed writers left behind."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from diffdoc import docformat
from diffdoc.corpus import safeio
from diffdoc.corpus.names import (
    check_doc_id,
    check_label,
    check_lang,
    check_one_line,
    check_series,
    is_lang_tag,
)
from diffdoc.corpus.records import VersionRecord, check_date, utc_now
from diffdoc.corpus.store import sha256_hex
from diffdoc.errors import DiffdocError
from diffdoc.models import Document, Source


class Fields(Protocol):
    """What a caller said about a new version and its document (None: not given)."""

    @property
    def label(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def lang(self) -> str | None: ...
    @property
    def series(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...


def check_fields(doc_id: str, fields: Fields) -> None:
    """Refuse a bad id, label, date, series, title, note or language before reading anything."""
    check_doc_id(doc_id)
    if fields.label is not None:
        check_label(fields.label)
    if fields.date is not None:
        check_date(fields.date)
    if fields.series is not None:
        check_series(fields.series)
    if fields.title is not None:
        check_one_line("title", fields.title)
    if fields.note is not None:
        check_one_line("note", fields.note)
    if fields.lang is not None:
        check_lang(fields.lang)


def automatic_label(versions: list[VersionRecord]) -> str:
    """The next free `vN` label after the document's highest version number."""
    taken = {v.label.casefold() for v in versions}
    number = max((v.number for v in versions), default=0) + 1
    while f"v{number}" in taken:
        number += 1
    return f"v{number}"


def make_version(
    parsed: Document,
    data: bytes,
    name: str,
    doc_id: str,
    label: str,
    date: str | None,
    note: str | None,
    versions: list[VersionRecord],
) -> tuple[VersionRecord, bytes]:
    """The record and stored text of `data` (read as `parsed`) as `doc_id@label`, numbered
    after `versions`; `date` None takes a valid date from the file's metadata."""
    sha256 = sha256_hex(data)
    source = parsed.source or Source(name, sha256)
    stored = replace(
        parsed, source=Source(f"{doc_id}@{label}", sha256, source.format, source.encoding)
    )
    text = docformat.dumps(stored).encode("utf-8")
    if date is None:
        found = parsed.metadata.get("date", "")
        date = found if is_date(found) else None
    version = VersionRecord(
        doc_id=doc_id,
        number=max((v.number for v in versions), default=0) + 1,
        label=label,
        date=date,
        source_name=Path(name).name,
        note=note,
        sha256=sha256,
        text_sha256=sha256_hex(text),
        added_at=utc_now(),
        title=parsed.title,
        format=source.format,
        encoding=source.encoding,
        size=len(data),
    )
    return version, text


def metadata_lang(parsed: Document) -> str | None:
    """A valid language tag from the file's `lang` or `language` metadata, if any."""
    for key in ("lang", "language"):
        value = parsed.metadata.get(key)
        if value and is_lang_tag(value):
            return value
    return None


def is_date(text: str) -> bool:
    """True when `text` is a date written YYYY-MM-DD."""
    try:
        check_date(text)
    except DiffdocError:
        return False
    return True


def clean_leftovers(*folders: Path) -> None:
    """Remove what killed writers left behind (safe only under the writer lock)."""
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if safeio.is_temp(entry.name):
                safeio.remove_tree(Path(entry.path))
