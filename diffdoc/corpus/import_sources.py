"""What `diffdoc import` reads: files and folders (one document each), or JSON-lines datasets.

Every source is checked completely before the first version is written (ids made safe, clashes,
fields, dates), so bad input stops the import with nothing stored; the texts themselves are read
lazily, one chunk at a time.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from diffdoc.corpus.bulk_items import BulkItem, check_item
from diffdoc.corpus.names import MAX_NAME_LENGTH, InvalidNameError, check_doc_id
from diffdoc.errors import DiffdocError, InputError
from diffdoc.ingest.limits import MAX_INPUT_BYTES, read_input
from diffdoc.paths import shown

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_HASH_LENGTH = 8


def is_jsonl(path: Path) -> bool:
    """True for a JSON-lines file (`.jsonl`, `.jsonl.gz`, `.ndjson`, `.ndjson.gz`)."""
    return path.name.lower().endswith(JSONL_SUFFIXES)


def safe_id(name: str) -> str:
    """A document id made from a file name or a dataset's id: unsafe characters become `-`;
    an id over the length limit (or still invalid, like `con`) gets a short hash of the name."""
    text = _UNSAFE.sub("-", name).replace("..", ".").strip("-._") or "doc"
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:_HASH_LENGTH]
    if len(text) > MAX_NAME_LENGTH:
        text = text[: MAX_NAME_LENGTH - _HASH_LENGTH - 1].rstrip("-._") + "-" + digest
    try:
        return check_doc_id(text)
    except InvalidNameError:
        return check_doc_id(f"{text[: MAX_NAME_LENGTH - _HASH_LENGTH - 1]}-{digest}")


def file_id(path: Path) -> str:
    """The id of a file's document: its name without the format suffix, made safe."""
    return safe_id(path.stem or path.name)


@dataclass(frozen=True)
class JsonlFields:
    """Which fields of each JSON line hold the id, the text and the optional metadata."""

    id: str = "id"
    text: str = "text"
    date: str | None = None
    title: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Source:
    """A checked import source: how many items it yields, and a way to yield them."""

    path: Path
    count: int
    jsonl: JsonlFields | None
    files: tuple[tuple[Path, str], ...] = ()  # for a folder or file: (file, document id)

    def items(self, series: str | None, max_size: int = MAX_INPUT_BYTES) -> Iterator[BulkItem]:
        """The items, texts read as they are needed."""
        if self.jsonl is not None:
            yield from _jsonl_items(self.path, self.jsonl, series)
            return
        for path, doc_id in self.files:
            yield BulkItem(doc_id, read_input(path, max_size), shown(path), series=series)


def collect_files(paths: Sequence[Path], pattern: str) -> list[Path]:
    """The files named, and those under the folders named that match `pattern` (hidden files
    and folders left out), each folder's in sorted order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob(pattern)
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise InputError(path, "no such file or folder")
    return found


def check_sources(
    paths: Sequence[Path], pattern: str, fields: JsonlFields, series: str | None
) -> list[Source]:
    """Read the names (and every JSON line) once; refuse clashes and bad records."""
    sources: list[Source] = []
    owners: dict[str, str] = {}  # casefolded id -> where it came from
    plain: list[tuple[Path, str]] = []
    for path in collect_files(paths, pattern):
        if is_jsonl(path):
            sources.append(_check_jsonl(path, fields, series, owners))
            continue
        doc_id = file_id(path)
        _claim(owners, doc_id, shown(path))
        plain.append((path, doc_id))
    if plain:
        sources.insert(0, Source(plain[0][0], len(plain), None, tuple(plain)))
    return sources


def _claim(owners: dict[str, str], doc_id: str, where: str) -> None:
    other = owners.get(doc_id.casefold())
    if other is not None:
        raise InputError(where, f"document id {doc_id!r} is also the id of {other}")
    owners[doc_id.casefold()] = where


def _open(path: Path) -> IO[bytes]:
    if not path.is_file():
        raise InputError(path, "not a regular file")
    try:
        if path.name.lower().endswith(".gz"):
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb")
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; InputError naming file:line."""
    with _open(path) as stream:
        number = 0
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as error:
                    raise InputError(f"{shown(path)}:{number}", f"not JSON ({error})") from None
                if not isinstance(record, dict):
                    raise InputError(f"{shown(path)}:{number}", "not a JSON object")
                yield number, record
        except (OSError, EOFError, gzip.BadGzipFile) as error:
            raise InputError(f"{shown(path)}:{number + 1}", f"cannot read ({error})") from None


def _field(record: dict[str, Any], name: str | None, where: str, required: bool) -> str | None:
    if name is None:
        return None
    value = record.get(name)
    if value is None or value == "":
        if required:
            raise InputError(where, f"no {name!r} field")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(where, f"field {name!r} is not a string")
    return str(value)


def _item(
    path: Path, number: int, record: dict[str, Any], fields: JsonlFields, series: str | None
) -> BulkItem:
    where = f"{shown(path)}:{number}"
    raw_id = _field(record, fields.id, where, True)
    text = _field(record, fields.text, where, True)
    assert raw_id is not None and text is not None
    item = BulkItem(
        doc_id=safe_id(raw_id),
        data=text.encode("utf-8", "replace"),
        name=where,
        date=_field(record, fields.date, where, False),
        title=_field(record, fields.title, where, False),
        lang=_field(record, fields.lang, where, False),
        series=series,
        fmt="text",
        encoding="utf-8",
    )
    try:
        check_item(item)
    except DiffdocError as error:
        raise InputError(where, str(error)) from None
    return item


def _check_jsonl(
    path: Path, fields: JsonlFields, series: str | None, owners: dict[str, str]
) -> Source:
    count = 0
    for number, record in _records(path):
        item = _item(path, number, record, fields, series)
        _claim(owners, item.doc_id, f"{shown(path)}:{number}")
        count += 1
    return Source(path, count, fields)


def _jsonl_items(path: Path, fields: JsonlFields, series: str | None) -> Iterator[BulkItem]:
    for number, record in _records(path):
        yield _item(path, number, record, fields, series)
