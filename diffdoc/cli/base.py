"""What the commands share: exit statuses, one-line errors, common options, the documents
an argument names, and output written without half-written files."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from diffdoc.corpus import (
    Corpus,
    looks_like_ref,
)
from diffdoc.errors import DiffdocError, InputError, UnknownRefError
from diffdoc.ingest import REVISIONS, read_document
from diffdoc.ingest.limits import MAX_INPUT_BYTES, parse_size, size_text
from diffdoc.models import Document, Source
from diffdoc.output import write_output as write_report_file
from diffdoc.paths import shown
from diffdoc.runtime.pairload import PARALLEL_THRESHOLD, load_pair

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
        except OSError as error:  # the library turns read errors into DiffdocError: this is output
            _abandon_stdout()
            if isinstance(error, BrokenPipeError):  # `diffdoc ... | head`: the reader has gone
                sys.exit(EXIT_TROUBLE)
            raise DiffdocUsageError(f"<stdout>: cannot write: {error.strerror or error}") from None

    return wrapper  # type: ignore[return-value]


def _abandon_stdout() -> None:
    """Point stdout at the null device so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):  # stdout closed, or not a real file
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# Every command that reads a document takes a file or a corpus reference; this says where the
# corpus is (used by the corpus commands and by `load_document`).
corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="DIFFDOC_CORPUS",
    default="corpus",
    show_default=True,
    help="The corpus folder (or set DIFFDOC_CORPUS).",
)


def _byte_size(ctx: click.Context, param: click.Parameter, value: str | int) -> int:
    """`--max-size`: bytes, or `500k`, `200M`, `1G`."""
    if isinstance(value, int):
        return value
    try:
        return parse_size(value)
    except DiffdocError as error:
        raise click.BadParameter(str(error), ctx, param) from None


max_size_option = click.option(
    "--max-size",
    type=str,
    callback=_byte_size,
    default=MAX_INPUT_BYTES,
    envvar="DIFFDOC_MAX_SIZE",
    help=f"Refuse inputs larger than this (200M, 1G...; default {size_text(MAX_INPUT_BYTES)}).",
)


OUTPUT_FORMATS = ("text", "json", "md", "html", "docx")

revisions_option = click.option(
    "--revisions",
    type=click.Choice(REVISIONS),
    default="accept",
    show_default=True,
    help="A DOCX input's tracked changes: accept (its current text) or reject (the text "
    "before the changes).",
)


def load_document(
    arg: Path,
    fmt: str | None,
    encoding: str | None,
    corpus_dir: Path | None = None,
    max_size: int = MAX_INPUT_BYTES,
    revisions: str = "accept",
) -> Document:
    """The document an argument names: a file, or else a corpus reference such as DOC@LABEL.

    A path that exists always wins over a reference spelled the same way. `revisions` says
    how to read a DOCX file's tracked changes (a stored version has none).
    """
    root = corpus_dir or Path(os.environ.get("DIFFDOC_CORPUS", "corpus"))
    if arg.exists() or not looks_like_ref(str(arg)):
        return read_document(
            arg, fmt=fmt, encoding=encoding, max_size=max_size, revisions=revisions
        )
    if not Corpus.is_corpus(root):
        # `draft.txt` is most likely a mistyped file; `DOC@v2` or a bare `DOC` a reference.
        if "@" not in str(arg) and arg.suffix:
            return read_document(
                arg, fmt=fmt, encoding=encoding, max_size=max_size, revisions=revisions
            )
        where = root if root.is_absolute() else f"./{root}"
        raise InputError(
            arg,
            f"no such file, and no corpus at {where} to look up a reference in "
            "(use --corpus or DIFFDOC_CORPUS)",
        )
    corpus = Corpus.open(root)
    try:
        version = corpus.resolve(str(arg))
    except UnknownRefError as error:
        raise InputError(arg, f"no such file, nor a version in the corpus ({error})") from None
    return corpus.load(version)


def read_pair(
    old: Path,
    new: Path,
    formats: tuple[str | None, str | None],
    encoding: str | None,
    corpus_dir: Path | None,
    max_size: int = MAX_INPUT_BYTES,
    labels: Sequence[str] = (),
    revisions: str = "accept",
) -> tuple[Document, Document]:
    """Both sides of a comparison, each read in its format (None: detected) and named by its
    label when one is given (`--label`, as diff: the first for OLD, the second for NEW).
    Large files are read at the same time on two cores; `-` stands for standard input, which
    can be only one of the two."""
    if is_stdout(old) and is_stdout(new):
        raise DiffdocUsageError("OLD and NEW cannot both be standard input (-)")
    if len(labels) > 2:
        raise DiffdocUsageError("--label is given at most twice (OLD's, then NEW's)")
    sizes = [path.stat().st_size if path.is_file() else 0 for path in (old, new)]
    pair = load_pair(
        lambda side: load_document(side[0], side[1], encoding, corpus_dir, max_size, revisions),
        (old, formats[0]),
        (new, formats[1]),
        parallel=sum(sizes) >= PARALLEL_THRESHOLD,
    )
    return relabel(pair[0], labels[0] if labels else None), relabel(
        pair[1], labels[1] if len(labels) > 1 else None
    )


def relabel(document: Document, label: str | None) -> Document:
    """The document named `label` in reports (its source label), or as it is when None."""
    if label is None:
        return document
    source = document.source or Source(label, "")
    return replace(document, source=replace(source, label=label))


def is_stdout(path: Path) -> bool:
    """`-o -` means standard output, as for most Unix tools."""
    return str(path) == "-"


def refuse_overwriting_inputs(output: Path, *inputs: Path) -> None:
    """Stop before comparing when the report would replace one of the documents it compares.

    Same file means the same inode (hard links, symbolic links and `./a.md` vs `a.md` alike);
    a report file that does not exist yet cannot be an input.
    """
    if is_stdout(output) or not output.exists():
        return
    for source in inputs:
        with contextlib.suppress(OSError):  # a corpus reference, or a file that vanished
            if source.exists() and os.path.samefile(source, output):
                raise DiffdocUsageError(
                    f"{shown(output)}: is the input {shown(source)}; writing the report "
                    "there would destroy it (choose another -o)"
                )


def write_output(path: Path, text: str | bytes) -> None:
    """Write a report (text, or the bytes of a binary one): a regular file atomically (no
    half-written file is ever left behind), a device or FIFO directly, through a symbolic link
    to the file it names (diffdoc.output)."""
    corpus = None
    with contextlib.suppress(OSError):  # the file a link at `path` names is what is written
        corpus = Corpus.holding(Path(os.path.realpath(path)))
    if corpus is not None:
        raise DiffdocUsageError(
            f"{shown(path)}: is inside the corpus {shown(corpus)}, whose files only diffdoc "
            "writes (a report there could replace a stored original or the index); choose "
            "another -o"
        )
    write_report_file(path, text.encode("utf-8") if isinstance(text, str) else text)


json_option = click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts.",
)


quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="No progress bar (there is one only on a terminal)."
)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()
