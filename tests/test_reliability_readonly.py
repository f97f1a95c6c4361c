"""A corpus that cannot be written still reads (issue 11, item 9).

A corpus on read-only media, or a git checkout without its (uncommitted) index, once failed
every reading command: the index could not be created ("<stdout>: cannot write", naming the
wrong file) and `verify --no-rebuild-index` could not open `.lock`. Reading commands now keep
the index in memory and verify takes its shared lock read-only, or none.

How read-only is made, since CI runs as root and root ignores permission bits:

- *simulated* (always runs, root or not): the calls through which diffdoc writes are patched
  to fail as a read-only file system fails: `os.open` with a write or create flag, `open`
  for writing, `os.mkdir`, `os.access(..., W_OK)` say EROFS for anything under the corpus,
  and SQLite opens the index file read-only (`mode=ro`), as it does on read-only media;
- *real* (where it can be made): as root, a read-only bind mount in a private mount
  namespace (`unshare -m`); as another user, `chmod -R a-w`. Skipped when neither works
  (a container without the right to mount).

Both compare every command's output with the same command on a writable copy, and check that
no file of the corpus changed.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from helpers.paths import DRAFT
from helpers.reliability import IS_ROOT, Outcome, cli

from diffdoc.corpus import index as index_module

READING = [
    ("list",),
    ("log", "sco"),
    ("history", "sco"),
    ("show", "sco@v1"),
    ("compare", "sco@v1", "sco@v2"),
    ("blame", "sco"),
    ("export", "sco@v2", "--format", "json"),
    ("report", "sco@v1", "sco@v2", "-o", "-"),
    ("verify", "--no-rebuild-index"),
    ("verify",),
]


def _tree(folder: Path) -> dict[str, str]:
    """Every name under `folder`, with the sha256 of each file's bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        found[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found


@pytest.fixture
def corpus(tmp_path: Path, seed_path: Path) -> Path:
    """A corpus with document `sco` in two versions, as a git checkout has it: no index,
    no lock (both are in its .gitignore)."""
    root = tmp_path / "corpus"
    assert cli("init", root).code == 0
    assert cli("add", seed_path, "--doc", "sco", "--corpus", root).code == 0
    assert cli("add", DRAFT, "--doc", "sco", "--corpus", root).code == 0
    return root


def _without_index(root: Path) -> None:
    for name in ("index.sqlite", ".lock"):
        (root / name).unlink(missing_ok=True)


def _expected(root: Path, tmp_path: Path) -> dict[tuple[str, ...], Outcome]:
    """Each reading command's outcome on a writable copy of `root`, paths made alike."""
    copy = tmp_path / "writable"
    shutil.copytree(root, copy, symlinks=True)
    return {args: _alike(cli(*args, "--corpus", copy), copy, root) for args in READING}


def _alike(outcome: Outcome, found: Path, shown: Path) -> Outcome:
    return Outcome(
        outcome.code,
        outcome.out.replace(str(found), str(shown)),
        outcome.err.replace(str(found), str(shown)),
    )


# --- simulated: the write calls fail as on a read-only file system ------------------------


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make everything under a folder fail to be written, as a read-only mount does."""

    def apply(root: Path) -> None:
        top = str(root.resolve())

        def inside(path: Any) -> bool:
            if isinstance(path, int):
                return False
            name = os.path.abspath(os.fsdecode(path))
            return name == top or name.startswith(top + os.sep)

        def refuse(path: Any) -> OSError:
            return OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))

        real_os_open, real_open, real_io_open = os.open, builtins.open, io.open
        real_mkdir, real_access, real_connect = os.mkdir, os.access, sqlite3.connect
        writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

        def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & writing and inside(path):
                raise refuse(path)
            return real_os_open(path, flags, *args, **kwargs)

        def opener(real: Callable[..., Any]) -> Callable[..., Any]:
            def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> object:
                if any(c in mode for c in "wax+") and inside(file):
                    raise refuse(file)
                return real(file, mode, *args, **kwargs)

            return open_

        def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
            if inside(path):
                raise refuse(path)
            real_mkdir(path, *args, **kwargs)

        def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
            if mode & os.W_OK and inside(path):
                return False
            return real_access(path, mode, *args, **kwargs)

        def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
            if isinstance(database, str | os.PathLike) and inside(database):
                path = Path(os.fsdecode(database))
                if not path.exists():  # SQLite would have to create it
                    raise sqlite3.OperationalError("unable to open database file")
                kwargs["uri"] = True
                uri = f"{path.absolute().as_uri()}?mode=ro"
                return cast(sqlite3.Connection, real_connect(uri, *args, **kwargs))
            return cast(sqlite3.Connection, real_connect(database, *args, **kwargs))

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(builtins, "open", opener(real_open))
        monkeypatch.setattr(io, "open", opener(real_io_open))
        monkeypatch.setattr(os, "mkdir", mkdir)
        monkeypatch.setattr(os, "access", access)
        monkeypatch.setattr(sqlite3, "connect", connect)  # as diffdoc.corpus.index calls it

    return apply


@pytest.mark.parametrize("with_index", [False, True], ids=["checkout", "with-index"])
def test_reading_commands_work_on_a_read_only_corpus(
    corpus: Path, tmp_path: Path, read_only: Callable[[Path], None], with_index: bool
) -> None:
    if not with_index:
        _without_index(corpus)
    else:
        (corpus / "documents" / "sco" / "document.json").touch()  # the index is stale
    expected = _expected(corpus, tmp_path)
    before = _tree(corpus)
    read_only(corpus)
    for args in READING:
        assert cli(*args, "--corpus", corpus) == expected[args], args
    assert _tree(corpus) == before


def test_the_simulation_does_refuse_writes(corpus: Path, read_only: Callable[[Path], None]) -> None:
    # Without the fallbacks these are the failures of the attack run.
    read_only(corpus)
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(corpus / "missing.sqlite")
    with pytest.raises(OSError, match="Read-only"):
        os.open(corpus / ".lock", os.O_RDWR | os.O_CREAT)
    with pytest.raises(OSError, match="Read-only"):
        (corpus / "new.txt").write_text("x")
    db = sqlite3.connect(corpus / "index.sqlite")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM documents")
    db.close()


def test_writers_name_the_real_path_on_a_read_only_corpus(
    corpus: Path, read_only: Callable[[Path], None]
) -> None:
    read_only(corpus)
    cli("add", DRAFT, "--doc", "other", "--corpus", corpus).failed_with(
        f"{corpus / '.lock'}: cannot open the lock file (Read-only file system)"
    )
    cli("remove", "sco@v1", "--yes", "--corpus", corpus).failed_with(f"{corpus / '.lock'}: ")


def test_a_read_only_index_file_in_a_writable_corpus_moves_to_memory(corpus: Path) -> None:
    index = index_module.Index(corpus / "index.sqlite")
    try:
        assert not index.in_memory
        assert index.stamp("sco") is not None
    finally:
        index.close()
    db = index_module.Index(corpus / "index.sqlite")
    try:
        # As when the file opens read-only: the first write moves the index to memory.
        db._db.close()
        db._db = sqlite3.connect(f"{(corpus / 'index.sqlite').as_uri()}?mode=ro", uri=True)
        db.drop_documents(["sco"])
        assert db.in_memory
        assert db.stamp("sco") is None
    finally:
        db.close()
    reopened = index_module.Index(corpus / "index.sqlite")
    try:
        assert reopened.stamp("sco") is not None  # the file itself was left alone
    finally:
        reopened.close()


# --- real: a read-only bind mount (root) or chmod -R a-w (anyone else) ---------------------


def _read_only_view(source: Path, mount: Path) -> list[str] | None:
    """The command prefix that runs a child with `mount` a read-only view of `source`."""
    if not IS_ROOT:
        return []  # chmod -R a-w makes `source` itself read-only; see _make_read_only
    if shutil.which("unshare") is None:
        return None
    mount.mkdir()
    script = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'
    prefix = ["unshare", "-m", "sh", "-c", script, "sh", str(source), str(mount)]
    probe = subprocess.run([*prefix, "touch", str(mount / "probe")], capture_output=True)
    if probe.returncode == 0 or b"Read-only" not in probe.stderr:
        return None  # cannot mount here (no CAP_SYS_ADMIN), or the mount was not read-only
    return prefix


def _make_read_only(root: Path) -> Iterator[None]:
    modes = {path: path.stat().st_mode for path in [root, *root.rglob("*")]}
    for path, mode in modes.items():
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def test_reading_commands_work_on_a_really_read_only_corpus(corpus: Path, tmp_path: Path) -> None:
    _without_index(corpus)
    expected = _expected(corpus, tmp_path)
    view = tmp_path / "view"
    prefix = _read_only_view(corpus, view)
    if prefix is None:
        pytest.skip("cannot make a read-only mount here (root without the right to mount)")
    shown = view if prefix else corpus
    before = _tree(corpus)
    restore = _make_read_only(corpus) if not prefix else iter([None, None])
    next(restore)
    try:
        for args in READING:
            done = subprocess.run(
                [*prefix, sys.executable, "-m", "diffdoc", *args, "--corpus", str(shown)],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            outcome = _alike(Outcome(done.returncode, done.stdout, done.stderr), shown, corpus)
            assert outcome == expected[args], args
        adding = ["add", str(DRAFT), "--doc", "x", "--corpus", str(shown)]
        add = subprocess.run(
            [*prefix, sys.executable, "-m", "diffdoc", *adding],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert add.returncode == 2
        assert add.stderr.startswith(f"diffdoc: error: {shown / '.lock'}: cannot open the lock")
    finally:
        next(restore, None)
    assert _tree(corpus) == before


@pytest.mark.parametrize("stale", [False, True], ids=["no-shingle-index", "stale-shingle-index"])
def test_reuse_on_a_read_only_corpus_names_the_shingle_index(
    corpus: Path, tmp_path: Path, read_only: Callable[[Path], None], stale: bool
) -> None:
    # Once a traceback with exit status 1 (which reads as "no reuse found"), or an error
    # naming <stdout>.
    if stale:
        assert cli("reuse", "sco", "--workers", "1", "--corpus", corpus).code in (0, 1)
        built = (corpus / "shingles.sqlite").read_bytes()
        assert cli("add", DRAFT, "--doc", "other", "--corpus", corpus).code == 0
        (corpus / "shingles.sqlite").write_bytes(built)  # as before the add: behind the corpus
    before = _tree(corpus)
    read_only(corpus)
    problem = "cannot update the shingle index" if stale else "cannot open the shingle index"
    out = tmp_path / "reuse.txt"
    for args in (("sco",), ("--all",)):
        outcome = cli("reuse", *args, "--workers", "1", "-o", out, "--corpus", corpus)
        outcome.failed_with(f"{corpus / 'shingles.sqlite'}: {problem}")
    assert _tree(corpus) == before and not out.exists()
