"""Following an archive: `import-git` (a repository's history into the corpus) and `changes`
(every pair of consecutive versions whose wording changed, across the corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from diffdoc.archive.changes import ChangeList, PairChange, list_changes, to_json
from diffdoc.archive.importer import import_git
from diffdoc.cli.app import main
from diffdoc.cli.base import (
    DiffdocUsageError,
    corpus_option,
    is_stdout,
    library_errors,
    max_size_option,
    write_output,
)
from diffdoc.corpus import Corpus
from diffdoc.corpus.records import check_date
from diffdoc.engine import Engine


def _engine(workers: int | None, dask: str | None) -> Engine:
    return Engine(workers=workers or (2 if dask else 1), dask=dask)


engine_options = [
    click.option(
        "--workers",
        type=int,
        help="Local worker processes (default 1; with --dask, the workers of a local cluster).",
    ),
    click.option(
        "--dask",
        metavar="ADDRESS",
        help="Run on Dask: `local` for a local cluster, or a scheduler's address.",
    ),
]


def _with_engine_options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(engine_options):
        func = option(func)
    return func


@main.command(name="import-git")
@click.argument("repo", type=click.Path(path_type=Path))
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="Only the files matching (repeatable): `*.md` in any folder, `news/**/*.md` from the "
    "top. Default: every file.",
)
@click.option("--series", help="The series of the documents created.")
@click.option("--since", help="Only the versions committed on or after this date (YYYY-MM-DD).")
@_with_engine_options
@max_size_option
@corpus_option
@library_errors
def import_git_command(
    repo: Path,
    globs: tuple[str, ...],
    series: str | None,
    since: str | None,
    workers: int | None,
    dask: str | None,
    max_size: int,
    corpus_dir: Path,
) -> None:
    """Import every committed version of REPO's files (oldest first, renames followed): one
    document per file, labelled by short commit id, dated by the committer date (UTC), noted
    with the commit subject. A second run imports only the new commits."""
    corpus = Corpus.open(corpus_dir)
    result = import_git(
        corpus,
        repo,
        globs=globs,
        since=since,
        series=series,
        engine=_engine(workers, dask),
        max_size=max_size,
    )
    plan = result.plan
    click.echo(
        f"{repo}: {plan.commits} commits, {plan.tracks} files followed; "
        f"added {result.added} version(s) ({result.documents_created} new document(s)), "
        f"{plan.already} already imported"
    )
    if result.unchanged:
        click.echo(f"  {result.unchanged} version(s) restored bytes already stored: not added")
    for name in result.without_text:
        click.echo(f"  skipped {name}: no text (empty, or front matter only)")


def _check_dates(since: str | None, until: str | None) -> None:
    for date in (since, until):
        if date is not None:
            check_date(date)


@main.command()
@click.option("--in", "series", metavar="SERIES", help="Only the documents of this series.")
@click.option("--doc", "doc_id", metavar="ID", help="Only this document.")
@click.option("--since", help="Only pairs whose newer version is from this date on (YYYY-MM-DD).")
@click.option("--until", help="Only pairs whose newer version is from this date or before.")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text, json, or an HTML index with a report per pair (needs -o DIR).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to this file (a folder for -f html).",
)
@_with_engine_options
@corpus_option
@library_errors
def changes(
    series: str | None,
    doc_id: str | None,
    since: str | None,
    until: str | None,
    output_format: str,
    output: Path | None,
    workers: int | None,
    dask: str | None,
    corpus_dir: Path,
) -> None:
    """Every pair of consecutive versions whose wording changed, newest first, then the pairs
    whose front matter (or web addresses) alone changed. Comparisons are cached in the corpus."""
    _check_dates(since, until)
    if output_format == "html" and (output is None or is_stdout(output)):
        raise DiffdocUsageError("-f html writes a folder: give it with -o DIR")
    corpus = Corpus.open(corpus_dir)
    engine = _engine(workers, dask)
    result = list_changes(
        corpus, series=series, doc_id=doc_id, since=since, until=until, engine=engine
    )
    if output_format == "html":
        from diffdoc.report.changes import write_index

        assert output is not None
        pages = write_index(corpus, result, output, engine=engine)
        click.echo(f"wrote {output}/index.html and {pages} pair report(s)")
        return
    text = (
        json.dumps(to_json(result, engine), ensure_ascii=False, indent=2) + "\n"
        if output_format == "json"
        else render_text(result)
    )
    if output is None or is_stdout(output):
        click.echo(text, nl=False)
    else:
        write_output(output, text)


def _pair_line(change: PairChange) -> str:
    old_label = change.old.rpartition("@")[2]
    return (
        f"{change.new_date or '----------'}  {change.doc}  @{old_label} -> "
        f"@{change.new.rpartition('@')[2]}"
    )


def render_text(result: ChangeList) -> str:
    """The list for people: wording changes with their first changed words, then the rest."""
    wording, metadata = result.wording, result.metadata_only
    lines = [
        f"{len(wording)} of {result.pairs} version pair(s) changed wording; "
        f"{len(metadata)} changed metadata only.",
        "",
    ]
    for change in wording:
        lines.append(
            f"{_pair_line(change)}  +{change.words_inserted} -{change.words_deleted} words"
        )
        lines.append(f"    {change.path}")
        for op, deleted, inserted in change.first_changes:
            parts = [f"-[{deleted}]" if deleted else "", f"+[{inserted}]" if inserted else ""]
            lines.append(f"    {op}: {' '.join(p for p in parts if p)}")
    if metadata:
        lines += ["", f"Metadata only ({len(metadata)}):"]
        for change in metadata:
            keys = [key for key, _, _ in change.metadata_changes]
            if change.addresses_only:
                keys.append("web addresses in the text")
            lines.append(f"{_pair_line(change)}  {', '.join(keys)}")
    return "\n".join(lines) + "\n"
