"""`diffdoc import`: many documents at once (files, folders, JSON-lines datasets)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from diffdoc.cli.app import main
from diffdoc.cli.base import corpus_option, library_errors, max_size_option, quiet_option
from diffdoc.corpus import Corpus
from diffdoc.corpus.bulk import import_items
from diffdoc.corpus.import_sources import JsonlFields, check_sources
from diffdoc.corpus.names import check_series
from diffdoc.engine import Engine, default_workers
from diffdoc.progress import Bar
from diffdoc.reuse.index import update_if_present

F = TypeVar("F", bound=Callable[..., Any])


def engine_options(func: F) -> F:
    """`--workers N` and `--dask ADDRESS`, shared by the commands that run on the engine."""
    func = click.option(
        "--dask",
        "dask",
        metavar="ADDRESS",
        help="Run on a Dask cluster (tcp://host:8786), or `local` for a LocalCluster.",
    )(func)
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Local worker processes (default: the number of cores).",
    )(func)


def make_engine(workers: int | None, dask: str | None) -> Engine:
    """The engine the options ask for."""
    return Engine(workers=workers or default_workers(), dask=dask or None)


@main.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--series", help="Put every imported document in this series.")
@click.option(
    "--glob", "pattern", default="*", show_default=True, help="Which files of a folder to import."
)
@click.option("--id-field", default="id", show_default=True, help="JSON lines: the id field.")
@click.option("--text-field", default="text", show_default=True, help="JSON lines: the text.")
@click.option("--date-field", help="JSON lines: the field with the date (YYYY-MM-DD).")
@click.option("--title-field", help="JSON lines: the field with the title.")
@click.option("--lang-field", help="JSON lines: the field with the language tag.")
@quiet_option
@engine_options
@max_size_option
@corpus_option
@library_errors
def import_command(
    paths: tuple[Path, ...],
    series: str | None,
    pattern: str,
    id_field: str,
    text_field: str,
    date_field: str | None,
    title_field: str | None,
    lang_field: str | None,
    quiet: bool,
    workers: int | None,
    dask: str | None,
    max_size: int,
    corpus_dir: Path,
) -> None:
    """Store many documents at once: each FILE (or each file under a folder) as a document
    named after the file, or each line of a JSON-lines dataset (.jsonl, .jsonl.gz).

    Versions whose bytes are already stored are skipped, so running an interrupted import again
    finishes it.
    """
    corpus = Corpus.open(corpus_dir)
    if series is not None:
        check_series(series)
    engine = make_engine(workers, dask)
    fields = JsonlFields(id_field, text_field, date_field, title_field, lang_field)
    sources = check_sources(list(paths), pattern, fields, series)
    total = sum(source.count for source in sources)
    items = (item for source in sources for item in source.items(series, max_size))
    with Bar(total, "import", enabled=not quiet) as shown:
        result = import_items(
            corpus,
            items,
            engine=engine,
            max_size=max_size,
            progress=shown.update,
        )
    update_if_present(corpus, engine)
    documents = result.documents_created
    click.echo(
        f"imported {len(result.added)} version(s) ({documents} new document(s)); "
        f"{len(result.skipped)} already stored"
    )
