"""From a git history to the files it follows: each file through its renames, with the
commits where its bytes changed.

A *track* is one file as git saw it: it starts where a path is added, follows git's renames,
ends where it is deleted, and starts again if the same path comes back (a deleted and re-added
file is the same document: the id comes from the path). A copy starts a new track. Only the
commits where a matching path's bytes differ from the track's previous version are versions:
a rename without an edit, a mode change, or a file restored with the bytes it had are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from diffdoc.archive.gitlog import Commit

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class GitVersion:
    """One version of a followed file: the commit that made it, the path then, the blob."""

    commit: int  # the commit's position in the history, oldest 0
    commit_id: str
    date: str  # the committer date, UTC, YYYY-MM-DD
    subject: str
    path: str
    blob: str


@dataclass
class Track:
    """One file followed through its renames; `versions` oldest first."""

    paths: list[str] = field(default_factory=list)
    versions: list[GitVersion] = field(default_factory=list)
    last_blob: str | None = None


@lru_cache(maxsize=64)
def glob_pattern(glob: str) -> re.Pattern[str]:
    """A `--glob` as a regular expression over repository paths.

    `*` and `?` stay inside one folder name, `**/` spans any number of folders, `[...]` is a
    class; a pattern without `/` matches the file name in any folder (as in .gitignore).
    """
    if "/" not in glob:
        glob = "**/" + glob
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 2 :]:
            end = glob.index("]", i + 2)
            body = glob[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(path: str, globs: Sequence[str]) -> bool:
    """True when `path` matches one of `globs` (every path when there is none)."""
    return not globs or any(glob_pattern(g).match(path) for g in globs)


def unmatched_globs(commits: Sequence[Commit], globs: Sequence[str]) -> list[str]:
    """The globs that match no path anywhere in the history."""
    paths = {change.path for commit in commits for change in commit.changes}
    return [g for g in globs if not any(glob_pattern(g).match(p) for p in paths)]


def one_line(subject: str) -> str:
    """A commit subject as a one-line note."""
    return CONTROL.sub(" ", subject).strip()


def follow(commits: Sequence[Commit], globs: Sequence[str]) -> list[Track]:
    """Every track with at least one version, ordered by its first version (then path)."""
    tracks: list[Track] = []
    live: dict[str, Track] = {}  # path -> the track living there now
    gone: dict[str, Track] = {}  # path -> the track last deleted from there
    for number, commit in enumerate(commits):
        for change in commit.changes:
            if change.status == "D":
                track = live.pop(change.path, None)
                if track is not None:
                    gone[change.path] = track
                continue
            if change.status == "R" and change.old_path in live:
                track = live.pop(change.old_path)
            elif change.path in live and change.status != "C":
                track = live[change.path]
            else:
                track = gone.pop(change.path, None) or Track()
                if not track.paths:
                    tracks.append(track)
            live[change.path] = track
            if not track.paths or track.paths[-1] != change.path:
                track.paths.append(change.path)
            if not matches(change.path, globs) or change.blob == track.last_blob:
                continue
            track.last_blob = change.blob
            track.versions.append(
                GitVersion(
                    number,
                    commit.id,
                    commit.date,
                    one_line(commit.subject),
                    change.path,
                    change.blob,
                )
            )
    found = [t for t in tracks if t.versions]
    found.sort(key=lambda t: (t.versions[0].commit, t.versions[0].path))
    return found
