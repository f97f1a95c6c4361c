"""The normalized format reads back to exactly the document that was written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diffdoc import docformat
from diffdoc.errors import InputError
from diffdoc.ingest import parse_bytes
from diffdoc.models import BLOCK_KINDS, Block, Document, Source
from diffdoc.normalize import comparison_key

texts = st.text(max_size=40)
labels = st.none() | texts


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    text = draw(texts)
    key = draw(st.just(comparison_key(text)) | texts)
    return Block(
        kind=draw(st.sampled_from(BLOCK_KINDS)),
        text=text,
        key=key,
        section=draw(labels),
        label=draw(labels),
    )


sources = st.none() | st.builds(Source, label=texts, sha256=texts, format=texts, encoding=texts)
documents = st.builds(
    Document,
    title=texts,
    blocks=st.lists(blocks(), max_size=6).map(tuple),
    metadata=st.dictionaries(texts, texts, max_size=4),
    source=sources,
)


@given(documents)
def test_round_trip_is_exact(doc: Document) -> None:
    assert docformat.loads(docformat.dumps(doc)) == doc


@given(documents)
def test_normalizing_a_normalized_document_changes_nothing(doc: Document) -> None:
    text = docformat.dumps(doc)
    for name in ("doc.txt", "doc.md", "doc"):
        assert parse_bytes(text.encode(), name=name) == doc


def test_layout_is_readable() -> None:
    doc = Document(
        title="Declaration",
        blocks=(
            Block("heading", "I", "I", section="I"),
            Block(
                "paragraph", "1. We \u201cagree\u201d | fully.", '1. We "agree" | fully.', "I", "1."
            ),
            Block("note", " padded ", "padded"),
        ),
        metadata={"date": "2002-06-07"},
        source=Source("decl.md", "ab12", "markdown", "utf-8"),
    )
    assert docformat.dumps(doc) == (
        "%diffdoc-normalized 1\n"
        "title: Declaration\n"
        "meta date: 2002-06-07\n"
        "source label: decl.md\n"
        "source sha256: ab12\n"
        "source format: markdown\n"
        "source encoding: utf-8\n"
        "\n"
        ":: heading | section: I\n"
        "I\n"
        "\n"
        ":: paragraph | section: I | label: 1.\n"
        "1. We \u201cagree\u201d | fully.\n"
        "\n"
        ":: note\n"
        '" padded "\n'
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("hello\n", "not in the normalized format"),
        ("%diffdoc-normalized 1\ntitle: x\nbogus\n", "line 3: unexpected header line"),
        ("%diffdoc-normalized 1\ntitle: x\n\n:: chapter\nText\n", "unknown block kind 'chapter'"),
        ("%diffdoc-normalized 1\ntitle: x\n\nText\n", "line 4: expected a block header"),
        ('%diffdoc-normalized 1\ntitle: "x\n', "line 2: malformed quoted value"),
        ("%diffdoc-normalized 1\ntitle: x\n\n:: note | colour: red\nT\n", "unknown block attr"),
    ],
)
def test_malformed_input_names_the_problem(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        docformat.loads(text, name="bad.dnorm")


def test_document_json_has_the_block_fields() -> None:
    doc = Document("T", (Block("paragraph", "A\u00a0b", "A b", "I", "1."),), {"k": "v"})
    assert docformat.document_json(doc) == {
        "title": "T",
        "metadata": {"k": "v"},
        "blocks": [
            {"kind": "paragraph", "text": "A\u00a0b", "key": "A b", "section": "I", "label": "1."}
        ],
    }


@given(documents)
def test_block_texts_are_the_texts_loads_reads(doc: Document) -> None:
    assert docformat.block_texts(docformat.dumps(doc)) == [b.text for b in doc.blocks]
