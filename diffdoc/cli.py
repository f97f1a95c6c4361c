"""The diffdoc command line: parse arguments, call the library, map errors. Nothing else.

Every library error (`DiffdocError`) becomes a one-line message on stderr and exit status 2.
Exit statuses follow diff(1): 0 no differences, 1 differences, 2 trouble.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from diffdoc import __version__, docformat
from diffdoc.compare import compare as compare_documents
from diffdoc.corpus import (
    EXPORT_FORMATS,
    Corpus,
    add_version,
    export_text,
    looks_like_ref,
    parse_ref,
    version_data,
)
from diffdoc.corpus import history as corpus_history
from diffdoc.corpus import remove as remove_from_corpus
from diffdoc.corpus import verify as verify_corpus
from diffdoc.corpus.safeio import atomic_write
from diffdoc.docformat import document_json
from diffdoc.drafts.brackets import BracketCounts, bracket_series
from diffdoc.drafts.render import (
    blame_data,
    blame_lines,
    bracket_text,
    history_data,
    history_lines,
    summary_lines,
    trace_data,
    trace_lines,
    version_rows,
)
from diffdoc.drafts.series import corpus_brackets, corpus_lineage, corpus_trace
from diffdoc.drafts.trace import match_key
from diffdoc.errors import DiffdocError, InputError, UnknownRefError
from diffdoc.ingest import FORMATS, read_document
from diffdoc.models import CompareOptions, Document, Stats
from diffdoc.normalize import KeyConfig
from diffdoc.report import render as render_report
from diffdoc.report.text import summary as report_summary
from diffdoc.runtime.gcpause import paused_gc
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


# `diffdoc --help` lists the commands by what they are for, each with a summary that fits.
COMMAND_GROUPS: dict[str, dict[str, str]] = {
    "Reading and comparing": {
        "normalize": "Print a document's normalized form (text or JSON).",
        "compare": "Compare two texts, paragraph by paragraph and word by word.",
        "report": "Write the side-by-side HTML change report.",
    },
    "The corpus of versions": {
        "init": "Create a corpus folder.",
        "add": "Store a file as a new version of a document.",
        "list": "List the documents (of a series).",
        "log": "A document's versions, with the changes between them.",
        "show": "Print a stored version (normalized, or the original bytes).",
        "export": "Export a stored version as text, Markdown or JSON.",
        "verify": "Recompute every hash; report missing, extra or altered files.",
        "remove": "Remove a version or a whole document.",
    },
    "Following drafts": {
        "blame": "Which version brought in, and last changed, each paragraph.",
        "history": "A paragraph over every version, or the evolution report.",
        "trace": "Where a phrase occurs, first appeared and disappeared.",
    },
}


class GroupedCommands(click.Group):
    """A click group whose help lists its commands under COMMAND_GROUPS' headings."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        listed = {name for group in COMMAND_GROUPS.values() for name in group}
        others = {name: "" for name in self.list_commands(ctx) if name not in listed}
        for heading, commands in [*COMMAND_GROUPS.items(), ("Other commands", others)]:
            rows = [
                (name, summary or self._summary(ctx, name))
                for name, summary in commands.items()
                if self.get_command(ctx, name) is not None
            ]
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)

    def _summary(self, ctx: click.Context, name: str) -> str:
        command = self.get_command(ctx, name)
        return command.get_short_help_str(limit=200) if command else ""


@click.group(cls=GroupedCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diffdoc")
def main() -> None:
    """Compare, version and report on diplomatic texts.

    diffdoc reads documents (text, Markdown, HTML, DOCX, PDF), normalizes them without changing
    their wording, aligns their paragraphs (moves, splits and merges included) and shows the
    word-level changes in the terminal, as Markdown, JSON or a side-by-side HTML report.
    """


# Every command that reads a document takes a file or a corpus reference; this says where the
# corpus is (used by the corpus commands and by `_load_document`).
_corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="DIFFDOC_CORPUS",
    default="corpus",
    show_default=True,
    help="The corpus folder (or set DIFFDOC_CORPUS).",
)


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
@_corpus_option
@library_errors
def normalize(
    file: Path, output: str, fmt: str | None, encoding: str | None, corpus_dir: Path
) -> None:
    """Read FILE (or a corpus reference, DOC@LABEL) and print its normalized form."""
    document = _load_document(file, fmt, encoding, corpus_dir)
    if output == "json":
        click.echo(json.dumps(document_json(document), ensure_ascii=False, indent=2))
    else:
        click.echo(docformat.dumps(document), nl=False)


# --- comparing --------------------------------------------------------------------------------

OUTPUT_FORMATS = ("text", "json", "md", "html")


def _load_document(
    arg: Path, fmt: str | None, encoding: str | None, corpus_dir: Path | None = None
) -> Document:
    """The document an argument names: a file, or else a corpus reference such as DOC@LABEL.

    A path that exists always wins over a reference spelled the same way.
    """
    root = corpus_dir or Path(os.environ.get("DIFFDOC_CORPUS", "corpus"))
    if arg.exists() or not looks_like_ref(str(arg)):
        return read_document(arg, fmt=fmt, encoding=encoding)
    if not Corpus.is_corpus(root):
        # `draft.txt` is most likely a mistyped file; `DOC@v2` or a bare `DOC` a reference.
        if "@" not in str(arg) and arg.suffix:
            return read_document(arg, fmt=fmt, encoding=encoding)
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


def _load_pair(
    old: Path, new: Path, fmt: str | None, encoding: str | None, corpus_dir: Path | None
) -> tuple[Document, Document]:
    """Both sides of a comparison; large files are read at the same time on two cores."""
    sizes = [path.stat().st_size if path.is_file() else 0 for path in (old, new)]
    return load_pair(
        lambda arg: _load_document(arg, fmt, encoding, corpus_dir),
        old,
        new,
        parallel=sum(sizes) >= PARALLEL_THRESHOLD,
    )


def _is_stdout(path: Path) -> bool:
    """`-o -` means standard output, as for most Unix tools."""
    return str(path) == "-"


def _refuse_overwriting_inputs(output: Path, *inputs: Path) -> None:
    """Stop before comparing when the report would replace one of the documents it compares.

    Same file means the same inode (hard links, symbolic links and `./a.md` vs `a.md` alike);
    a report file that does not exist yet cannot be an input.
    """
    if _is_stdout(output) or not output.exists():
        return
    for source in inputs:
        with contextlib.suppress(OSError):  # a corpus reference, or a file that vanished
            if source.exists() and os.path.samefile(source, output):
                raise DiffdocUsageError(
                    f"{output}: is the input {source}; writing the report there would "
                    "destroy it (choose another -o)"
                )


def _write_output(path: Path, text: str) -> None:
    """Write a report atomically: on any error no half-written file is left behind."""
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise DiffdocUsageError(f"{path}: cannot write: {error.strerror or error}") from None


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
    show_default=True, help="Report format: terminal text, JSON contract, Markdown or HTML.",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (replaced atomically; - for stdout).",
)  # fmt: skip
@_comparison_options
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
    help="Colour the text report (auto: when writing to a terminal).",
)  # fmt: skip
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected).")
@click.option("--encoding", help="Input encoding (default: detected).")
@_corpus_option
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
    corpus_dir: Path,
) -> None:
    """Compare two versions of a text: aligned paragraphs and word-level changes.

    OLD and NEW are files or corpus references (DOC, DOC@LABEL, DOC@2, DOC@latest~1); an
    existing file of the same name wins.

    Exit status: 0 no wording differences, 1 differences, 2 trouble.
    """
    if output is not None and _is_stdout(output):
        output = None  # the terminal-aware path below (colour, pipes) handles stdout
    if output is not None:
        _refuse_overwriting_inputs(output, old, new)
    options = CompareOptions(
        strict=strict, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation
    )
    with paused_gc():  # one pause for the whole command: its objects form no cycles
        comparison = compare_documents(*_load_pair(old, new, fmt, encoding, corpus_dir), options)
        render_options: dict[str, Any] = {}
        if output_format == "text":
            tty = output is None and _stdout_is_tty()
            render_options["color"] = color == "always" or (color == "auto" and tty)
        report = render_report(comparison, output_format, **render_options)
        if output is None:
            click.echo(report, nl=False, color=render_options.get("color"))
        else:
            _write_output(output, report)
    sys.exit(EXIT_DIFFERENT if comparison.stats.changed else EXIT_SAME)


@main.command(name="report")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="The HTML file to write (replaced atomically; - for stdout).",
)  # fmt: skip
@_comparison_options
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected).")
@click.option("--encoding", help="Input encoding (default: detected).")
@_corpus_option
@library_errors
def report_command(
    old: Path,
    new: Path,
    output: Path,
    strict: bool,
    ignore_case: bool,
    ignore_punctuation: bool,
    fmt: str | None,
    encoding: str | None,
    corpus_dir: Path,
) -> None:
    """Write a side-by-side HTML report comparing OLD with NEW, and print its path.

    The same as `compare --format html -o FILE`. OLD and NEW are files or corpus references.
    The page is one self-contained file: it opens from disk, makes no network requests and
    reads fine without JavaScript. Exit status: 0 written, 2 trouble.
    """
    _refuse_overwriting_inputs(output, old, new)
    options = CompareOptions(
        strict=strict, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation
    )
    comparison = compare_documents(*_load_pair(old, new, fmt, encoding, corpus_dir), options)
    page = render_report(comparison, "html")
    if _is_stdout(output):  # the page on stdout; the summary on stderr, so the page stays clean
        click.echo(page, nl=False)
        click.echo(f"<stdout>: {report_summary(comparison)}", err=True)
        return
    _write_output(output, page)
    click.echo(f"{output}: {report_summary(comparison)}")


# --- corpus -----------------------------------------------------------------------------------

_json_option = click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts.",
)


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@_corpus_option
@library_errors
def init(directory: Path | None, corpus_dir: Path) -> None:
    """Create a corpus in DIRECTORY (default: the --corpus folder, ./corpus)."""
    root = directory or corpus_dir
    _, created = Corpus.init(root)
    click.echo(f"{'created' if created else 'already a corpus:'} {root}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--doc", "doc_id", required=True, help="Document id, e.g. sco-declaration-2002.")
@click.option("--version", "label", help="Version label (default: v1, v2, ...).")
@click.option("--date", help="The version's date, YYYY-MM-DD (default: from the file, if any).")
@click.option("--title", help="Document title (default: the first version's title).")
@click.option("--lang", help="Document language, e.g. en.")
@click.option("--series", help="Series grouping related documents, e.g. sco-summit-declarations.")
@click.option("--note", help="A note on this version.")
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected).")
@click.option("--encoding", help="Input encoding (default: detected).")
@_corpus_option
@library_errors
def add(file: Path, doc_id: str, corpus_dir: Path, **options: Any) -> None:
    """Store FILE as a new version of document DOC (identical bytes are not stored twice)."""
    corpus = Corpus.open(corpus_dir)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise DiffdocUsageError(f"{file}: cannot read ({error.strerror})") from None
    result = add_version(corpus, data, name=str(file), doc_id=doc_id, **options)
    if not result.added:
        click.echo(f"{file}: already stored as {result.version.ref}; nothing added")
        return
    what = "new document" if result.new_document else "version"
    click.echo(f"added {result.version.ref} (#{result.version.number}, {what})")
    if result.same_text_as is not None:
        click.echo(f"  same normalized text as {result.same_text_as.ref} (the bytes differ)")
    if result.updated:
        click.echo(f"  updated document {', '.join(result.updated)}")


@main.command(name="list")
@click.option("--series", help="Only the documents of this series.")
@_json_option
@_corpus_option
@library_errors
def list_documents(series: str | None, output: str, corpus_dir: Path) -> None:
    """List the documents: id, number of versions, latest version, series and title."""
    summaries = Corpus.open(corpus_dir).summaries(series)
    if output == "json":
        _echo_json(
            [
                {
                    **asdict(s.document),
                    "versions": s.version_count,
                    "latest": s.latest.label if s.latest else None,
                    "latest_date": s.latest.date if s.latest else None,
                }
                for s in summaries
            ]
        )
        return
    for s in summaries:
        latest = f"@{s.latest.label}" if s.latest else "-"
        series_name = s.document.series or "-"
        click.echo(
            f"{s.document.id}  {s.version_count} version(s), latest {latest}  "
            f"[{series_name}]  {s.document.title}"
        )


@main.command()
@click.argument("ref")
@click.option("--raw", is_flag=True, help="Print the original bytes exactly as added.")
@_json_option
@_corpus_option
@library_errors
def show(ref: str, raw: bool, output: str, corpus_dir: Path) -> None:
    """Print a stored version (REF: DOC, DOC@LABEL, DOC@2, DOC@latest~1) in normalized form."""
    if raw and output == "json":
        raise DiffdocUsageError(
            "--raw prints the original bytes as added; it takes no --format json"
        )
    corpus = Corpus.open(corpus_dir)
    version = corpus.resolve(ref)
    if raw:
        sys.stdout.buffer.write(corpus.original(version))
        sys.stdout.buffer.flush()
    elif output == "json":
        document, _ = corpus.history(version.doc_id)
        _echo_json(version_data(document, version, corpus.load(version)))
    else:
        click.echo(corpus.text(version), nl=False)


def _change_summary(stats: Stats | None) -> str:
    if stats is None:
        return "first version"
    if not stats.changed:
        return "no wording change"
    done = {
        "modify": "modified",
        "insert": "inserted",
        "delete": "deleted",
        "move": "moved",
        "merge": "merged",
    }
    ops = [
        f"{getattr(stats, op)} {done.get(op, op)}"
        for op in ("modify", "insert", "delete", "move", "split", "merge")
        if getattr(stats, op)
    ]
    return f"+{stats.words_inserted}/-{stats.words_deleted} words; " + ", ".join(ops)


@main.command()
@click.argument("doc")
@click.option("--stats/--no-stats", default=True, help="Compare each version with the one before.")
@click.option(
    "--brackets", is_flag=True, help="Count negotiation brackets: open, new, resolved, dropped."
)
@_json_option
@_corpus_option
@library_errors
def log(doc: str, stats: bool, brackets: bool, output: str, corpus_dir: Path) -> None:
    """Show the versions of DOC in order: number, label, date, note and changes."""

    def measure(old: Document, new: Document) -> Stats:
        return compare_documents(old, new, CompareOptions()).stats

    parsed = parse_ref(doc)
    if not parsed.is_bare:
        raise DiffdocUsageError(
            f"{doc}: log takes a document id, not a version (use `diffdoc log {parsed.doc_id}`)"
        )
    corpus = Corpus.open(corpus_dir)
    document, entries = corpus_history(
        corpus, parsed.doc_id, measure if stats else None, tool=f"diffdoc {__version__}"
    )
    counts = _bracket_counts(corpus, document.id) if brackets else {}
    if output == "json":
        _echo_json(
            {
                "document": asdict(document),
                "versions": [
                    {
                        **asdict(e.version),
                        "changes": asdict(e.changes) if e.changes is not None else None,
                        **({"brackets": counts[e.version.number]} if brackets else {}),
                    }
                    for e in entries
                ],
            }
        )
        return
    click.echo(f"{document.id}: {document.title} ({len(entries)} version(s))")
    for e in entries:
        v = e.version
        parts = [f"{v.number:>3}", f"@{v.label}", v.date or f"{'no date':<10}", v.source_name]
        if v.note:
            parts.append(f"“{v.note}”")
        if stats:
            parts.append(_change_summary(e.changes))
        if brackets:
            parts.append(bracket_text(BracketCounts(**counts[v.number])))
        click.echo("  ".join(parts))


@main.command()
@click.option(
    "--rebuild-index/--no-rebuild-index",
    default=True,
    help="Rebuild the index from the files when they are sound (default).",
)
@_corpus_option
@library_errors
def verify(rebuild_index: bool, corpus_dir: Path) -> None:
    """Recompute every hash; report missing, extra or altered files (exit 1 on problems)."""
    report = verify_corpus(Corpus.open(corpus_dir), rebuild_index=rebuild_index)
    for problem in report.problems:
        click.echo(f"problem: {problem}")
    for note in report.notes:
        click.echo(f"note: {note}")
    counts = (
        f"{report.documents} document(s), {report.versions} version(s), "
        f"{report.objects} original(s)"
    )
    if not report.ok:
        click.echo(f"{corpus_dir}: {len(report.problems)} problem(s) in {counts}")
        sys.exit(EXIT_DIFFERENT)
    rebuilt = "; index rebuilt" if report.index_rebuilt else ""
    click.echo(f"{corpus_dir}: ok, {counts}{rebuilt}")


@main.command()
@click.argument("ref")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="txt",
    show_default=True,
    help="txt: the paragraphs as plain text; md: Markdown with front matter; "
    "json: metadata and blocks (kind, text, comparison key, section, label).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@_corpus_option
@library_errors
def export(ref: str, fmt: str, output: Path | None, corpus_dir: Path) -> None:
    """Export a stored version as plain text, Markdown or JSON."""
    corpus = Corpus.open(corpus_dir)
    version = corpus.resolve(ref)
    document, _ = corpus.history(version.doc_id)
    text = export_text(document, version, corpus.load(version), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    _write_output(output, text)
    click.echo(f"wrote {output}")


@main.command()
@click.argument("ref")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_corpus_option
@library_errors
def remove(ref: str, yes: bool, corpus_dir: Path) -> None:
    """Remove a version (DOC@LABEL), or a whole document with all its versions (bare DOC)."""
    corpus = Corpus.open(corpus_dir)
    parsed = parse_ref(ref)
    if parsed.is_bare:
        _, versions = corpus.history(parsed.doc_id)
        what = f"document {parsed.doc_id} and its {len(versions)} version(s)"
    else:
        what = f"version {corpus.resolve(parsed).ref}"
    if not yes:
        click.confirm(f"Remove {what}?", default=False, abort=True, err=True)
    result = remove_from_corpus(corpus, parsed)
    removed = ", ".join(v.ref for v in result.versions)
    suffix = f" (document {result.doc_id} removed)" if result.whole_document else ""
    click.echo(f"removed {removed}{suffix}")


# --- drafts -----------------------------------------------------------------------------------


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def _bracket_counts(corpus: Corpus, doc_id: str) -> dict[int, dict[str, int]]:
    """Bracket counts of each version of a document, by version number."""
    _, counts = corpus_brackets(corpus, doc_id)
    return {version.number: asdict(c) for version, c in counts}


@main.command()
@click.argument("ref")
@click.option("--words", is_flag=True, help="Also show which version introduced each phrase.")
@_json_option
@_corpus_option
@library_errors
def blame(ref: str, words: bool, output: str, corpus_dir: Path) -> None:
    """Each paragraph of a version with the versions that introduced and last changed it.

    Columns: paragraph number (as `history --paragraph` takes it), the version that introduced
    the paragraph, the version that last changed its wording, and its text.
    """
    corpus = Corpus.open(corpus_dir)
    version = corpus.resolve(ref)
    series = corpus_lineage(corpus, version.doc_id, upto=version)
    position = series.position(version)
    if output == "json":
        rows = blame_data(series.lineage, position, words=words)
        _echo_json({"version": version.ref, "paragraphs": rows})
        return
    for line in blame_lines(series.lineage, position, words=words):
        click.echo(line)


@main.command()
@click.argument("doc")
@click.option(
    "--paragraph",
    "number",
    type=click.IntRange(min=1),
    help="Follow paragraph N of DOC's version (numbered as `blame` shows them).",
)
@click.option(
    "-o",
    "--output",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the evolution report (one HTML page) here.",
)
@_json_option
@_corpus_option
@library_errors
def history(
    doc: str, number: int | None, report_path: Path | None, output: str, corpus_dir: Path
) -> None:
    """The evolution of DOC over its versions, of one paragraph, or as an HTML report.

    Without options: one line per version (paragraphs, words, changes, open brackets). With
    --paragraph N: that paragraph's wording in every version, changes marked
    [-deleted-]{+inserted+}. With -o FILE: the evolution report. DOC@VERSION ends the summary
    and the report at that version.
    """
    if number is not None and report_path is not None:
        raise DiffdocUsageError("give --paragraph or -o, not both")
    corpus = Corpus.open(corpus_dir)
    ref = parse_ref(doc)
    # DOC@VERSION: the report and the summary stop at that version; --paragraph follows the
    # paragraph of that version through the whole series.
    upto = None if ref.is_bare or number is not None else corpus.resolve(ref)
    series = corpus_lineage(corpus, ref.doc_id, upto=upto)
    lineage = series.lineage
    if number is None:
        documents = [v.document for v in lineage.versions]
        counts = bracket_series(documents, lineage.comparisons)
    if report_path is not None:
        from diffdoc.drafts.evolution import render_evolution

        page = render_evolution(
            lineage, counts, doc_id=series.document.id, title=series.document.title
        )
        _write_output(report_path, page)
        click.echo(f"wrote {report_path}")
        return
    if number is None:
        rows = version_rows(lineage, counts)
        if output == "json":
            _echo_json({"document": asdict(series.document), "versions": rows})
        else:
            click.echo(f"{series.document.id}: {series.document.title}")
            for line in summary_lines(rows):
                click.echo(line)
        return
    position = len(series.records) - 1 if ref.is_bare else series.position(corpus.resolve(ref))
    blocks = lineage.versions[position].document.blocks
    if number > len(blocks):
        label = series.records[position].ref
        raise DiffdocUsageError(f"{label}: no paragraph {number} (it has {len(blocks)})")
    if output == "json":
        _echo_json(history_data(lineage, position, number - 1))
        return
    for line in history_lines(lineage, position, number - 1):
        click.echo(line)


@main.command()
@click.argument("phrase")
@click.option("--doc", "doc_id", help="Search only this document's versions.")
@click.option("--series", help="Search the documents of this series.")
@click.option("--ignore-case", is_flag=True, help="Upper and lower case match each other.")
@_json_option
@_corpus_option
@library_errors
def trace(
    phrase: str,
    doc_id: str | None,
    series: str | None,
    ignore_case: bool,
    output: str,
    corpus_dir: Path,
) -> None:
    """In which versions PHRASE occurs, when it first appeared and when it disappeared.

    Matching uses comparison keys: typographic quotes, dashes and line wraps do not hide a hit.
    Exit status 0 when the phrase is found, 1 when it is not.
    """
    if doc_id and series:
        raise DiffdocUsageError("give --doc or --series, not both")
    if doc_id is not None and not parse_ref(doc_id).is_bare:
        raise DiffdocUsageError(f"--doc takes a document id, not a version: {doc_id}")
    config = KeyConfig(case=ignore_case)
    if not match_key(phrase, config):
        raise DiffdocUsageError("trace: PHRASE is empty")
    corpus = Corpus.open(corpus_dir)
    found = corpus_trace(
        corpus, phrase, doc_id=parse_ref(doc_id).doc_id if doc_id else None, series=series,
        config=config,
    )  # fmt: skip
    results = [
        (document.id, trace_data(t, [r.label for r in records], [r.date for r in records]))
        for document, records, t in found
    ]
    if output == "json":
        _echo_json([{"document": doc, **data} for doc, data in results])
    else:
        for doc, data in results:
            for line in trace_lines(doc, data):
                click.echo(line)
    sys.exit(EXIT_SAME if any(data["first"] is not None for _, data in results) else EXIT_DIFFERENT)
