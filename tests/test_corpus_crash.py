"""Killed and concurrent writers: the corpus stays valid and no version is half there or lost.

Each test runs `python -m diffdoc add` in subprocesses. DIFFDOC_CRASH_AT names a checkpoint
where the writer kills itself with SIGKILL, as a power cut would; other runs kill it after a
delay. Afterwards `verify` must pass and the version must be either complete or absent.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diffdoc.corpus import Corpus, add_version, verify
from diffdoc.corpus.safeio import CRASH_ENV
from diffdoc.corpus.store import sha256_hex
from diffdoc.errors import UnknownRefError

ROOT = Path(__file__).resolve().parents[1]
CHECKPOINTS = [
    "atomic-write-before-rename",
    "add-after-object",
    "add-before-rename",
    "add-after-rename",
    "add-after-index",
]


def run_add(
    corpus: Path, file: Path, doc: str, crash_at: str | None = None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(CRASH_ENV, None)
    if crash_at:
        env[CRASH_ENV] = crash_at
    command = [sys.executable, "-m", "diffdoc", "add", str(file), "--doc", doc]
    return subprocess.Popen(
        [*command, "--corpus", str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def draft(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"draft-{n}.md"
    path.write_text(f"# Statement\n\nParagraph {n} of the draft.\n\nShared closing words.\n")
    return path


def assert_all_or_nothing(root: Path, doc: str, label: str, data: bytes) -> bool:
    """Verify passes and `doc@label` is either complete (text, metadata, original) or absent."""
    corpus = Corpus.open(root)
    report = verify(corpus)
    assert report.ok, report.problems
    try:
        version = corpus.resolve(f"{doc}@{label}")
    except UnknownRefError:
        return False
    assert corpus.original(version) == data
    assert corpus.load(version).texts
    return True


@pytest.mark.parametrize("new_document", [True, False], ids=["new-document", "new-version"])
@pytest.mark.parametrize("checkpoint", CHECKPOINTS)
def test_an_add_killed_at_a_checkpoint_leaves_a_valid_corpus(
    tmp_path: Path, checkpoint: str, new_document: bool
) -> None:
    corpus, _ = Corpus.init(tmp_path / "corpus")
    first = draft(tmp_path, 1)
    if not new_document:
        add_version(corpus, first.read_bytes(), name=first.name, doc_id="doc")
    second = draft(tmp_path, 2)
    label = "v1" if new_document else "v2"
    process = run_add(corpus.root, second, "doc", crash_at=checkpoint)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    landed = assert_all_or_nothing(corpus.root, "doc", label, second.read_bytes())
    assert landed == (checkpoint in ("add-after-rename", "add-after-index"))
    # The next add cleans up and works; the killed version can be added again if it was lost.
    process = run_add(corpus.root, second, "doc")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert (b"already stored" in out) == landed
    assert assert_all_or_nothing(corpus.root, "doc", label, second.read_bytes())
    assert not list(corpus.root.rglob(".tmp-*"))


@pytest.mark.slow
def test_adds_killed_after_random_delays_leave_a_valid_corpus(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "corpus")
    chooser = random.Random(20020607)
    outcomes = []
    for n in range(12):
        file = draft(tmp_path, n)
        process = run_add(corpus.root, file, "doc")
        time.sleep(chooser.uniform(0.0, 0.6))
        process.kill()
        process.communicate(timeout=60)
        _, versions = (
            Corpus.open(corpus.root).history("doc")
            if (corpus.root / "documents" / "doc").exists()
            else (None, [])
        )
        stored = {v.sha256 for v in versions}
        report = verify(Corpus.open(corpus.root))
        assert report.ok, report.problems
        for version in versions:
            assert Corpus.open(corpus.root).original(version)
        outcomes.append(len(stored))
    # Whatever the timing, the history only ever grows by whole versions.
    assert outcomes == sorted(outcomes)


def test_concurrent_adds_all_land(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "corpus")
    files = [draft(tmp_path, n) for n in range(6)]
    processes = [run_add(corpus.root, file, "doc") for file in files]
    processes += [run_add(corpus.root, files[0], f"other-{n}") for n in range(3)]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    reopened = Corpus.open(corpus.root)
    _, versions = reopened.history("doc")
    assert sorted(v.number for v in versions) == [1, 2, 3, 4, 5, 6]
    assert sorted(v.label for v in versions) == sorted(f"v{n}" for n in range(1, 7))
    assert {v.source_name for v in versions} == {f.name for f in files}
    assert [s.document.id for s in reopened.summaries()] == ["doc", "other-0", "other-1", "other-2"]
    assert verify(reopened).ok


def test_the_next_add_removes_the_original_a_killed_add_left_behind(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "corpus")
    first = draft(tmp_path, 1)
    add_version(corpus, first.read_bytes(), name=first.name, doc_id="doc")
    killed = draft(tmp_path, 2)
    process = run_add(corpus.root, killed, "doc", crash_at="add-after-object")
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    orphan = corpus.object_path(sha256_hex(killed.read_bytes()))
    assert orphan.is_file()
    report = verify(corpus)
    assert report.ok and any("no version refers to" in note for note in report.notes)
    # The next add, of another file and another document, cleans up.
    third = draft(tmp_path, 3)
    add_version(corpus, third.read_bytes(), name=third.name, doc_id="other")
    assert not orphan.exists()
    assert not list(corpus.root.rglob(".tmp-*"))
    report = verify(corpus)
    assert report.ok and report.notes == []
    assert (report.documents, report.versions, report.objects) == (2, 2, 2)


def test_an_original_a_killed_add_already_gave_a_version_is_kept(tmp_path: Path) -> None:
    corpus, _ = Corpus.init(tmp_path / "corpus")
    data = draft(tmp_path, 1)
    process = run_add(corpus.root, data, "doc", crash_at="add-after-rename")
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    add_version(corpus, draft(tmp_path, 2).read_bytes(), name="draft-2.md", doc_id="doc")
    version = corpus.resolve("doc@v1")
    assert corpus.original(version) == data.read_bytes()
    assert not list(corpus.root.rglob(".tmp-*"))
    assert verify(corpus).notes == []
