"""A stored version as plain text, Markdown or JSON (for `export` and `show --format json`)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from diffdoc.corpus.records import DocumentRecord, VersionRecord
from diffdoc.docformat import document_json
from diffdoc.models import Document

EXPORT_FORMATS = ("txt", "md", "json")

_MARKDOWN_PREFIX = {"title": "# ", "heading": "## ", "note": "> "}


def version_data(
    document: DocumentRecord, version: VersionRecord, doc: Document | None = None
) -> dict[str, Any]:
    """The metadata of a version (and its text, when `doc` is given) as JSON-ready data."""
    data: dict[str, Any] = {
        "ref": version.ref,
        "document": asdict(document),
        "version": {k: v for k, v in asdict(version).items() if k != "doc_id"},
    }
    if doc is not None:
        data.update(document_json(doc))  # title, metadata, blocks: as `normalize --format json`
    return data


def export_text(document: DocumentRecord, version: VersionRecord, doc: Document, fmt: str) -> str:
    """The version in `fmt` (txt, md or json)."""
    if fmt == "json":
        data = version_data(document, version, doc)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        front = {
            "title": doc.title,
            "ref": version.ref,
            "date": version.date,
            "source": version.source_name,
            "sha256": version.sha256,
        }
        # JSON strings are valid YAML scalars, so the front matter needs no YAML library.
        header = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items()]
        body = [_MARKDOWN_PREFIX.get(b.kind, "") + b.text for b in doc.blocks]
        return "\n\n".join(["\n".join([*header, "---"]), *body]) + "\n"
    if fmt == "txt":
        return "\n\n".join(doc.texts) + "\n"
    raise ValueError(f"unknown export format {fmt!r}")
