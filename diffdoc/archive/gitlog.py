"""Reading a git history with git itself: `git log --raw -z` for what changed, `git cat-file
--batch` for the bytes.

Two processes for a whole history, whatever its length: `git log` lists every commit of the
first-parent line, oldest first, with the blob ids of each file it added, modified, renamed or
deleted (renames found by git's own `-M`); one `git cat-file --batch` then streams the blobs
that are wanted. Measured against dulwich and pygit2 on the archive of the benchmarks
(benchmarks/git_readers.py; README, "Following an archive"): 0.4 s for the whole history and
its blobs, against 5.7 s for pygit2 and 7.5 s for dulwich (their per-commit tree diffs and
rename detection run in Python calls), and it needs no new dependency, only git.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from diffdoc.errors import DiffdocError

NULL_BLOB = "0" * 40
# `git log` header of a commit: a byte no subject holds, then the id, committer time, subject.
_HEADER = "\x01"


class GitError(DiffdocError):
    """Not a repository, no commits, or git itself failed."""


@dataclass(frozen=True)
class FileChange:
    """One file changed by a commit: its status (A, M, D, R, C, T), paths and new blob."""

    status: str
    path: str  # the path after the commit (for R and C the new path)
    old_path: str | None  # for R and C, the path before
    blob: str  # the blob after the commit; NULL_BLOB for D


@dataclass(frozen=True)
class Commit:
    """A commit of the first-parent line: full id, committer time (UTC), subject, changes."""

    id: str
    time: int  # committer time, seconds since the epoch
    subject: str
    changes: tuple[FileChange, ...]

    @property
    def date(self) -> str:
        """The committer date in UTC, YYYY-MM-DD."""
        return dt.datetime.fromtimestamp(self.time, dt.UTC).date().isoformat()


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError("git: not installed (import-git runs git to read the history)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{repo}: git {args[0]} failed ({message[-1] if message else 'no message'})")
    return done.stdout


def check_repository(repo: Path) -> str:
    """The id of HEAD's commit; GitError when `repo` is not a git repository with commits."""
    if not repo.is_dir():
        raise GitError(f"{repo}: not a git repository (no such folder)")
    try:
        top = _git(repo, "rev-parse", "--is-inside-work-tree", "--is-bare-repository")
    except GitError:
        raise GitError(f"{repo}: not a git repository") from None
    if b"true" not in top:
        raise GitError(f"{repo}: not a git repository")
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
    except GitError:
        raise GitError(f"{repo}: a git repository without any commit") from None


def history(repo: Path) -> list[Commit]:
    """Every commit of HEAD's first-parent line, oldest first, with the files it changed.

    A merge counts as the changes it brought to the first parent; renames are git's (`-M`,
    50% similar or more).
    """
    out = _git(
        repo,
        "-c",
        "core.quotePath=false",
        "log",
        "--reverse",
        "--first-parent",
        "--diff-merges=first-parent",
        "-M",
        "--raw",
        "--no-abbrev",
        "-z",
        f"--format={_HEADER}%H %ct %s",
        "HEAD",
    )
    return list(_parse_log(out.decode("utf-8", "surrogateescape")))


def _parse_log(text: str) -> Iterator[Commit]:
    tokens = text.split("\0")
    commit: tuple[str, int, str] | None = None
    changes: list[FileChange] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token.startswith(_HEADER):
            if commit is not None:
                yield Commit(*commit, tuple(changes))
            ident, time, subject = [*token[1:].split(" ", 2), ""][:3]
            commit, changes = (ident, int(time), subject), []
        elif token.startswith(":"):
            fields = token[1:].split(" ")
            blob, status = fields[3], fields[4][0]
            if status in "RC":
                old, new = tokens[i], tokens[i + 1]
                i += 2
                changes.append(FileChange(status, new, old, blob))
            else:
                changes.append(FileChange(status, tokens[i], None, blob))
                i += 1
    if commit is not None:
        yield Commit(*commit, tuple(changes))


def read_blobs(repo: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The bytes of each blob, read through one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), "cat-file", "--batch"],
            input="".join(f"{blob}\n" for blob in wanted).encode(),
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git: not installed (import-git runs git to read the history)") from None
    if done.returncode != 0:
        raise GitError(f"{repo}: git cat-file failed ({done.stderr.decode(errors='replace')})")
    found: dict[str, bytes] = {}
    data, at = done.stdout, 0
    for blob in wanted:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if len(header) != 3:
            raise GitError(f"{repo}: git cat-file: blob {blob} is missing")
        size = int(header[2])
        found[blob] = data[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # the bytes, then a newline
    return found
