"""The HTML index of `changes -f html -o DIR`: one page of every listed pair (filters by date
and by size of change, sorted by date or size) linking to each wording pair's side-by-side
report in DIR/pairs/.

The index's inline style and script are allowed by their hashes and nothing else (the policy
of every diffdoc page, diffdoc.report.page). Pair reports are rendered on the engine, from the
comparison cache `changes` has just filled. Every file is written under a temporary name and
renamed into place; nothing is written through a symbolic link.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from diffdoc._version import __version__
from diffdoc.archive.changes import ChangeList, PairChange, compare_pair
from diffdoc.corpus import Corpus, safeio
from diffdoc.engine import Engine
from diffdoc.errors import DiffdocError
from diffdoc.models import CompareOptions
from diffdoc.paths import shown
from diffdoc.report.html import render
from diffdoc.report.page import content_security_policy, environment

PAIRS = "pairs"


class ChangesIndexError(DiffdocError):
    """The index folder cannot be written."""


@dataclass(frozen=True)
class RenderTask:
    """One pair's report to render: the corpus, both references, the options."""

    root: str
    old: str
    new: str
    options: CompareOptions


def render_pair(task: RenderTask) -> str:
    """The side-by-side report of one pair (the engine's work)."""
    corpus = Corpus.open(Path(task.root))
    comparison = compare_pair(
        corpus, corpus.resolve(task.old), corpus.resolve(task.new), task.options
    )
    return render(comparison)


def pair_file(change: PairChange) -> str:
    """The report's file name inside pairs/: `DOC--OLD-NEW.html`."""
    return f"{change.doc}--{_label(change.old)}-{_label(change.new)}.html"


def _label(ref: str) -> str:
    return ref.rpartition("@")[2]


def _row(change: PairChange) -> dict[str, Any]:
    return {
        "date": change.new_date or "",
        "doc": change.doc,
        "path": change.path,
        "old": _label(change.old),
        "new": _label(change.new),
        "size": change.words_inserted + change.words_deleted,
        "inserted": change.words_inserted,
        "deleted": change.words_deleted,
        "href": f"{PAIRS}/{pair_file(change)}",
        "changes": [
            {"op": op, "deleted": deleted, "inserted": inserted}
            for op, deleted, inserted in change.first_changes
        ],
        "fields": [key for key, _, _ in change.metadata_changes]
        + (["web addresses in the text"] if change.addresses_only else []),
    }


def render_index(result: ChangeList) -> str:
    """The index page."""
    pages = environment()
    css = pages.get_template("changes.css").render()
    js = pages.get_template("changes.js").render()
    return pages.get_template("changes.html.j2").render(
        {
            "tool": f"diffdoc {__version__}",
            "csp": content_security_policy([css], [js]),
            "css": Markup(css),
            "js": Markup(js),
            "pairs": result.pairs,
            "wording": [_row(c) for c in result.wording],
            "metadata": [_row(c) for c in result.metadata_only],
        }
    )


def _folder(path: Path) -> None:
    """Make `path` a folder of ours: refuse a link, a file or anything else already there."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        try:
            path.mkdir(parents=True)
        except OSError as error:
            raise ChangesIndexError(f"{shown(path)}: cannot create ({error.strerror})") from None
        return
    if stat.S_ISLNK(st.st_mode):
        raise ChangesIndexError(f"{shown(path)}: is a symbolic link; give a real folder")
    if not stat.S_ISDIR(st.st_mode):
        raise ChangesIndexError(f"{shown(path)}: exists and is not a folder")


def _write(path: Path, text: str) -> None:
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ChangesIndexError(f"{shown(path)}: not a regular file; refusing to replace it")
    try:
        safeio.atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise ChangesIndexError(f"{shown(path)}: cannot write ({error.strerror})") from None


def write_index(
    corpus: Corpus,
    result: ChangeList,
    folder: Path,
    *,
    engine: Engine | None = None,
    options: CompareOptions | None = None,
) -> int:
    """Write DIR/index.html and DIR/pairs/*.html; the number of pair reports written."""
    engine = engine or Engine()
    options = options or CompareOptions()
    _folder(folder)
    _folder(folder / PAIRS)
    root = str(corpus.root.resolve())
    wording = result.wording
    reports = engine.map(render_pair, [RenderTask(root, c.old, c.new, options) for c in wording])
    for change, html in zip(wording, reports, strict=True):
        _write(folder / PAIRS / pair_file(change), html)
    _write(folder / "index.html", render_index(result))  # last: it links to the reports
    return len(wording)
