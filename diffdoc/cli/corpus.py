"""The corpus of versions: init, add, list, show, log, verify, export, remove."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from diffdoc import __version__
from diffdoc.cli.app import main
from diffdoc.cli.base import (
    EXIT_DIFFERENT,
    EXIT_TROUBLE,
    DiffdocUsageError,
    corpus_option,
    echo_json,
    json_option,
    library_errors,
    max_size_option,
    quiet_option,
    write_output,
)
from diffdoc.compare import compare as compare_documents
from diffdoc.corpus import (
    EXPORT_FORMATS,
    Corpus,
    add_version,
    export_text,
    parse_ref,
    version_data,
)
from diffdoc.corpus import history as corpus_history
from diffdoc.corpus import remove as remove_from_corpus
from diffdoc.corpus import verify as verify_corpus
from diffdoc.corpus.index import DocumentSummary
from diffdoc.drafts.render import (
    bracket_text,
)
from diffdoc.drafts.series import corpus_brackets
from diffdoc.errors import CorpusError
from diffdoc.ingest import FORMATS, read_input
from diffdoc.models import CompareOptions, Document, Stats
from diffdoc.paths import shown
from diffdoc.report.series import Brackets
from diffdoc.reuse.index import update_if_present


def _bracket_counts(corpus: Corpus, doc_id: str) -> dict[int, dict[str, int]]:
    """Bracket counts of each version of a document, by version number."""
    _, counts = corpus_brackets(corpus, doc_id)
    return {version.number: asdict(c) for version, c in counts}


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@corpus_option
@library_errors
def init(directory: Path | None, corpus_dir: Path) -> None:
    """Create a corpus in DIRECTORY (default: the --corpus folder, ./corpus)."""
    root = directory or corpus_dir
    _, created = Corpus.init(root)
    click.echo(f"{'created' if created else 'already a corpus:'} {root}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--doc", "doc_id", required=True, help="Document id, e.g. sco-declaration-2002.")
@click.option("--version", "label", help="Version label (default: v1, v2, ...).")
@click.option("--date", help="The version's date, YYYY-MM-DD (default: from the file, if any).")
@click.option("--title", help="Document title (default: the first version's title).")
@click.option("--lang", help="Document language, e.g. en.")
@click.option("--series", help="Series grouping related documents, e.g. sco-summit-declarations.")
@click.option("--note", help="A note on this version.")
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: detected).")
@click.option("--encoding", help="Input encoding (default: detected).")
@max_size_option
@corpus_option
@library_errors
def add(file: Path, doc_id: str, corpus_dir: Path, max_size: int, **options: Any) -> None:
    """Store FILE (`-`: standard input) as a new version of document DOC (identical bytes are
    not stored twice)."""
    corpus = Corpus.open(corpus_dir)
    data = read_input(file, max_size)
    name = "<stdin>" if str(file) == "-" else shown(file)
    result = add_version(corpus, data, name=name, doc_id=doc_id, max_size=max_size, **options)
    update_if_present(corpus)
    if not result.added:
        click.echo(f"{name}: already stored as {result.version.ref}; nothing added")
        return
    what = "new document" if result.new_document else "version"
    click.echo(f"added {result.version.ref} (#{result.version.number}, {what})")
    if result.same_text_as is not None:
        click.echo(f"  same normalized text as {result.same_text_as.ref} (the bytes differ)")
    if result.updated:
        click.echo(f"  updated document {', '.join(result.updated)}")


@main.command(name="list")
@click.option("--series", help="Only the documents of this series.")
@json_option
@corpus_option
@library_errors
def list_documents(series: str | None, output: str, corpus_dir: Path) -> None:
    """List the documents: id, number of versions, latest version, series and title."""
    problems: list[CorpusError] = []
    summaries = Corpus.open(corpus_dir).summaries(series, problems=problems)
    _list_documents(summaries, output)
    for problem in problems:  # after the rest is listed: one line each, exit status 2
        click.echo(f"diffdoc: error: {problem} (run `diffdoc verify`)", err=True)
    if problems:
        sys.exit(EXIT_TROUBLE)


def _list_documents(summaries: list[DocumentSummary], output: str) -> None:
    if output == "json":
        echo_json(
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
@json_option
@corpus_option
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
        echo_json(version_data(document, version, corpus.load(version)))
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
@json_option
@corpus_option
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
        echo_json(
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
            parts.append(bracket_text(Brackets(**counts[v.number])))
        click.echo("  ".join(parts))


@main.command()
@click.option(
    "--rebuild-index/--no-rebuild-index",
    default=True,
    help="Rebuild the index from the files when they are sound (default).",
)
@quiet_option
@corpus_option
@library_errors
def verify(rebuild_index: bool, quiet: bool, corpus_dir: Path) -> None:
    """Recompute every hash; report missing, extra or altered files (exit 1 on problems).
    A progress bar shows on stderr when it is a terminal (not with --quiet)."""
    corpus = Corpus.open(corpus_dir)
    report = verify_corpus(corpus, rebuild_index=rebuild_index, show_progress=not quiet)
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
    if report.shingles_dropped and update_if_present(corpus, rebuild=True):
        rebuilt += "; shingle index rebuilt"
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
@corpus_option
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
    write_output(output, text)
    click.echo(f"wrote {shown(output)}")


@main.command()
@click.argument("ref")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@corpus_option
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
    update_if_present(corpus)
    removed = ", ".join(v.ref for v in result.versions)
    suffix = f" (document {result.doc_id} removed)" if result.whole_document else ""
    click.echo(f"removed {removed}{suffix}")
