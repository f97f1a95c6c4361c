"""Following drafts: blame, history, trace."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
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
    max_size_option,
    quiet_option,
    write_output,
)
from diffdoc.compare import compare as compare_documents
from diffdoc.corpus import (
    Corpus,
    DocumentRecord,
    parse_ref,
)
from diffdoc.drafts.brackets import bracket_series
from diffdoc.drafts.lineage import DraftVersion, Lineage, chain
from diffdoc.drafts.render import (
    all_versions,
    blame_rows,
    history_steps,
    trace_rows,
    version_rows,
)
from diffdoc.drafts.series import corpus_lineage, corpus_trace
from diffdoc.drafts.trace import match_key
from diffdoc.ingest import FORMATS, read_document
from diffdoc.normalize import KeyConfig
from diffdoc.paths import shown
from diffdoc.progress import progress
from diffdoc.report.series import (
    Brackets,
    blame_lines,
    history_lines,
    summary_lines,
    trace_lines,
)


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
    rows = blame_rows(series.lineage, position, words=words)
    if output == "json":
        echo_json({"version": version.ref, "paragraphs": [row.to_json() for row in rows]})
        return
    for line in blame_lines(rows, all_versions(series.lineage)):
        click.echo(line)


@main.command()
@click.argument("targets", nargs=-1, required=True, metavar="DOC | FILE1 FILE2 ...")
@click.option(
    "--paragraph",
    "number",
    type=click.IntRange(min=1),
    help="Follow paragraph N of DOC's version, or of the last FILE (numbered as `blame` "
    "shows them).",
)
@click.option(
    "-o",
    "--output",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the evolution report (one HTML page) here.",
)
@json_option
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format of the FILEs.")
@quiet_option
@max_size_option
@corpus_option
@library_errors
def history(
    targets: tuple[str, ...],
    number: int | None,
    report_path: Path | None,
    output: str,
    fmt: str | None,
    quiet: bool,
    max_size: int,
    corpus_dir: Path,
) -> None:
    """The evolution of a document over its versions, of one paragraph, or as an HTML report.

    DOC is a corpus document (DOC@VERSION ends the summary and the report at that version).
    Two or more FILEs are the versions of one text in the order given, without a corpus, each
    labelled by its file name.

    Without options: one line per version (paragraphs, words, changes, open brackets). With
    --paragraph N: that paragraph's wording in every version, changes marked
    [-deleted-]{+inserted+}. With -o FILE: the evolution report.
    """
    if number is not None and report_path is not None:
        raise DiffdocUsageError("give --paragraph or -o, not both")
    if len(targets) == 1:
        series, position = _corpus_series(targets[0], number, corpus_dir, not quiet)
    else:
        series, position = _file_series(targets, fmt, max_size, not quiet), None
    if report_path is not None:
        _history_report(series, report_path)
    elif number is not None:
        _history_paragraph(series, position, number, output)
    else:
        _history_summary(series, output)


@dataclass(frozen=True)
class _Series:
    """What the history modes need: the lineage, and how to name the document."""

    lineage: Lineage
    doc_id: str
    title: str
    refs: tuple[str, ...]  # how errors name each version
    record: DocumentRecord | None = None  # a corpus document's record (for JSON)


def _corpus_series(
    doc: str, number: int | None, corpus_dir: Path, show_progress: bool = False
) -> tuple[_Series, int]:
    """A corpus document's series, and the position of the version DOC@VERSION names (the
    latest for a bare DOC)."""
    corpus = Corpus.open(corpus_dir)
    ref = parse_ref(doc)
    # DOC@VERSION: the report and the summary stop at that version; --paragraph follows the
    # paragraph of that version through the whole series.
    upto = None if ref.is_bare or number is not None else corpus.resolve(ref)
    found = corpus_lineage(corpus, ref.doc_id, upto=upto, show_progress=show_progress)
    position = len(found.records) - 1 if ref.is_bare else found.position(corpus.resolve(ref))
    series = _Series(
        found.lineage,
        found.document.id,
        found.document.title,
        tuple(r.ref for r in found.records),
        found.document,
    )
    return series, position


def _file_series(
    files: Sequence[str], fmt: str | None, max_size: int, show_progress: bool
) -> _Series:
    """Files as the versions of one text, in the order given, labelled by their names."""
    paths = [Path(name) for name in files]
    for path in paths:
        if str(path) == "-":
            raise DiffdocUsageError("history reads its versions from files, not standard input")
    labels = file_labels(paths)
    versions = [
        DraftVersion(label, document.metadata.get("date") or None, document)
        for label, document in zip(
            labels,
            (
                read_document(path, fmt=fmt, max_size=max_size)
                for path in progress(paths, "reading", show_progress)
            ),
            strict=True,
        )
    ]
    comparisons = [
        compare_documents(versions[n].document, versions[n + 1].document)
        for n in progress(range(len(versions) - 1), "comparing", show_progress)
    ]
    first = versions[-1].document
    title = first.title or labels[-1]
    return _Series(chain(versions, comparisons), labels[-1], title, tuple(map(shown, paths)))


def file_labels(paths: Sequence[Path]) -> list[str]:
    """Version labels from file names: the name without its extension, or the whole name when
    two files would share a label, or the path when even names repeat."""
    for choice in (lambda p: p.stem, lambda p: p.name, lambda p: shown(p)):
        labels = [choice(path) or path.name for path in paths]
        if len(set(labels)) == len(labels):
            return labels
    return [f"{n}-{path.name}" for n, path in enumerate(paths, 1)]


def _brackets(series: _Series) -> list[Brackets]:
    lineage = series.lineage
    return bracket_series([v.document for v in lineage.versions], lineage.comparisons)


def _history_report(series: _Series, report_path: Path) -> None:
    """`history ... -o FILE`: the evolution report."""
    from diffdoc.drafts.evolution import render_evolution

    page = render_evolution(
        series.lineage, _brackets(series), doc_id=series.doc_id, title=series.title
    )
    write_output(report_path, page)
    click.echo(f"wrote {shown(report_path)}")


def _history_summary(series: _Series, output: str) -> None:
    """`history ...`: one line per version."""
    rows = version_rows(series.lineage, _brackets(series))
    if output == "json":
        document = asdict(series.record) if series.record else {
            "id": series.doc_id, "title": series.title,
        }  # fmt: skip
        echo_json({"document": document, "versions": [row.to_json() for row in rows]})
        return
    click.echo(f"{series.doc_id}: {series.title}")
    for line in summary_lines(rows):
        click.echo(line)


def _history_paragraph(series: _Series, position: int | None, number: int, output: str) -> None:
    """`history ... --paragraph N`: paragraph N of the version at `position` (the last one
    when None) in every version."""
    lineage = series.lineage
    position = len(lineage.versions) - 1 if position is None else position
    blocks = lineage.versions[position].document.blocks
    if number > len(blocks):
        raise DiffdocUsageError(
            f"{series.refs[position]}: no paragraph {number} (it has {len(blocks)})"
        )
    steps = history_steps(lineage, position, number - 1)
    if output == "json":
        echo_json([step.to_json() for step in steps])
        return
    for line in history_lines(steps):
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
    Each version's hits are shown in context (the words around the phrase, as written).
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
        trace_rows(document.id, t, [r.label for r in records], [r.date for r in records])
        for document, records, t in found
    ]
    if output == "json":
        echo_json([result.to_json() for result in results])
    else:
        for result in results:
            for line in trace_lines(result):
                click.echo(line)
    sys.exit(EXIT_SAME if any(result.first is not None for result in results) else EXIT_DIFFERENT)
