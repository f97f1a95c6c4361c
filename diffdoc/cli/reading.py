"""Reading and comparing: normalize, compare, report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from diffdoc import docformat
from diffdoc.cli.app import main
from diffdoc.cli.base import (
    EXIT_DIFFERENT,
    EXIT_SAME,
    OUTPUT_FORMATS,
    F,
    corpus_option,
    is_stdout,
    library_errors,
    load_document,
    max_size_option,
    read_pair,
    refuse_overwriting_inputs,
    revisions_option,
    stdout_is_tty,
    write_output,
)
from diffdoc.cli.word import author_option, refuse_terminal, write_redline
from diffdoc.compare import compare as compare_documents
from diffdoc.docformat import document_json
from diffdoc.ingest import FORMATS
from diffdoc.models import CompareOptions
from diffdoc.paths import shown
from diffdoc.report import render as render_report
from diffdoc.report.text import summary as report_summary
from diffdoc.runtime.gcpause import paused_gc


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "plain"]),
    default="text",
    show_default=True,
    help="text: the normalized format (reads back to the same document); json: the blocks; "
    "plain: the text alone, a paragraph per line (a textconv for git's word diff).",
)
@click.option(
    "--from",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Input format (default: from the file's content and extension).",
)
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@revisions_option
@max_size_option
@corpus_option
@library_errors
def normalize(
    file: Path,
    output: str,
    fmt: str | None,
    encoding: str | None,
    revisions: str,
    max_size: int,
    corpus_dir: Path,
) -> None:
    """Read FILE (`-`: standard input; or a corpus reference, DOC@LABEL) and print its
    normalized form."""
    document = load_document(file, fmt, encoding, corpus_dir, max_size, revisions)
    if output == "json":
        click.echo(json.dumps(document_json(document), ensure_ascii=False, indent=2))
    elif output == "plain":
        click.echo("\n\n".join(document.texts))
    else:
        click.echo(docformat.dumps(document), nl=False)


def _comparison_options(func: F) -> F:
    """--strict, --ignore-case and --ignore-punctuation, shared by `compare` and `report`."""
    for option in reversed(
        [
            click.option(
                "--strict", is_flag=True, help="Typographic variants (quotes, dashes) are changes."
            ),
            click.option("--ignore-case", is_flag=True, help="Upper and lower case compare equal."),
            click.option("--ignore-punctuation", is_flag=True, help="Punctuation is not compared."),
        ]
    ):
        func = option(func)
    return func


@main.command(name="compare")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-f", "--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="text",
    show_default=True,
    help="Report format: terminal text, JSON contract, Markdown, HTML or a Word redline (docx).",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here (a file is replaced atomically; - for stdout).",
)  # fmt: skip
@_comparison_options
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
    help="Colour the text report (auto: when writing to a terminal).",
)  # fmt: skip
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected).")
@click.option("--encoding", help="Input encoding (default: detected).")
@revisions_option
@max_size_option
@author_option
@corpus_option
@library_errors
def compare_command(
    old: Path,
    new: Path,
    output_format: str,
    output: Path | None,
    strict: bool,
    ignore_case: bool,
    ignore_punctuation: bool,
    color: str,
    fmt: str | None,
    encoding: str | None,
    revisions: str,
    max_size: int,
    author: str,
    corpus_dir: Path,
) -> None:
    """Compare two versions of a text: aligned paragraphs and word-level changes.

    OLD and NEW are files or corpus references (DOC, DOC@LABEL, DOC@2, DOC@latest~1); an
    existing file of the same name wins.

    `-f docx` writes a Word redline with tracked changes (to stdout only when it is not a
    terminal). Exit status: 0 no wording differences, 1 differences, 2 trouble.
    """
    if output_format == "docx":
        refuse_terminal(output)
    if output is not None and is_stdout(output):
        output = None  # the terminal-aware path below (colour, pipes) handles stdout
    if output is not None:
        refuse_overwriting_inputs(output, old, new)
    options = CompareOptions(
        strict=strict, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation
    )
    with paused_gc():  # one pause for the whole command: its objects form no cycles
        pair = read_pair(old, new, fmt, encoding, corpus_dir, max_size, revisions)
        comparison = compare_documents(*pair, options)
        if output_format == "docx":
            write_redline(comparison, output, author)
            sys.exit(EXIT_DIFFERENT if comparison.stats.changed else EXIT_SAME)
        render_options: dict[str, Any] = {}
        if output_format == "text":
            tty = output is None and stdout_is_tty()
            render_options["color"] = color == "always" or (color == "auto" and tty)
        report = render_report(comparison, output_format, **render_options)
        if output is None:
            click.echo(report, nl=False, color=render_options.get("color"))
        else:
            write_output(output, report)
    sys.exit(EXIT_DIFFERENT if comparison.stats.changed else EXIT_SAME)


@main.command(name="report")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="The file to write (replaced atomically; a device or FIFO is written; - for stdout).",
)  # fmt: skip
@click.option(
    "--format", "report_format", type=click.Choice(["html", "docx"]), default="html",
    show_default=True, help="html: the side-by-side page; docx: a Word redline.",
)  # fmt: skip
@_comparison_options
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected).")
@click.option("--encoding", help="Input encoding (default: detected).")
@revisions_option
@max_size_option
@author_option
@corpus_option
@library_errors
def report_command(
    old: Path,
    new: Path,
    output: Path,
    report_format: str,
    strict: bool,
    ignore_case: bool,
    ignore_punctuation: bool,
    fmt: str | None,
    encoding: str | None,
    revisions: str,
    max_size: int,
    author: str,
    corpus_dir: Path,
) -> None:
    """Write a side-by-side HTML report comparing OLD with NEW, and print its path.

    The same as `compare --format html -o FILE`. OLD and NEW are files or corpus references.
    The page is one self-contained file: it opens from disk, makes no network requests and
    reads fine without JavaScript. `--format docx` writes a Word redline with tracked changes
    instead. Exit status: 0 written, 2 trouble.
    """
    if report_format == "docx":
        refuse_terminal(output)
    refuse_overwriting_inputs(output, old, new)
    options = CompareOptions(
        strict=strict, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation
    )
    pair = read_pair(old, new, fmt, encoding, corpus_dir, max_size, revisions)
    comparison = compare_documents(*pair, options)
    if report_format == "docx":
        written = write_redline(comparison, output, author)
        click.echo(f"{written or '<stdout>'}: {report_summary(comparison)}", err=written is None)
        return
    page = render_report(comparison, "html")
    if is_stdout(output):  # the page on stdout; the summary on stderr, so the page stays clean
        click.echo(page, nl=False)
        click.echo(f"<stdout>: {report_summary(comparison)}", err=True)
        return
    write_output(output, page)
    click.echo(f"{shown(output)}: {report_summary(comparison)}")
