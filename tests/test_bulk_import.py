"""Bulk import (diffdoc.corpus.bulk): versions as `add` stores them, skipping what is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffdoc.corpus import Corpus, add_version, verify
from diffdoc.corpus.bulk import BulkItem, ImportStopped, import_items
from diffdoc.engine import Engine


def items(n: int, doc: str = "doc") -> list[BulkItem]:
    return [
        BulkItem(
            f"{doc}-{i}", f"Statement {i}.\n\nShared words of every one.\n".encode(), f"s{i}.txt"
        )
        for i in range(n)
    ]


def test_import_stores_versions_like_add(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "c")
    result = import_items(corpus, items(5), chunk=2)
    assert [v.ref for v in result.added] == [f"doc-{i}@v1" for i in range(5)]
    assert result.documents_created == 5
    assert verify(corpus).ok
    alone, _ = Corpus.init(tmp_path / "alone")
    added = add_version(alone, items(1)[0].data, name="s0.txt", doc_id="doc-0")
    # the same normalized text, byte for byte, as a plain `add` writes
    assert corpus.text(corpus.resolve("doc-0")) == alone.text(added.version)
    assert corpus.load(corpus.resolve("doc-3")).blocks[0].text == "Statement 3."


def test_second_run_skips_what_is_stored(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "c")
    import_items(corpus, items(3))
    again = import_items(corpus, items(4))
    assert [v.ref for v in again.added] == ["doc-3@v1"]
    assert [name for name, _ in again.skipped] == ["s0.txt", "s1.txt", "s2.txt"]


def test_several_versions_of_one_document_in_order(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "c")
    add_version(corpus, b"First.\n", name="a.txt", doc_id="d")
    batch = [
        BulkItem("d", b"Second.\n", "b.txt", date="2001-01-01"),
        BulkItem("d", b"Third.\n", "c.txt", label="final", title="The D"),
        BulkItem("d", b"Second.\n", "b-again.txt"),
    ]
    result = import_items(corpus, batch, chunk=2)
    assert [(v.label, v.number) for v in result.added] == [("v2", 2), ("final", 3)]
    assert result.skipped[0][0] == "b-again.txt"
    document, versions = corpus.history("d")
    assert document.title == "The D"
    assert versions[1].date == "2001-01-01"
    assert verify(corpus).ok


def test_unreadable_item_stops_with_earlier_items_stored(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "c")
    batch = [*items(2), BulkItem("bad", b"   \n", "empty.txt"), *items(1, "late")]
    with pytest.raises(ImportStopped, match=r"empty\.txt: empty file"):
        import_items(corpus, batch, chunk=10)
    assert [s.document.id for s in corpus.summaries()] == ["doc-0", "doc-1"]
    assert verify(corpus).ok


def test_workers_give_the_same_corpus(tmp_path: Path) -> None:
    texts = []
    for workers in (1, 2):
        corpus, _ = Corpus.init(tmp_path / f"c{workers}")
        import_items(corpus, items(6), engine=Engine(workers=workers, batch=2), chunk=4)
        texts.append([corpus.text(corpus.resolve(f"doc-{i}")) for i in range(6)])
    assert texts[0] == texts[1]


def test_many_originals_in_one_shard_folder(tmp_path: Path) -> None:
    # 300 originals in one chunk: many share the first two hex digits of their sha256
    corpus, _ = Corpus.init(tmp_path / "c")
    result = import_items(corpus, items(300), chunk=300)
    assert len(result.added) == 300
    assert verify(corpus).ok
