"""The diffdoc command line: parse arguments, call the library, map errors. Nothing else.

Every library error (`DiffdocError`) becomes a one-line message on stderr and exit status 2.
Exit statuses follow diff(1): 0 no differences, 1 differences, 2 trouble.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from diffdoc import __version__, docformat
from diffdoc.docformat import document_json
from diffdoc.errors import DiffdocError
from diffdoc.ingest import FORMATS, read_document

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2

F = TypeVar("F", bound=Callable[..., Any])


class DiffdocUsageError(click.ClickException):
    """A library error shown as one line, exit status 2."""

    exit_code = EXIT_TROUBLE

    def show(self, file: Any = None) -> None:
        click.echo(f"diffdoc: error: {self.format_message()}", err=True)


def library_errors(func: F) -> F:
    """Turn DiffdocError (and OS errors writing output) into a one-line message, exit 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DiffdocError as error:
            raise DiffdocUsageError(str(error)) from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diffdoc")
def main() -> None:
    """Compare, version and report on diplomatic texts.

    diffdoc reads documents (text, Markdown, HTML, DOCX, PDF), normalizes them without changing
    their wording, aligns their paragraphs (moves, splits and merges included) and shows the
    word-level changes in the terminal, as Markdown, JSON or a side-by-side HTML report.
    """


# --- reading ----------------------------------------------------------------------------------


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the normalized format (reads back to the same document); json: the blocks.",
)
@click.option(
    "--from",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Input format (default: from the file's content and extension).",
)
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@library_errors
def normalize(file: Path, output: str, fmt: str | None, encoding: str | None) -> None:
    """Read FILE and print its normalized form: title, metadata and blocks."""
    document = read_document(file, fmt=fmt, encoding=encoding)
    if output == "json":
        click.echo(json.dumps(document_json(document), ensure_ascii=False, indent=2))
    else:
        click.echo(docformat.dumps(document), nl=False)


# --- comparing --------------------------------------------------------------------------------

# --- corpus -----------------------------------------------------------------------------------

# --- drafts -----------------------------------------------------------------------------------


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()
