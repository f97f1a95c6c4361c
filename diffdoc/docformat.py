"""The normalized format: diffdoc's own plain-text form of a Document.

Human-readable, one block per paragraph, metadata in a header; `loads(dumps(doc)) == doc`.

    %diffdoc-normalized 1
    title: Declaration by the Heads of the Member States
    meta date: 2002-06-07
    source label: sco-2002.en.md
    source sha256: 5f0c...
    source format: markdown
    source encoding: utf-8

    :: title
    DECLARATION BY THE HEADS OF THE MEMBER STATES

    :: paragraph | section: I | label: 1.
    1. The SCO is the successor to the Shanghai Five...

A value (header value, attribute, block text) is written as is when that is unambiguous, and
otherwise as a JSON string literal: when it is empty, has leading or trailing whitespace,
starts with a double quote, or holds control characters or line breaks (an attribute also
when it holds "|", ": " or a double quote). A block's comparison key is written
(`| key: ...`) only when it differs from `comparison_key(text)`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from diffdoc.errors import InputError
from diffdoc.models import BLOCK_KINDS, Block, Document, Source
from diffdoc.normalize import comparison_key

MAGIC = "%diffdoc-normalized 1"
_BLOCK_PREFIX = ":: "
_SOURCE_FIELDS = ("label", "sha256", "format", "encoding")
# Characters that would break the one-value-per-line layout or hide in it.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ATTRIBUTE_UNSAFE = re.compile(r"\||: |\"")


def is_normalized(text: str) -> bool:
    """True when `text` is in the normalized format (judged by its first line)."""
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r") == MAGIC


def _plain_ok(value: str) -> bool:
    return (
        value != ""
        and value == value.strip()
        and not value.startswith('"')
        and not _UNSAFE.search(value)
    )


def _quote(value: str, *, attribute: bool = False) -> str:
    """`value` as is when unambiguous, else as a JSON string literal."""
    if _plain_ok(value) and not (attribute and _ATTRIBUTE_UNSAFE.search(value)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _unquote(value: str, *, name: str, line: int) -> str:
    if not value.startswith('"'):
        return value
    try:
        decoded = json.loads(value)
    except json.JSONDecodeError:
        raise InputError(name, f"line {line}: malformed quoted value") from None
    if not isinstance(decoded, str):
        raise InputError(name, f"line {line}: malformed quoted value")
    return decoded


def dumps(doc: Document) -> str:
    """The document in the normalized format."""
    lines = [MAGIC, f"title: {_quote(doc.title)}"]
    lines += [
        f"meta {_quote(key, attribute=True)}: {_quote(value)}"
        for key, value in doc.metadata.items()
    ]
    if doc.source is not None:
        lines += [
            f"source {field}: {_quote(getattr(doc.source, field))}" for field in _SOURCE_FIELDS
        ]
    for block in doc.blocks:
        head = _BLOCK_PREFIX + block.kind
        if block.section is not None:
            head += f" | section: {_quote(block.section, attribute=True)}"
        if block.label is not None:
            head += f" | label: {_quote(block.label, attribute=True)}"
        if block.level is not None:
            head += f" | level: {block.level}"
        if block.run_in is not None:
            head += f" | run-in: {block.run_in}"
        if block.key != comparison_key(block.text):
            head += f" | key: {_quote(block.key, attribute=True)}"
        lines += ["", head, _quote(block.text)]
    return "\n".join(lines) + "\n"


def _split_attribute(part: str, *, name: str, line: int) -> tuple[str, str]:
    field, sep, value = part.partition(": ")
    if not sep:
        raise InputError(name, f"line {line}: expected 'name: value', got {part!r}")
    return field, _unquote(value, name=name, line=line)


def _parse_block(head: str, text: str, *, name: str, line: int) -> Block:
    kind, *parts = _split_quoted(head[len(_BLOCK_PREFIX) :], name=name, line=line)
    if kind not in BLOCK_KINDS:
        raise InputError(name, f"line {line}: unknown block kind {kind!r}")
    attributes = dict(_split_attribute(part, name=name, line=line) for part in parts)
    unknown = set(attributes) - {"section", "label", "key", "level", "run-in"}
    if unknown:
        raise InputError(name, f"line {line}: unknown block attribute {sorted(unknown)[0]!r}")
    body = _unquote(text, name=name, line=line + 1)
    return Block(
        kind=kind,
        text=body,
        key=attributes.get("key", comparison_key(body)),
        section=attributes.get("section"),
        label=attributes.get("label"),
        level=_level(attributes.get("level"), name=name, line=line),
        run_in=_run_in(attributes.get("run-in"), body, name=name, line=line),
    )


def _run_in(value: str | None, text: str, *, name: str, line: int) -> int | None:
    """The length of a run-in head: a number of characters inside the text."""
    if value is None:
        return None
    if not value.isdigit() or not 0 < int(value) < len(text):
        raise InputError(name, f"line {line}: a run-in head is 1 to {len(text) - 1} characters")
    return int(value)


def _level(value: str | None, *, name: str, line: int) -> int | None:
    """A heading's level, 1 to 6 (absent in files written before levels were kept)."""
    if value is None:
        return None
    if value not in ("1", "2", "3", "4", "5", "6"):
        raise InputError(name, f"line {line}: a heading level is 1 to 6, not {value!r}")
    return int(value)


def _split_quoted(head: str, *, name: str, line: int) -> list[str]:
    """Split a block header on ' | ', leaving JSON-quoted values intact."""
    parts: list[str] = []
    decoder = json.JSONDecoder()
    current = ""
    index = 0
    while index < len(head):
        if head.startswith(" | ", index):
            parts.append(current)
            current = ""
            index += 3
        elif head[index] == '"':
            try:
                _, end = decoder.raw_decode(head, index)
            except json.JSONDecodeError:
                raise InputError(name, f"line {line}: malformed quoted value") from None
            current += head[index:end]
            index = end
        else:
            current += head[index]
            index += 1
    parts.append(current)
    return parts


def _split_meta(rest: str, *, name: str, line: int) -> tuple[str, str]:
    """Split `key: value` where the key may be a JSON string literal."""
    end = 0
    if rest.startswith('"'):
        try:
            _, end = json.JSONDecoder().raw_decode(rest)
        except json.JSONDecodeError:
            raise InputError(name, f"line {line}: malformed quoted value") from None
    sep = rest.find(": ", end)
    if sep < 0:
        raise InputError(name, f"line {line}: expected 'meta key: value'")
    return _unquote(rest[:sep], name=name, line=line), _unquote(
        rest[sep + 2 :], name=name, line=line
    )


def loads(text: str, *, name: str = "<normalized>") -> Document:
    """Read a document written by `dumps`; raise InputError naming the line on bad input."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].rstrip("\r") != MAGIC:
        raise InputError(name, f"not in the normalized format (first line is not {MAGIC!r})")
    title = ""
    metadata: dict[str, str] = {}
    source: dict[str, str] = {}
    blocks: list[Block] = []
    index = 1
    while index < len(lines) and lines[index].strip():
        if lines[index].startswith("meta "):
            key, value = _split_meta(lines[index][5:], name=name, line=index + 1)
            metadata[key] = value
            index += 1
            continue
        field, sep, value = lines[index].partition(": ")
        if field == "title" and sep:
            title = _unquote(value, name=name, line=index + 1)
        elif field.startswith("source ") and field[7:] in _SOURCE_FIELDS and sep:
            source[field[7:]] = _unquote(value, name=name, line=index + 1)
        else:
            raise InputError(name, f"line {index + 1}: unexpected header line {lines[index]!r}")
        index += 1
    for head in _block_heads(lines, index, name=name):
        blocks.append(_parse_block(lines[head], lines[head + 1], name=name, line=head + 1))
    doc_source = None
    if source:
        if set(source) != set(_SOURCE_FIELDS):
            raise InputError(name, "incomplete source fields in the header")
        doc_source = Source(**source)
    return Document(title=title, blocks=tuple(blocks), metadata=metadata, source=doc_source)


def _block_heads(lines: list[str], index: int, *, name: str) -> Iterator[int]:
    """The index of each block's header line from `index` on (its text is the next line)."""
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        if not lines[index].startswith(_BLOCK_PREFIX) or index + 1 >= len(lines):
            raise InputError(name, f"line {index + 1}: expected a block header ':: kind'")
        yield index
        index += 2


def block_texts(text: str, *, name: str = "<normalized>") -> list[str]:
    """Only the blocks' texts of a normalized document, in order: what `loads` would give as
    `[b.text for b in loads(text).blocks]`, without reading the headers and comparison keys
    (the reuse stage reads thousands of documents for a few paragraphs of each)."""
    lines = text.lstrip("\ufeff").split("\n")
    if lines[0].rstrip("\r") != MAGIC:
        raise InputError(name, f"not in the normalized format (first line is not {MAGIC!r})")
    index = 1
    while index < len(lines) and lines[index].strip():
        index += 1
    return [
        _unquote(lines[head + 1], name=name, line=head + 2)
        for head in _block_heads(lines, index, name=name)
    ]


def document_json(doc: Document) -> dict[str, object]:
    """The document as JSON-ready data: title, metadata and blocks (`--format json`)."""
    return {
        "title": doc.title,
        "metadata": dict(doc.metadata),
        "blocks": [
            {
                "kind": block.kind,
                "text": block.text,
                "key": block.key,
                "section": block.section,
                "label": block.label,
            }
            for block in doc.blocks
        ],
    }
