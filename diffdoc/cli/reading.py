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
    DiffdocUsageError,
    F,
    corpus_option,
    is_stdout,
    library_errors,
    load_document,
    max_size_option,
    read_pair,
    refuse_overwriting_inputs,
    relabel,
    revisions_option,
    stdout_is_tty,
    write_output,
)
from diffdoc.cli.word import author_option, refuse_terminal, write_redline
from diffdoc.compare import compare as compare_documents
from diffdoc.docformat import document_json
from diffdoc.ingest import FORMATS
from diffdoc.models import CompareOptions, Comparison
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
@click.option("--label", default=None, help="The source label to record (default: the file name).")
@revisions_option
@max_size_option
@corpus_option
@library_errors
def normalize(
    file: Path,
    output: str,
    fmt: str | None,
    encoding: str | None,
    label: str | None,
    revisions: str,
    max_size: int,
    corpus_dir: Path,
) -> None:
    """Read FILE (`-`: standard input, labelled `<stdin>` unless --label says otherwise; or a
    corpus reference, DOC@LABEL) and print its normalized form."""
    document = relabel(load_document(file, fmt, encoding, corpus_dir, max_size, revisions), label)
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


def _reference_options(func: F) -> F:
    """--ignore-labels and --ignore-footnote-refs, shared by `compare` and `report`."""
    for option in reversed(
        [
            click.option(
                "--ignore-labels", is_flag=True,
                help="Paragraph labels that differ (1. and (a), Pp1 and none) are not changes.",
            ),
            click.option(
                "--ignore-footnote-refs", is_flag=True,
                help="Footnote reference numbers glued to words (actions13) are not changes.",
            ),
        ]
    ):  # fmt: skip
        func = option(func)
    return func


def _side_options(func: F) -> F:
    """--from for both sides, --from-old and --from-new for one, --label for the names."""
    for option in reversed(
        [
            click.option(
                "--from", "fmt", type=click.Choice(FORMATS),
                help="Input format of both (default: detected).",
            ),
            click.option(
                "--from-old", "fmt_old", type=click.Choice(FORMATS),
                help="Input format of OLD (overrides --from).",
            ),
            click.option(
                "--from-new", "fmt_new", type=click.Choice(FORMATS),
                help="Input format of NEW (overrides --from).",
            ),
            click.option(
                "--label", "labels", multiple=True,
                help="Name a side in the report instead of its file name (as diff: the first "
                "for OLD, the second for NEW; `-` reads as <stdin> without one).",
            ),
        ]
    ):  # fmt: skip
        func = option(func)
    return func


def _formats(
    fmt: str | None, fmt_old: str | None, fmt_new: str | None
) -> tuple[str | None, str | None]:
    return fmt_old or fmt, fmt_new or fmt


def _old_and_new(files: tuple[Path, ...]) -> tuple[Path, Path]:
    """OLD and NEW; three or more files are a usage error pointing at `history`."""
    if len(files) > 2:
        raise DiffdocUsageError(
            f"compare takes two files (OLD NEW), not {len(files)}; for the changes across "
            "three or more versions use `diffdoc history FILE1 FILE2 FILE3 ... [-o evolution.html]`"
        )
    if len(files) < 2:
        raise DiffdocUsageError("compare takes two files: OLD and NEW (`-` for standard input)")
    return files[0], files[1]


@main.command(name="compare")
@click.argument(
    "files", nargs=-1, metavar="OLD NEW", type=click.Path(dir_okay=False, path_type=Path)
)
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
@_reference_options
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
    help="Colour the text report (auto: when writing to a terminal).",
)  # fmt: skip
@click.option(
    "--stat",
    is_flag=True,
    help="Text report: the summary alone (counts, metadata, one line per changed section).",
)
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Text report: unchanged paragraphs to print before and after each change.",
)
@click.option(
    "--metadata", "metadata_counts", is_flag=True,
    help="Metadata changes (front matter, title, properties) count as differences for the "
    "exit status.",
)  # fmt: skip
@_side_options
@click.option("--encoding", help="Input encoding (default: detected).")
@revisions_option
@max_size_option
@author_option
@corpus_option
@library_errors
def compare_command(
    files: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    strict: bool,
    ignore_case: bool,
    ignore_punctuation: bool,
    ignore_labels: bool,
    ignore_footnote_refs: bool,
    color: str,
    stat: bool,
    context: int,
    metadata_counts: bool,
    fmt: str | None,
    fmt_old: str | None,
    fmt_new: str | None,
    labels: tuple[str, ...],
    encoding: str | None,
    revisions: str,
    max_size: int,
    author: str,
    corpus_dir: Path,
) -> None:
    """Compare two versions of a text: aligned paragraphs and word-level changes.

    OLD and NEW are files (`-`: standard input) or corpus references (DOC, DOC@LABEL, DOC@2,
    DOC@latest~1); an existing file of the same name wins. For three or more versions use
    `diffdoc history FILE1 FILE2 FILE3 ...`.

    `-f docx` writes a Word redline with tracked changes (to stdout only when it is not a
    terminal). Exit status: 0 no wording differences, 1 differences, 2 trouble; metadata
    changes are listed in every format but count only with --metadata.
    """
    old, new = _old_and_new(files)
    if output_format == "docx":
        refuse_terminal(output)
    if output is not None and is_stdout(output):
        output = None  # the terminal-aware path below (colour, pipes) handles stdout
    if output is not None:
        refuse_overwriting_inputs(output, old, new)
    options = CompareOptions(
        strict=strict,
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
        ignore_labels=ignore_labels,
        ignore_footnote_refs=ignore_footnote_refs,
    )
    with paused_gc():  # one pause for the whole command: its objects form no cycles
        formats = _formats(fmt, fmt_old, fmt_new)
        pair = read_pair(old, new, formats, encoding, corpus_dir, max_size, labels, revisions)
        comparison = compare_documents(*pair, options)
        if output_format == "docx":
            write_redline(comparison, output, author)
            sys.exit(_exit_status(comparison, metadata_counts))
        render_options: dict[str, Any] = {}
        if output_format == "text":
            tty = output is None and stdout_is_tty()
            render_options["color"] = color == "always" or (color == "auto" and tty)
            render_options.update(stat=stat, context=context)
        report = render_report(comparison, output_format, **render_options)
        if output is None:
            click.echo(report, nl=False, color=render_options.get("color"))
        else:
            write_output(output, report)
    sys.exit(_exit_status(comparison, metadata_counts))


def _exit_status(comparison: Comparison, metadata_counts: bool) -> int:
    """1 when the wording differs (or, with --metadata, the metadata), else 0."""
    if comparison.stats.changed or (metadata_counts and comparison.metadata_changes):
        return EXIT_DIFFERENT
    return EXIT_SAME


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
@_reference_options
@_side_options
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
    ignore_labels: bool,
    ignore_footnote_refs: bool,
    fmt: str | None,
    fmt_old: str | None,
    fmt_new: str | None,
    labels: tuple[str, ...],
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
        strict=strict,
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
        ignore_labels=ignore_labels,
        ignore_footnote_refs=ignore_footnote_refs,
    )
    pair = read_pair(
        old, new, _formats(fmt, fmt_old, fmt_new), encoding, corpus_dir, max_size, labels, revisions
    )
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
