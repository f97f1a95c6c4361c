"""`import-git`: every committed version of the files a repository follows, into the corpus.

Three steps, and nothing is written before the first two have passed for every version:

1. plan: the history (gitlog), the files followed through their renames (tracks), a document
   id for each, and the versions the corpus does not hold yet (a second run finds only the
   new commits);
2. check: every new version's bytes read from git and parsed on the engine; a binary or
   unreadable file stops the import here, naming the path and commit;
3. write: the versions, oldest commit first, through `writer.store_versions`.

A version's label is its commit's short id (7 hex digits, `c` in front of one that is all
digits, since a bare number names a version by position), its date the committer date in UTC
(when the change entered the archive; the author date of a rebased or cherry-picked commit can
be years older), its note the commit subject, its source the path in the repository.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from diffdoc.archive.gitlog import GitError, check_repository, history, read_blobs
from diffdoc.archive.tracks import GitVersion, Track, follow, unmatched_globs
from diffdoc.archive.writer import PendingVersion, store_versions
from diffdoc.corpus import Corpus, InvalidNameError, check_doc_id, check_label
from diffdoc.corpus.names import check_series
from diffdoc.corpus.records import check_date
from diffdoc.engine import Engine, Progress
from diffdoc.errors import DiffdocError, InputError, UnknownRefError
from diffdoc.ingest import MAX_INPUT_BYTES, parse_bytes
from diffdoc.models import Document

ID_LENGTH = 80  # room for "-" and a hash of the path within the corpus's 100 characters
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


@dataclass(frozen=True)
class ImportPlan:
    """What an import will store: versions per document id, with what it found."""

    commits: int
    tracks: int
    versions: tuple[PendingVersion, ...]
    already: int  # versions of followed files the corpus already holds


@dataclass(frozen=True)
class ImportResult:
    """What an import stored."""

    plan: ImportPlan
    added: int
    documents_created: int
    unchanged: int  # versions whose bytes the document already held (a file restored)
    without_text: tuple[str, ...] = ()  # versions skipped: an empty file, front matter only


def base_id(path: str) -> str:
    """A document id from a repository path: the file name without its extension, lower
    case, every run of other characters one `-`; a hash of the path when that is not enough."""
    stem = path.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    safe = _UNSAFE.sub("-", stem.lower()).strip("-._")
    safe = re.sub(r"\.{2,}", ".", safe)
    if len(safe) > ID_LENGTH:
        return f"{safe[:ID_LENGTH].rstrip('-._')}-{path_hash(path)}"
    try:
        return check_doc_id(safe)
    except InvalidNameError:
        return f"doc-{path_hash(path)}"


def path_hash(path: str) -> str:
    """Eight hex digits naming a path: what makes two files' ids differ."""
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def label_for(commit_id: str, taken: set[str]) -> str:
    """The short commit id as a label: 7 hex digits (12 if another commit of the same file
    shares the 7), `c` in front when they are all digits."""
    for length in (7, 12, 40):
        label = commit_id[:length]
        label = f"c{label}" if label.isdigit() else label
        if label not in taken:
            return check_label(label)
    raise DiffdocError(f"commit {commit_id} appears twice in one file's history")


def _owner(corpus: Corpus, doc_id: str) -> set[str] | None:
    """The source paths of a document already in the corpus; None when there is none."""
    try:
        _, versions = corpus.history(doc_id)
    except UnknownRefError:
        return None
    return {v.source_name for v in versions}


def assign_ids(corpus: Corpus, tracks: Sequence[Track]) -> list[str]:
    """A document id for each track, stable from run to run.

    The id of the file's first path; when two followed files would share it, or the corpus
    holds a document of that id from another source, the id takes a hash of the path.
    """
    wanted = [base_id(t.versions[0].path) for t in tracks]
    claims: dict[str, int] = {}
    for doc_id in wanted:
        claims[doc_id] = claims.get(doc_id, 0) + 1
    ids = []
    for track, doc_id in zip(tracks, wanted, strict=True):
        owner = _owner(corpus, doc_id)
        ours = owner is not None and bool(owner & set(track.paths))
        if not ours and (owner is not None or claims[doc_id] > 1):
            doc_id = f"{doc_id[:ID_LENGTH].rstrip('-._')}-{path_hash(track.versions[0].path)}"
        ids.append(doc_id)
    if len(set(ids)) != len(ids):
        raise DiffdocError("two followed files end up with the same document id")
    return ids


def plan_import(
    corpus: Corpus, repo: Path, globs: Sequence[str], since: str | None, series: str | None
) -> ImportPlan:
    """What importing `repo` would add to the corpus; raises before anything is written."""
    if since is not None:
        check_date(since)
    if series is not None:
        check_series(series)
    check_repository(repo)
    commits = history(repo)
    missing = unmatched_globs(commits, globs)
    if missing:
        raise GitError(f"{repo}: --glob {missing[0]!r} matches no file in the history")
    tracks = follow(commits, globs)
    if not tracks:
        raise GitError(f"{repo}: no file to import (the history holds no matching file)")
    pending: list[PendingVersion] = []
    already = 0
    for track, doc_id in zip(tracks, assign_ids(corpus, tracks), strict=True):
        try:
            _, stored = corpus.history(doc_id)
        except UnknownRefError:
            stored = []
        labels = {v.label for v in stored}
        versions = [v for v in track.versions if since is None or v.date >= since]
        taken: set[str] = set()
        chosen = []
        for version in versions:
            label = label_for(version.commit_id, taken)
            taken.add(label)
            chosen.append((version, label))
        newest_stored = max((i for i, (_, lb) in enumerate(chosen) if lb in labels), default=-1)
        already += newest_stored + 1
        for version, label in chosen[newest_stored + 1 :]:
            pending.append(_pending(doc_id, label, version, series))
    pending.sort(key=lambda p: (p.commit, p.path))
    return ImportPlan(len(commits), len(tracks), tuple(pending), already)


def _pending(doc_id: str, label: str, version: GitVersion, series: str | None) -> PendingVersion:
    return PendingVersion(
        doc_id=doc_id,
        label=label,
        date=version.date,
        note=version.subject or None,
        path=version.path,
        blob=version.blob,
        commit=version.commit,
        series=series,
    )


def check_version(
    item: tuple[str, str, bytes], *, max_size: int = MAX_INPUT_BYTES
) -> Document | tuple[str, str]:
    """The document `(path, label, bytes)` reads as, else `("empty", why)` for a version
    without wording (skipped) or `("error", why)`: the engine's work in the check step."""
    path, label, data = item
    try:
        # The path's extension hints the format, as a file name does for `add`.
        return parse_bytes(data, name=path, max_size=max_size)
    except InputError as error:
        empty = error.problem == "empty file" or error.problem.startswith("no text")
        return ("empty" if empty else "error", f"{path} (commit {label}): {error.problem}")


def import_git(
    corpus: Corpus,
    repo: Path,
    *,
    globs: Sequence[str] = (),
    since: str | None = None,
    series: str | None = None,
    engine: Engine | None = None,
    max_size: int = MAX_INPUT_BYTES,
    progress: Callable[[str, int], Progress] | None = None,
) -> ImportResult:
    """Import every new version of the matching files of `repo` (see the module's doc)."""
    plan = plan_import(corpus, repo, globs, since, series)
    engine = engine or Engine()
    blobs = read_blobs(repo, [p.blob for p in plan.versions])
    named = [(p.path, p.label, blobs[p.blob]) for p in plan.versions]
    problems = engine.map(
        partial(check_version, max_size=max_size),
        named,
        progress=progress("checking", len(named)) if progress else None,
    )
    for checked in problems:
        if isinstance(checked, tuple) and checked[0] == "error":
            raise DiffdocError(f"{repo}: {checked[1]} (nothing imported)")
    # A scraper that caught a page before its text (front matter only, or an empty file)
    # committed a state the corpus cannot hold as a text: it is skipped, and counted.
    parsed = {
        (p.doc_id, p.label): checked
        for p, checked in zip(plan.versions, problems, strict=True)
        if isinstance(checked, Document)
    }
    storable = [p for p in plan.versions if (p.doc_id, p.label) in parsed]
    written = store_versions(
        corpus,
        storable,
        blobs,
        parsed,
        progress=progress("storing", len(storable)) if progress else None,
    )
    skipped = tuple(
        f"{p.path} (commit {p.label})" for p in plan.versions if (p.doc_id, p.label) not in parsed
    )
    return ImportResult(plan, written.added, written.documents_created, written.unchanged, skipped)
