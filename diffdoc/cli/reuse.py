"""`diffdoc reuse`: passages of a version found in other documents, or every shared passage."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from diffdoc.cli.app import main
from diffdoc.cli.base import (
    EXIT_DIFFERENT,
    DiffdocUsageError,
    corpus_option,
    is_stdout,
    library_errors,
    quiet_option,
    write_output,
)
from diffdoc.cli.bulk import engine_options, make_engine
from diffdoc.corpus import Corpus
from diffdoc.corpus.names import check_series
from diffdoc.engine import Engine
from diffdoc.paths import shown
from diffdoc.progress import Bar
from diffdoc.report.reuse import families_json, reuse_json, reuse_text
from diffdoc.reuse.families import Family, find_families
from diffdoc.reuse.index import ShingleIndex, open_shingles
from diffdoc.reuse.query import DEFAULT_MIN_WORDS, find_reuse


def synced_index(corpus: Corpus, engine: Engine, quiet: bool) -> ShingleIndex:
    """The corpus's shingle index, brought up to date (building it the first time)."""
    index = open_shingles(corpus)
    corpus.refresh_index()
    with Bar(None, "shingle index", enabled=not quiet) as shown:
        index.sync(engine, progress=shown.update)
    return index


@main.command()
@click.argument("ref", required=False)
@click.option("--all", "everything", is_flag=True, help="Every passage shared in the corpus.")
@click.option("--in", "series", metavar="SERIES", help="Only the documents of this series.")
@click.option(
    "--min-words",
    type=click.IntRange(min=6),
    default=DEFAULT_MIN_WORDS,
    show_default=True,
    help="The shortest passage reported, in words.",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts, html for the page.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default="-",
    help="Write here (default: standard output).",
)
@quiet_option
@engine_options
@corpus_option
@library_errors
def reuse(
    ref: str | None,
    everything: bool,
    series: str | None,
    min_words: int,
    output_format: str,
    output: Path,
    quiet: bool,
    workers: int | None,
    dask: str | None,
    corpus_dir: Path,
) -> None:
    """The passages of REF that also occur, exactly or with small edits, in other documents,
    each with its sources, earliest first; or, with --all, every passage two or more documents
    share, grouped into families. Exit 0 when reuse was found, 1 when none, 2 on trouble."""
    if everything == (ref is not None):
        raise DiffdocUsageError("give either REF or --all")
    if series is not None:
        check_series(series)
    corpus = Corpus.open(corpus_dir)
    if series is not None and not corpus.summaries(series):
        raise DiffdocUsageError(f"{shown(corpus.root)}: no document in series {series!r}")
    engine = make_engine(workers, dask)
    index = synced_index(corpus, engine, quiet)
    try:
        if everything:
            families = find_families(
                corpus, index, series=series, min_words=min_words, engine=engine
            )
            found = bool(families)
            if output_format == "html":
                from diffdoc.report.reuse_html import families_html

                text = families_html(families)
            elif output_format == "json":
                text = families_json(families, engine.describe())
            else:
                text = _families_text(families)
        else:
            assert ref is not None
            version = corpus.resolve(ref)
            result = find_reuse(
                corpus, version, index, series=series, min_words=min_words, engine=engine
            )
            found = bool(result.passages)
            if output_format == "html":
                from diffdoc.report.reuse_html import reuse_html
                from diffdoc.reuse.diffs import source_diffs

                text = reuse_html(result, source_diffs(result))
            elif output_format == "json":
                text = reuse_json(result)
            else:
                text = reuse_text(result)
    finally:
        index.close()
    if is_stdout(output):
        click.echo(text, nl=False)
    else:
        write_output(output, text)
    if not found:
        sys.exit(EXIT_DIFFERENT)


def _families_text(families: list[Family]) -> str:
    lines = [f"{len(families)} famil{'y' if len(families) == 1 else 'ies'} of shared passages", ""]
    for family in families:
        refs = ", ".join(o.version.ref for o in family.occurrences)
        lines.append(f"{family.words} words in {len(family.occurrences)} places: {refs}")
        lines.append(f"    {family.text}")
    return "\n".join(lines) + "\n"
