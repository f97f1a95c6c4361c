"""What a corpus records about documents and versions, and how it reads that back from JSON.

Metadata files are plain JSON (sorted keys, two-space indent, UTF-8) so that they read well and
diff well in git. Reading checks every field: a damaged file is a one-line CorpusError naming it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from diffdoc.errors import CorpusError

SHA256_HEX_LENGTH = 64


@dataclass(frozen=True)
class DocumentRecord:
    """A document: its id, title, optional series and language, and when it was created."""

    id: str
    title: str
    series: str | None = None
    lang: str | None = None
    created_at: str = ""


@dataclass(frozen=True)
class VersionRecord:
    """One stored version of a document. Never modified once written."""

    doc_id: str
    number: int  # 1 for the first version added to the document; never reused
    label: str
    date: str | None  # the version's own date (YYYY-MM-DD), when known
    source_name: str  # the file name it was added from
    note: str | None
    sha256: str  # of the original bytes, kept in objects/
    text_sha256: str  # of the stored normalized text file
    added_at: str  # UTC, ISO 8601
    title: str  # the version's title as read from the file
    format: str = "text"
    encoding: str = "utf-8"
    size: int = 0  # of the original bytes

    @property
    def ref(self) -> str:
        """The reference that names this version: `DOC@LABEL`."""
        return f"{self.doc_id}@{self.label}"


def to_json(record: DocumentRecord | VersionRecord) -> bytes:
    """Serialize a record the way it is stored on disk."""
    return (
        json.dumps(asdict(record), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    ).encode()


def check_date(text: str) -> str:
    """Return `text` if it is a date written YYYY-MM-DD; raise CorpusError otherwise."""
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        raise CorpusError(f"invalid date {text!r}: write it as YYYY-MM-DD") from None
    if parsed.isoformat() != text:
        raise CorpusError(f"invalid date {text!r}: write it as YYYY-MM-DD")
    return text


def utc_now() -> str:
    """The current time in UTC, to the second, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _load_object(path: Path) -> Mapping[str, Any]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path}: missing metadata file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorpusError(f"{path}: corrupt metadata ({error})") from None
    except OSError as error:
        raise CorpusError(f"{path}: cannot read metadata ({error.strerror})") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: corrupt metadata (expected a JSON object)")
    return data


def _field(path: Path, data: Mapping[str, Any], name: str, kind: type, optional: bool) -> Any:
    value = data.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise CorpusError(
            f"{path}: corrupt metadata (field {name!r} missing or not {kind.__name__})"
        )
    return value


def _sha(path: Path, data: Mapping[str, Any], name: str) -> str:
    value = _field(path, data, name, str, False)
    if len(value) != SHA256_HEX_LENGTH or any(c not in "0123456789abcdef" for c in value):
        raise CorpusError(f"{path}: corrupt metadata (field {name!r} is not a sha256)")
    return str(value)


def read_document(path: Path) -> DocumentRecord:
    """Read a document.json file."""
    data = _load_object(path)
    return DocumentRecord(
        id=_field(path, data, "id", str, False),
        title=_field(path, data, "title", str, False),
        series=_field(path, data, "series", str, True),
        lang=_field(path, data, "lang", str, True),
        created_at=_field(path, data, "created_at", str, True) or "",
    )


def read_version(path: Path) -> VersionRecord:
    """Read a version.json file."""
    data = _load_object(path)
    number = _field(path, data, "number", int, False)
    if number < 1:
        raise CorpusError(f"{path}: corrupt metadata (field 'number' must be at least 1)")
    return VersionRecord(
        doc_id=_field(path, data, "doc_id", str, False),
        number=number,
        label=_field(path, data, "label", str, False),
        date=_field(path, data, "date", str, True),
        source_name=_field(path, data, "source_name", str, False),
        note=_field(path, data, "note", str, True),
        sha256=_sha(path, data, "sha256"),
        text_sha256=_sha(path, data, "text_sha256"),
        added_at=_field(path, data, "added_at", str, False),
        title=_field(path, data, "title", str, False),
        format=_field(path, data, "format", str, True) or "text",
        encoding=_field(path, data, "encoding", str, True) or "utf-8",
        size=_field(path, data, "size", int, True) or 0,
    )
