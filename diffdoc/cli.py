"""The diffdoc command line: parse arguments, call the library, map errors. Nothing else.

Every library error (`DiffdocError`) becomes a one-line message on stderr and exit status 2.
Exit statuses follow diff(1): 0 no differences, 1 differences, 2 trouble.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from diffdoc import __version__
from diffdoc.errors import DiffdocError

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

# --- comparing --------------------------------------------------------------------------------

# --- corpus -----------------------------------------------------------------------------------

# --- drafts -----------------------------------------------------------------------------------


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()
