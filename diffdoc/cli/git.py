"""git: `diffdoc git-diff`, a command for git's external diff protocol.

git runs an external diff once per changed file with seven arguments (path, old file, old hex,
old mode, new file, new hex, new mode), nine for a rename (plus the new path and git's rename
lines), and one for an unmerged path. A side that does not exist (an added or deleted file) is
`/dev/null`. The command prints the terminal report for that file under a header naming its
path, prints nothing when the wording did not change (a re-wrap, a paragraph split without a
word changed), and exits 0 so that git goes on to the next file: a file diffdoc cannot read is
a line in the diff (`diffdoc: cannot compare ...`), not a stop.

Colour follows git: `--color auto` colours when stdout is a terminal or when git's pager is in
use (git sets GIT_PAGER_IN_USE when it pipes its output into the pager), never on a pipe.
"""

from __future__ import annotations

import dataclasses
import os
import sys

import click

from diffdoc.cli.app import main
from diffdoc.cli.base import EXIT_SAME, EXIT_TROUBLE, library_errors, stdout_is_tty
from diffdoc.cli.reading import _comparison_options
from diffdoc.compare import compare
from diffdoc.errors import DiffdocError
from diffdoc.ingest import FORMATS, parse_bytes
from diffdoc.ingest.limits import read_input
from diffdoc.models import CompareOptions, Document, Source
from diffdoc.report.text import BOLD, RESET
from diffdoc.report.text import render as render_text

NULL = "/dev/null"
ARGUMENT_COUNTS = (1, 7, 9)


@dataclasses.dataclass(frozen=True)
class FilePair:
    """What git passes for one file: its path(s), the two sides, and any rename lines."""

    old_path: str
    new_path: str
    old_file: str
    new_file: str
    rename: str = ""

    @classmethod
    def from_arguments(cls, args: tuple[str, ...]) -> FilePair:
        path, old_file, _old_hex, _old_mode, new_file, _new_hex, _new_mode = args[:7]
        new_path, rename = (args[7], args[8]) if len(args) == 9 else (path, "")
        return cls(path, new_path, old_file, new_file, rename)

    @property
    def header(self) -> str:
        old = NULL if self.old_file == NULL else f"a/{self.old_path}"
        new = NULL if self.new_file == NULL else f"b/{self.new_path}"
        return f"diff --diffdoc {old} {new}"


def _side(file: str, path: str, label: str, fmt: str | None, encoding: str | None) -> Document:
    """One side as a document labelled for the diff; /dev/null and an empty file are empty."""
    if file == NULL:
        return Document(title="", blocks=(), source=Source(NULL, ""))
    data = read_input(file)  # regular files only, at most the default --max-size
    if not data.strip():
        return Document(title="", blocks=(), source=Source(label, ""))
    # The path in the repository, not git's temporary file, tells the format and names it.
    document = parse_bytes(data, name=path, fmt=fmt, encoding=encoding)
    source = document.source or Source(label, "")
    return dataclasses.replace(document, source=dataclasses.replace(source, label=label))


def _colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return stdout_is_tty() or os.environ.get("GIT_PAGER_IN_USE", "") in ("true", "1")


def diff_text(
    pair: FilePair,
    options: CompareOptions,
    *,
    color: bool = False,
    fmt: str | None = None,
    encoding: str | None = None,
) -> str:
    """What `git diff` shows for one file: "" when its wording did not change."""
    header = f"{BOLD}{pair.header}{RESET}" if color else pair.header
    extra = [line for line in pair.rename.splitlines() if line.strip()]
    try:
        old = _side(pair.old_file, pair.old_path, f"a/{pair.old_path}", fmt, encoding)
        new = _side(pair.new_file, pair.new_path, f"b/{pair.new_path}", fmt, encoding)
    except DiffdocError as error:
        return "\n".join([header, *extra, f"diffdoc: cannot compare: {error}"]) + "\n"
    comparison = compare(old, new, options)
    added_or_deleted = NULL in (pair.old_file, pair.new_file)
    if not (comparison.stats.changed or added_or_deleted):
        return "\n".join([header, *extra]) + "\n" if extra else ""
    return "\n".join([header, *extra]) + "\n" + render_text(comparison, color=color)


@main.command(
    name="git-diff", context_settings={"ignore_unknown_options": True, "allow_extra_args": False}
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@_comparison_options
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
    help="Colour (auto: on a terminal or in git's pager, never on a pipe).",
)  # fmt: skip
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected).")
@click.option("--encoding", help="Input encoding (default: detected).")
@library_errors
def git_diff_command(
    args: tuple[str, ...],
    strict: bool,
    ignore_case: bool,
    ignore_punctuation: bool,
    color: str,
    fmt: str | None,
    encoding: str | None,
) -> None:
    """git's external diff: the wording changes of one file, for `git diff --ext-diff`.

    git passes PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE (and NEW-PATH and the
    rename lines for a rename). Set it up with `git config diff.diffdoc.command "diffdoc
    git-diff"` and `*.md diff=diffdoc` in .gitattributes. Prints nothing when only the layout
    changed. Exit status: 0 (so git goes on), 2 for arguments git would not pass.
    """
    if len(args) not in ARGUMENT_COUNTS:
        click.echo(
            f"diffdoc: error: git-diff takes the 7 arguments git passes an external diff "
            f"(9 for a rename), not {len(args)}",
            err=True,
        )
        sys.exit(EXIT_TROUBLE)
    if len(args) == 1:
        click.echo(f"* Unmerged path {args[0]}")
        sys.exit(EXIT_SAME)
    options = CompareOptions(
        strict=strict, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation
    )
    use_colour = _colour(color)
    text = diff_text(
        FilePair.from_arguments(args), options, color=use_colour, fmt=fmt, encoding=encoding
    )
    click.echo(text, nl=False, color=use_colour)
    sys.exit(EXIT_SAME)
