"""The corpus store: adding, finding, removing and verifying versions, and the index."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from diffdoc.corpus import (
    Corpus,
    InvalidNameError,
    add_version,
    history,
    parse_ref,
    remove,
    verify,
)
from diffdoc.corpus.store import INDEX_FILE, MARKER, TEXT_FILE, VERSION_FILE
from diffdoc.errors import CorpusError, InputError, UnknownRefError
from diffdoc.models import Document, Stats

DRAFT_1 = b"# Joint Statement\n\nThe parties agree to meet.\n\nThey welcome progress.\n"
DRAFT_2 = b"# Joint Statement\n\nThe parties agree to meet again.\n\nThey welcome progress.\n"
DRAFT_3 = b"# Joint Statement\n\nThe parties agree to meet again.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    created, fresh = Corpus.init(tmp_path / "corpus")
    assert fresh
    return created


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the corpus except the derived index and the lock."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(INDEX_FILE) and p.name != ".lock"
    }


def test_init_makes_a_marked_folder_and_is_idempotent(tmp_path: Path) -> None:
    root = tmp_path / "c"
    _, created = Corpus.init(root)
    assert created
    assert json.loads((root / MARKER).read_text())["format"] == "diffdoc-corpus"
    assert "index.sqlite" in (root / ".gitignore").read_text()
    _, again = Corpus.init(root)
    assert not again


def test_a_folder_without_marker_is_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not a diffdoc corpus"):
        Corpus.open(tmp_path)
    (tmp_path / MARKER).write_text("{broken")
    with pytest.raises(CorpusError, match="corrupt corpus marker"):
        Corpus.open(tmp_path)


def test_add_stores_metadata_text_and_original(corpus: Corpus) -> None:
    result = add_version(
        corpus,
        DRAFT_1,
        name="/somewhere/draft1.md",
        doc_id="joint-statement",
        label="draft-1",
        date="2024-05-01",
        series="statements",
        note="first reading",
        lang="en",
    )
    assert result.added and result.new_document
    version = result.version
    assert (version.number, version.label, version.date) == (1, "draft-1", "2024-05-01")
    assert (version.source_name, version.note, version.size) == ("draft1.md", "first reading", 70)
    assert result.document.title == "Joint Statement"
    assert result.document.series == "statements"
    folder = corpus.root / "documents" / "joint-statement" / "draft-1"
    assert json.loads((folder / VERSION_FILE).read_text())["label"] == "draft-1"
    assert (folder / TEXT_FILE).read_text().startswith("%diffdoc-normalized 1")
    assert corpus.original(version) == DRAFT_1
    assert corpus.object_path(version.sha256).read_bytes() == DRAFT_1
    loaded = corpus.load(version)
    assert loaded.source is not None
    assert loaded.source.label == "joint-statement@draft-1"
    assert loaded.source.sha256 == version.sha256
    assert "The parties agree to meet." in loaded.texts


def test_automatic_labels_numbers_and_references(corpus: Corpus) -> None:
    for data in (DRAFT_1, DRAFT_2, DRAFT_3):
        add_version(corpus, data, name="d.md", doc_id="doc")
    _, versions = corpus.history("doc")
    assert [(v.number, v.label) for v in versions] == [(1, "v1"), (2, "v2"), (3, "v3")]
    assert corpus.resolve("doc").label == "v3"
    assert corpus.resolve("doc@latest").label == "v3"
    assert corpus.resolve("doc@latest~1").label == "v2"
    assert corpus.resolve("doc@latest~2").label == "v1"
    assert corpus.resolve("doc@2").label == "v2"
    assert corpus.resolve(parse_ref("doc@v1")).number == 1
    for bad in ("doc@latest~3", "doc@4", "doc@draft-9", "other", "other@v1"):
        with pytest.raises(UnknownRefError):
            corpus.resolve(bad)


def test_identical_bytes_are_not_stored_twice(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    before = snapshot(corpus.root)
    again = add_version(corpus, DRAFT_1, name="copy.md", doc_id="doc", label="other")
    assert not again.added
    assert again.version.label == "v1"
    assert snapshot(corpus.root) == before


def test_same_text_in_different_bytes_is_kept_and_reported(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    crlf = add_version(corpus, DRAFT_1.replace(b"\n", b"\r\n"), name="b.md", doc_id="doc")
    assert crlf.added
    assert crlf.same_text_as is not None and crlf.same_text_as.label == "v1"


def test_label_clashes_are_refused(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc", label="draft-1")
    with pytest.raises(CorpusError, match="already exists"):
        add_version(corpus, DRAFT_2, name="b.md", doc_id="doc", label="draft-1")
    with pytest.raises(InvalidNameError, match="differs only by case"):
        add_version(corpus, DRAFT_2, name="b.md", doc_id="doc", label="Draft-1")
    with pytest.raises(InvalidNameError, match="differs only by case"):
        add_version(corpus, DRAFT_2, name="b.md", doc_id="DOC")


def test_a_user_label_like_an_automatic_one_is_skipped(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc", label="v2")
    second = add_version(corpus, DRAFT_2, name="b.md", doc_id="doc")
    assert (second.version.number, second.version.label) == (2, "v3")


@pytest.mark.parametrize("doc_id", ["../escape", "a/b", "CON", "x\x00"])
def test_bad_ids_never_write_outside_the_corpus(tmp_path: Path, doc_id: str) -> None:
    corpus, _ = Corpus.init(tmp_path / "corpus")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(InvalidNameError):
        add_version(corpus, DRAFT_1, name="a.md", doc_id=doc_id)
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_bad_date_and_bad_input_change_nothing(corpus: Corpus) -> None:
    before = snapshot(corpus.root)
    with pytest.raises(CorpusError, match="YYYY-MM-DD"):
        add_version(corpus, DRAFT_1, name="a.md", doc_id="doc", date="1 June 2002")
    with pytest.raises(InputError, match="empty"):
        add_version(corpus, b"  \n", name="empty.txt", doc_id="doc")
    assert snapshot(corpus.root) == before


def test_title_series_and_lang_can_be_updated_by_a_later_add(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    result = add_version(corpus, DRAFT_2, name="b.md", doc_id="doc", title="Better", series="s")
    assert result.updated == ("title", "series")
    summary = corpus.summaries("s")
    assert [(s.document.id, s.document.title, s.version_count) for s in summary] == [
        ("doc", "Better", 2)
    ]
    assert corpus.summaries("other") == []


def test_list_orders_documents_and_reports_the_latest(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="zeta")
    add_version(corpus, DRAFT_1, name="a.md", doc_id="alpha", label="first")
    add_version(corpus, DRAFT_2, name="b.md", doc_id="alpha", label="second")
    summaries = corpus.summaries()
    assert [(s.document.id, s.version_count) for s in summaries] == [("alpha", 2), ("zeta", 1)]
    assert summaries[0].latest is not None and summaries[0].latest.label == "second"


def test_the_index_heals_after_it_is_deleted_or_bypassed(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    corpus.close()
    (corpus.root / INDEX_FILE).write_bytes(b"this is not sqlite")
    reopened = Corpus.open(corpus.root)
    assert [s.document.id for s in reopened.summaries()] == ["doc"]
    # Another process adds a version; this one's index rows are now stale.
    other = Corpus.open(corpus.root)
    add_version(other, DRAFT_2, name="b.md", doc_id="doc")
    add_version(other, DRAFT_1, name="a.md", doc_id="second")
    assert reopened.resolve("doc").label == "v2"
    assert [s.document.id for s in reopened.summaries()] == ["doc", "second"]


def test_remove_a_version_then_the_whole_document(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    second = add_version(corpus, DRAFT_2, name="b.md", doc_id="doc").version
    add_version(corpus, DRAFT_1, name="a.md", doc_id="other")
    result = remove(corpus, parse_ref("doc@v2"))
    assert [v.label for v in result.versions] == ["v2"] and not result.whole_document
    assert not corpus.object_path(second.sha256).exists()
    assert corpus.resolve("doc").label == "v1"
    result = remove(corpus, parse_ref("doc"))
    assert result.whole_document
    # DRAFT_1's bytes are still used by "other", so they stay.
    assert corpus.original(corpus.resolve("other")) == DRAFT_1
    with pytest.raises(UnknownRefError):
        corpus.resolve("doc")
    assert verify(corpus).ok


def test_history_measures_each_version_against_the_previous(corpus: Corpus) -> None:
    for data in (DRAFT_1, DRAFT_2, DRAFT_3):
        add_version(corpus, data, name="d.md", doc_id="doc")
    calls: list[tuple[str, str]] = []

    def measure(old: Document, new: Document) -> Stats:
        assert old.source is not None and new.source is not None
        calls.append((old.source.label, new.source.label))
        return Stats(modify=1, words_inserted=len(new.blocks))

    document, entries = history(corpus, "doc", measure, tool="test")
    assert document.id == "doc"
    assert entries[0].changes is None
    assert [e.changes.words_inserted if e.changes else None for e in entries] == [None, 3, 2]
    assert calls == [("doc@v1", "doc@v2"), ("doc@v2", "doc@v3")]
    history(corpus, "doc", measure, tool="test")
    assert len(calls) == 2  # cached by text hash
    history(corpus, "doc", measure, tool="other-tool")
    assert len(calls) == 4


def test_verify_passes_on_a_sound_corpus(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    add_version(corpus, DRAFT_2, name="b.md", doc_id="doc")
    report = verify(corpus)
    assert report.ok and report.index_rebuilt
    assert (report.documents, report.versions, report.objects) == (1, 2, 2)


def _tamper_text(corpus: Corpus) -> str:
    path = corpus.root / "documents/doc/v1" / TEXT_FILE
    path.write_text(path.read_text().replace("meet", "part"))
    return "documents/doc/v1/normalized.txt: altered"


def _tamper_original(corpus: Corpus) -> str:
    path = corpus.object_path(corpus.resolve("doc@v1").sha256)
    os.chmod(path, 0o644)
    path.write_bytes(DRAFT_1 + b"extra")
    return "altered (sha256 does not match; used by doc@v1)"


def _delete_original(corpus: Corpus) -> str:
    corpus.object_path(corpus.resolve("doc@v2").sha256).unlink()
    return "missing (original of doc@v2)"


def _delete_text(corpus: Corpus) -> str:
    (corpus.root / "documents/doc/v2" / TEXT_FILE).unlink()
    return "documents/doc/v2/normalized.txt: missing"


def _extra_file(corpus: Corpus) -> str:
    (corpus.root / "documents/doc/v1/notes.txt").write_text("x")
    return "documents/doc/v1/notes.txt: extra file"


def _corrupt_metadata(corpus: Corpus) -> str:
    (corpus.root / "documents/doc/v1" / VERSION_FILE).write_text('{"label": ')
    return "documents/doc/v1/version.json: corrupt metadata"


@pytest.mark.parametrize(
    "tamper",
    [
        _tamper_text,
        _tamper_original,
        _delete_original,
        _delete_text,
        _extra_file,
        _corrupt_metadata,
    ],
)
def test_verify_catches_tampering(corpus: Corpus, tamper: object) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    add_version(corpus, DRAFT_2, name="b.md", doc_id="doc")
    assert callable(tamper)
    expected = tamper(corpus)
    report = verify(corpus)
    assert not report.ok
    assert any(expected in problem for problem in report.problems), report.problems
    assert not report.index_rebuilt


def test_corrupt_metadata_is_a_one_line_error_on_read(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    corpus.close()
    (corpus.root / INDEX_FILE).unlink()
    (corpus.root / "documents/doc/v1" / VERSION_FILE).write_text("[]")
    with pytest.raises(CorpusError, match=r"version\.json: corrupt metadata"):
        Corpus.open(corpus.root).resolve("doc")


def _edit_json(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def test_a_hand_edit_inside_a_version_folder_reaches_the_index(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc", note="first")
    add_version(corpus, DRAFT_2, name="b.md", doc_id="doc")
    assert corpus.resolve("doc@v1").note == "first"  # the index is warm
    # Edited in place: neither the document folder nor the version folder gets a new name.
    _edit_json(corpus.root / "documents/doc/v1" / VERSION_FILE, note="first, as circulated")
    assert corpus.resolve("doc@v1").note == "first, as circulated"
    # Replaced by a rename, as `git pull` does.
    version_json = corpus.root / "documents/doc/v2" / VERSION_FILE
    pulled = version_json.with_name("pulled")
    pulled.write_text(version_json.read_text().replace('"date": null', '"date": "2024-05-02"'))
    os.replace(pulled, version_json)
    _, versions = Corpus.open(corpus.root).history("doc")
    assert [v.date for v in versions] == [None, "2024-05-02"]
    _edit_json(corpus.root / "documents/doc" / "document.json", title="Edited title")
    assert corpus.history("doc")[0].title == "Edited title"


@pytest.mark.parametrize(
    ("path", "content", "message"),
    [
        ("documents/doc/v1/version.json", "{garbage", r"v1/version\.json: corrupt metadata"),
        ("documents/doc/v2/version.json", "[]", r"v2/version\.json: corrupt metadata"),
        ("documents/doc/document.json", "[]", r"doc/document\.json: corrupt metadata"),
    ],
)
def test_corrupt_metadata_is_reported_with_a_warm_index(
    corpus: Corpus, path: str, content: str, message: str
) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    add_version(corpus, DRAFT_2, name="b.md", doc_id="doc")
    assert corpus.resolve("doc@v1").label == "v1"  # the index is warm
    (corpus.root / path).write_text(content)
    for reader in (corpus, Corpus.open(corpus.root)):
        with pytest.raises(CorpusError, match=message):
            reader.resolve("doc@v1")
        with pytest.raises(CorpusError, match=message):
            reader.history("doc")


def test_a_failed_version_write_leaves_no_original_behind(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    (corpus.root / "documents/doc/notes").write_text("a stray file where the version would go")
    before = snapshot(corpus.root)
    with pytest.raises(CorpusError, match=r"cannot store doc@notes"):
        add_version(corpus, DRAFT_2, name="b.md", doc_id="doc", label="notes")
    assert snapshot(corpus.root) == before


def test_verify_ignores_what_git_and_file_browsers_add(corpus: Corpus) -> None:
    add_version(corpus, DRAFT_1, name="a.md", doc_id="doc")
    root = corpus.root
    (root / ".git" / "objects").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / ".gitattributes").write_text("*.txt text eol=lf\n")
    (root / "README.txt").write_text("Our drafts.\n")
    for folder in (root, root / "documents", root / "documents/doc", root / "documents/doc/v1"):
        (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    report = verify(corpus)
    assert report.ok, report.problems
    assert report.notes == []
    assert (report.documents, report.versions, report.objects) == (1, 1, 1)
    (root / "notes.txt").write_text("not ignored")
    assert verify(corpus).problems == ["notes.txt: extra file (not part of a corpus)"]
