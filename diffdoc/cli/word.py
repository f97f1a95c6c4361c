"""The Word redline at the command line: `compare -f docx` and `report --format docx`.

A .docx file is binary. Written to a terminal it would only garble the screen, so without `-o`
(or with `-o -`) the redline goes to stdout only when stdout is not a terminal (a pipe or a
redirect); on a terminal the command stops with status 2 before reading anything.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from diffdoc.cli.base import DiffdocUsageError, is_stdout, stdout_is_tty, write_output
from diffdoc.models import Comparison
from diffdoc.report.docx import DEFAULT_AUTHOR, render_docx

F = TypeVar("F", bound=Callable[..., Any])


def author_option(func: F) -> F:
    """--author: the name the redline's tracked changes carry."""
    option = click.option(
        "--author",
        default=DEFAULT_AUTHOR,
        show_default=True,
        help="DOCX: the author of the tracked changes (their date is now, or SOURCE_DATE_EPOCH).",
    )
    return option(func)


def refuse_terminal(output: Path | None) -> None:
    """Stop, before any work, when the binary redline would go to a terminal."""
    if (output is None or is_stdout(output)) and stdout_is_tty():
        raise DiffdocUsageError(
            "<stdout>: is a terminal; a DOCX redline is binary: write it with -o FILE "
            "(or redirect stdout to a file)"
        )


def write_redline(comparison: Comparison, output: Path | None, author: str) -> Path | None:
    """Write the redline to `output` atomically, or to stdout; the path written, if any."""
    data = render_docx(comparison, author=author)
    if output is None or is_stdout(output):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    write_output(output, data)
    return output
