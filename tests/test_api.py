"""The public library API (`import diffdoc`) and the two-core loading of large pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import diffdoc
from diffdoc.errors import InputError
from diffdoc.runtime.pairload import load_pair

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "demo" / "sco-2002-illustrative-edited-draft.md"


def test_public_api_compares_the_seed_with_the_demo_draft(seed_path: Path) -> None:
    comparison = diffdoc.compare(diffdoc.read_document(seed_path), diffdoc.read_document(DRAFT))
    stats = comparison.stats
    assert (stats.modify, stats.insert, stats.delete) == (5, 2, 1)
    assert (stats.move, stats.split, stats.merge) == (1, 1, 1)
    contract = json.loads(diffdoc.render(comparison, "json"))
    assert contract["format"] == "diffdoc-comparison/1"
    assert contract["stats"]["modify"] == 5


def test_public_api_names_exist() -> None:
    for name in diffdoc.__all__:
        assert hasattr(diffdoc, name), name


def test_public_api_opens_the_bundled_corpus() -> None:
    corpus = diffdoc.Corpus.open(ROOT / "corpus")
    document = corpus.load(corpus.resolve("sco-declaration-2002"))
    assert document.source is not None
    assert document.source.label == "sco-declaration-2002@v1"
    assert document.blocks[-1].text == "St. Petersburg, June 7, 2002"
    # What `add` recorded (date, language, series, note) travels with the loaded text.
    assert document.metadata["date"] == "2002-06-07"
    assert document.metadata["lang"] == "en"
    assert document.metadata["series"] == "sco-summit-declarations"


@pytest.mark.parametrize("parallel", [False, True])
def test_load_pair_gives_the_same_documents_either_way(seed_path: Path, parallel: bool) -> None:
    old, new = load_pair(diffdoc.read_document, seed_path, DRAFT, parallel=parallel)
    assert old == diffdoc.read_document(seed_path)
    assert new == diffdoc.read_document(DRAFT)


@pytest.mark.parametrize("parallel", [False, True])
def test_load_pair_raises_the_old_sides_error_first(tmp_path: Path, parallel: bool) -> None:
    missing_old, missing_new = tmp_path / "old.txt", tmp_path / "new.txt"
    with pytest.raises(InputError, match=r"old\.txt: no such file"):
        load_pair(diffdoc.read_document, missing_old, missing_new, parallel=parallel)
    with pytest.raises(InputError, match=r"new\.txt: no such file"):
        load_pair(diffdoc.read_document, DRAFT, missing_new, parallel=parallel)


def test_the_library_leaves_the_garbage_collector_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pausing the collector is process-wide: only the command's edge (diffdoc.__main__) may
    # do it, never a library call running beside its caller's threads.
    import gc

    from diffdoc import compare, parse_bytes

    def refuse() -> None:
        raise AssertionError("the library disabled the garbage collector")

    monkeypatch.setattr(gc, "disable", refuse)
    old = parse_bytes(b"One.\n\nTwo.\n", name="old.txt")
    new = parse_bytes(b"One.\n\nTwo, changed.\n", name="new.txt")
    assert compare(old, new).stats.modify == 1
