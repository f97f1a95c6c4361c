"""No corpus command writes, renames or deletes through a symbolic link (issue 11, item 2).

Two corpora side by side: `ours` holds links into `theirs` (a document folder, the objects
folder, the lock, the cache). Every write to `ours` is refused with one line, and `theirs` is
byte for byte what it was. `verify` reports every link as a problem and never follows one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from helpers.paths import DRAFT
from helpers.reliability import cli


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (index and lock aside) with the sha256 of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith(("index.sqlite", ".lock")):
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def corpora(tmp_path: Path, seed_path: Path) -> tuple[Path, Path]:
    """`ours` with document `mine`, `theirs` with document `k` in two versions."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for root in (ours, theirs):
        assert cli("init", root).code == 0
    assert cli("add", seed_path, "--doc", "mine", "--corpus", ours).code == 0
    assert cli("add", seed_path, "--doc", "k", "--corpus", theirs).code == 0
    assert cli("add", DRAFT, "--doc", "k", "--corpus", theirs).code == 0
    return ours, theirs


def test_remove_through_a_linked_document_folder_is_refused(corpora: tuple[Path, Path]) -> None:
    ours, theirs = corpora
    before = _snapshot(theirs)
    (ours / "documents" / "k").symlink_to(theirs / "documents" / "k")
    for ref in ("k@v2", "k"):
        cli("remove", ref, "--yes", "--corpus", ours).failed_with(
            f"{ours / 'documents' / 'k'}: is a symbolic link; diffdoc never writes through one"
        )
    assert _snapshot(theirs) == before
    assert cli("verify", "--corpus", theirs).code == 0


def test_add_through_a_linked_document_folder_is_refused(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    ours, theirs = corpora
    (theirs / "documents" / "k" / ".tmp-version-leftover").mkdir()  # not ours to clean
    before = _snapshot(theirs)
    (ours / "documents" / "k").symlink_to(theirs / "documents" / "k")
    new = tmp_path / "new.txt"
    new.write_text("A third version of the text.\n")
    cli("add", new, "--doc", "k", "--corpus", ours).failed_with("is a symbolic link")
    assert _snapshot(theirs) == before
    assert (theirs / "documents" / "k" / ".tmp-version-leftover").is_dir()


def test_add_with_a_linked_objects_folder_is_refused(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    ours, theirs = corpora
    shutil.rmtree(ours / "objects")
    (ours / "objects").symlink_to(theirs / "objects")
    before = _snapshot(theirs)
    new = tmp_path / "new.txt"
    new.write_text("Another text.\n")
    cli("add", new, "--doc", "other", "--corpus", ours).failed_with(
        f"{ours / 'objects'}: is a symbolic link"
    )
    assert _snapshot(theirs) == before
    assert not (ours / "documents" / "other").exists()


def test_a_linked_lock_file_is_not_written(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    ours, _ = corpora
    outside = tmp_path / "precious.txt"
    (ours / ".lock").unlink(missing_ok=True)
    (ours / ".lock").symlink_to(outside)
    new = tmp_path / "new.txt"
    new.write_text("Another text.\n")
    cli("add", new, "--doc", "other", "--corpus", ours).failed_with(
        f"{ours / '.lock'}: is a symbolic link"
    )
    assert not outside.exists()


def test_a_linked_cache_folder_is_not_written(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    _, theirs = corpora
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(theirs / "cache", ignore_errors=True)
    (theirs / "cache").symlink_to(elsewhere)
    outcome = cli("blame", "k", "--corpus", theirs)
    assert outcome.code == 0, outcome.err
    assert list(elsewhere.iterdir()) == []


def test_verify_reports_a_link_to_root_and_never_descends(corpora: tuple[Path, Path]) -> None:
    ours, _ = corpora
    (ours / "documents" / "root").symlink_to("/")
    outcome = cli("verify", "--corpus", ours)
    assert outcome.code == 1
    problems = [line for line in outcome.out.splitlines() if line.startswith("problem:")]
    assert problems == [
        "problem: documents/root: symbolic link to / (not followed; "
        "a corpus holds only its own files)"
    ]


def test_a_stored_file_replaced_by_a_link_to_an_identical_copy_is_a_problem(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    ours, _ = corpora
    (stored,) = [p for p in (ours / "objects").rglob("*") if p.is_file()]
    text = ours / "documents" / "mine" / "v1" / "normalized.txt"
    for path in (stored, text):
        copy = tmp_path / f"copy-{path.name}"
        shutil.copyfile(path, copy)
        os.chmod(path, 0o644)
        path.unlink()
        path.symlink_to(copy)
    outcome = cli("verify", "--corpus", ours)
    assert outcome.code == 1
    problems = sorted(line for line in outcome.out.splitlines() if line.startswith("problem:"))
    rel = stored.relative_to(ours)
    assert problems == [
        f"problem: documents/mine/v1/normalized.txt: symbolic link to {tmp_path}/copy-"
        "normalized.txt (not followed; a corpus holds only its own files)",
        f"problem: {rel}: symbolic link to {tmp_path}/copy-{stored.name} (not followed; "
        "a corpus holds only its own files)",
    ]


def test_a_linked_corpus_root_is_fine(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    ours, _ = corpora
    alias = tmp_path / "alias"
    alias.symlink_to(ours)
    new = tmp_path / "new.txt"
    new.write_text("Another text.\n")
    assert cli("add", new, "--doc", "other", "--corpus", alias).code == 0
    assert cli("verify", "--corpus", ours).code == 0
