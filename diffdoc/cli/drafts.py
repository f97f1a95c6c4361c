"""Following drafts: blame, history, trace."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from diffdoc.cli.app import main
from diffdoc.cli.base import (
    EXIT_DIFFERENT,
    EXIT_SAME,
    DiffdocUsageError,
    corpus_option,
    echo_json,
    json_option,
    library_errors,
    write_output,
)
from diffdoc.corpus import (
    Corpus,
    parse_ref,
)
from diffdoc.drafts.brackets import bracket_series
from diffdoc.drafts.render import (
    blame_data,
    blame_lines,
    history_data,
    history_lines,
    summary_lines,
    trace_data,
    trace_lines,
    version_rows,
)
from diffdoc.drafts.series import corpus_lineage, corpus_trace
from diffdoc.drafts.trace import match_key
from diffdoc.normalize import KeyConfig
from diffdoc.paths import shown


@main.command()
@click.argument("ref")
@click.option("--words", is_flag=True, help="Also show which version introduced each phrase.")
@json_option
@corpus_option
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
        echo_json({"version": version.ref, "paragraphs": rows})
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
@json_option
@corpus_option
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
        write_output(report_path, page)
        click.echo(f"wrote {shown(report_path)}")
        return
    if number is None:
        rows = version_rows(lineage, counts)
        if output == "json":
            echo_json({"document": asdict(series.document), "versions": rows})
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
        echo_json(history_data(lineage, position, number - 1))
        return
    for line in history_lines(lineage, position, number - 1):
        click.echo(line)


@main.command()
@click.argument("phrase")
@click.option("--doc", "doc_id", help="Search only this document's versions.")
@click.option("--series", help="Search the documents of this series.")
@click.option("--ignore-case", is_flag=True, help="Upper and lower case match each other.")
@json_option
@corpus_option
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
        echo_json([{"document": doc, **data} for doc, data in results])
    else:
        for doc, data in results:
            for line in trace_lines(doc, data):
                click.echo(line)
    sys.exit(EXIT_SAME if any(data["first"] is not None for _, data in results) else EXIT_DIFFERENT)
