"""How to read a git history for import-git: git itself (`git log --raw -M -z` and one
`git cat-file --batch`, diffdoc.archive.gitlog) against dulwich and pygit2, on the archive
../shared/archives/wh-statements-2024-2026.bundle (cloned into a temporary folder).

Each reader lists every commit of the first-parent line with the files it changed (renames
detected) and reads every blob those changes name. Times are ratios to git itself, measured in
the same run. dulwich and pygit2 are not diffdoc dependencies: the script measures whichever of
them the running Python can import (e.g. a scratch venv with `pip install dulwich pygit2`, and
PYTHONPATH pointing at the diffdoc checkout). Run: python benchmarks/git_readers.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from diffdoc.archive.gitlog import history, read_blobs

BUNDLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "archives"
BUNDLE = BUNDLE / "wh-statements-2024-2026.bundle"


def with_git(repo: Path) -> tuple[int, int]:
    commits = history(repo)
    blobs = read_blobs(
        repo, [c.blob for commit in commits for c in commit.changes if c.status != "D"]
    )
    return len(commits), sum(map(len, blobs.values()))


def with_dulwich(repo: Path) -> tuple[int, int]:
    from dulwich.diff_tree import RenameDetector, tree_changes
    from dulwich.repo import Repo

    store = Repo(str(repo))
    objects = store.object_store
    detector = RenameDetector(objects)
    line = []
    commit = store[store.head()]
    while True:  # the first-parent line, newest first
        line.append(commit)
        if not commit.parents:
            break
        commit = store[commit.parents[0]]
    size = 0
    parent_tree = None
    for commit in reversed(line):
        for change in tree_changes(objects, parent_tree, commit.tree, rename_detector=detector):
            if change.new.sha is not None:
                size += len(objects[change.new.sha].data)
        parent_tree = commit.tree
    return len(line), size


def with_pygit2(repo: Path) -> tuple[int, int]:
    import pygit2

    store = pygit2.Repository(str(repo))
    walker = store.walk(
        store.head.target, pygit2.enums.SortMode.TOPOLOGICAL | pygit2.enums.SortMode.REVERSE
    )
    walker.simplify_first_parent()
    count = size = 0
    for commit in walker:
        count += 1
        if commit.parents:
            diff = store.diff(commit.parents[0], commit)
        else:
            diff = commit.tree.diff_to_tree(swap=True)
        diff.find_similar()
        for delta in diff.deltas:
            if delta.status != pygit2.enums.DeltaStatus.DELETED:
                size += len(store[delta.new_file.id].data)
    return count, size


READERS: dict[str, Callable[[Path], tuple[int, int]]] = {
    "git (log --raw -M, cat-file --batch)": with_git,
    "dulwich": with_dulwich,
    "pygit2": with_pygit2,
}


def main() -> None:
    if not BUNDLE.is_file():
        raise SystemExit(f"{BUNDLE}: missing (the benchmark needs ../shared)")
    work = Path(tempfile.mkdtemp(prefix="diffdoc-git-"))
    try:
        repo = work / "wh"
        subprocess.run(["git", "clone", "-q", str(BUNDLE), str(repo)], check=True)
        reference = None
        for name, reader in READERS.items():
            try:
                start = time.perf_counter()
                commits, size = reader(repo)
                seconds = time.perf_counter() - start
            except ImportError as error:
                print(f"{name:<40} not measured ({error.name} is not installed)")
                continue
            reference = reference or seconds
            print(f"{name:<40} {seconds:6.2f} s ({seconds / reference:5.1f}x git), "
                  f"{commits} commits, {size / 2**20:.1f} MB of blobs")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
