"""The evolution report: one self-contained HTML page about a whole series of versions.

A timeline, a paragraph-by-version heat map whose cells link to the word-level diff of that
paragraph, inline SVG charts (words, paragraphs changed, open brackets per version) and the
side-by-side comparison of each pair of consecutive versions, pre-rendered. No script: the page
works offline and with JavaScript off; every text goes through Jinja's autoescaping.

It lives with the drafts, above the renderers: it takes a series' lineage and bracket counts,
and renders them with the page infrastructure every HTML page shares (diffdoc.report.page).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from itertools import pairwise

from markupsafe import Markup

from diffdoc._version import __version__
from diffdoc.brackets import outer_spans
from diffdoc.drafts.heatmap import Cell, Thread, threads
from diffdoc.drafts.lineage import Lineage
from diffdoc.drafts.render import version_rows
from diffdoc.models import BlockChange, Comparison, SegmentOp, Stats
from diffdoc.report.html_rows import Piece, PieceKind
from diffdoc.report.page import content_security_policy, environment, shorten, shorten_words
from diffdoc.report.series import Brackets, VersionRow

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 560, 160, 28
EXCERPT = 160  # characters of an unchanged paragraph shown in a comparison
HEAT_LABEL = 90  # characters of a paragraph's latest wording in the heat map (cut at a word)


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, in SVG coordinates."""

    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    short: str  # the label as it fits under the bar


@dataclass(frozen=True)
class ChartBox:
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    pad: int = CHART_PAD


@dataclass(frozen=True)
class TimelinePoint:
    """A version on the timeline: x from 0 to 1."""

    label: str
    date: str | None
    x: float


@dataclass(frozen=True)
class HeatCell:
    status: str
    href: str | None
    title: str


@dataclass(frozen=True)
class HeatRow:
    """One paragraph followed through the versions: a cell per version."""

    label: str
    where: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class BlockView:
    """A row of a pre-rendered comparison; `count` > 1 for a run of unchanged paragraphs
    (then `last_old`/`last_new` are the numbers of its last paragraph)."""

    op: str
    anchors: tuple[str, ...]
    excerpt: str | None  # unchanged text, shortened; None for a changed row
    old_numbers: str
    new_numbers: str
    old: tuple[Piece, ...]
    new: tuple[Piece, ...]
    count: int = 1
    last_old: str = ""
    last_new: str = ""


@dataclass(frozen=True)
class ComparisonView:
    id: str
    old: str
    new: str
    stats: Stats
    rows: tuple[BlockView, ...]


@dataclass(frozen=True)
class EvolutionPage:
    """Everything the evolution template shows (its names are the template's)."""

    doc_id: str
    title: str
    tool: str
    versions: tuple[VersionRow, ...]
    timeline: tuple[TimelinePoint, ...]
    charts: tuple[tuple[str, list[Bar]], ...]
    chart: ChartBox
    heat: tuple[HeatRow, ...]
    comparisons: tuple[ComparisonView, ...]
    pairs: tuple[tuple[str, str], ...]
    css: Markup
    csp: str


def evolution_page(
    lineage: Lineage, brackets: Sequence[Brackets], *, doc_id: str, title: str
) -> EvolutionPage:
    """The context of the evolution report of a series."""
    rows = version_rows(lineage, brackets)
    labels = [v.label for v in lineage.versions]
    css = environment().get_template("evolution.css.j2").render()
    return EvolutionPage(
        doc_id=doc_id,
        title=title,
        tool=f"diffdoc {__version__}",
        versions=tuple(rows),
        timeline=_timeline(rows),
        charts=(
            ("Length in words", _bars([r.words for r in rows], labels)),
            (
                "Paragraphs changed (new, changed, moved, removed)",
                _bars([r.new + r.changed + r.moved + r.removed for r in rows], labels),
            ),
            ("Open brackets", _bars([r.brackets.open for r in rows], labels)),
        ),
        chart=ChartBox(),
        heat=tuple(_heat_row(lineage, t) for t in threads(lineage)),
        comparisons=tuple(
            _comparison_view(lineage, k + 1, c) for k, c in enumerate(lineage.comparisons)
        ),
        pairs=tuple((a, b) for n, a in enumerate(labels) for b in labels[n + 2 :]),
        css=Markup(css),
        csp=content_security_policy([css]),  # no script at all
    )


def render_evolution(
    lineage: Lineage, brackets: Sequence[Brackets], *, doc_id: str, title: str
) -> str:
    """The evolution report of a series as one HTML page."""
    page = evolution_page(lineage, brackets, doc_id=doc_id, title=title)
    context = {f.name: getattr(page, f.name) for f in fields(page)}
    return environment().get_template("evolution.html.j2").render(context)


def _timeline(rows: Sequence[VersionRow]) -> tuple[TimelinePoint, ...]:
    """Each version's x position (0..1): by date when every version has one, else evenly."""
    try:
        days = [dt.date.fromisoformat(r.date or "").toordinal() for r in rows]
    except ValueError:
        days = list(range(len(rows)))
    span = (max(days) - min(days)) or 1
    return tuple(
        TimelinePoint(r.label, r.date, round((d - min(days)) / span, 4))
        for r, d in zip(rows, days, strict=True)
    )


def short_labels(labels: Sequence[str], width: int = 14) -> list[str]:
    """Labels that fit under a chart bar and still tell the versions apart: cut at the end,
    else at the start (`…2015-12-04`), else numbered."""
    if all(len(label) <= width for label in labels):
        return list(labels)
    ends = [label if len(label) <= width else label[: width - 1] + "…" for label in labels]
    if len(set(ends)) == len(ends):
        return ends
    starts = [label if len(label) <= width else "…" + _tail(label, width - 1) for label in labels]
    if len(set(starts)) == len(starts):
        return starts
    return [f"{n}. {label[: width - 4]}…" for n, label in enumerate(labels, 1)]


def _tail(label: str, width: int) -> str:
    """The last `width` characters of `label`, starting after a separator when one is there."""
    tail = label[-width:]
    cut = min((tail.find(c) for c in "-_ ." if 0 <= tail.find(c) < width - 1), default=-1)
    return tail[cut + 1 :] if cut >= 0 else tail


def _bars(values: list[int], labels: list[str]) -> list[Bar]:
    top = max(values, default=0) or 1
    inner = CHART_WIDTH - 2 * CHART_PAD
    step = inner / max(len(values), 1)
    bars = []
    shorts = short_labels(labels)
    for n, (value, label) in enumerate(zip(values, labels, strict=True)):
        height = (CHART_HEIGHT - 2 * CHART_PAD) * value / top
        bars.append(
            Bar(
                x=round(CHART_PAD + n * step + step * 0.15, 2),
                y=round(CHART_HEIGHT - CHART_PAD - height, 2),
                width=round(step * 0.7, 2),
                height=round(height, 2),
                value=value,
                label=label,
                short=shorts[n],
            )
        )
    return bars


def _heat_row(lineage: Lineage, thread: Thread) -> HeatRow:
    last = thread.last
    text = lineage.versions[last.version].document.blocks[last.indices[0]].text
    cells = tuple(
        HeatCell(cell.status, _cell_href(cell), _cell_title(lineage, cell)) for cell in thread.cells
    )
    where = f"¶{last.indices[0] + 1} @{lineage.versions[last.version].label}"
    return HeatRow(shorten_words(text, HEAT_LABEL), where, cells)


def _cell_href(cell: Cell) -> str | None:
    if cell.status == "absent" or cell.version == 0:
        return None
    if cell.status == "removed":
        return f"#c{cell.version}-d{cell.indices[0]}"
    return f"#c{cell.version}-p{cell.indices[0]}"


def _cell_title(lineage: Lineage, cell: Cell) -> str:
    label = "@" + lineage.versions[cell.version].label
    if cell.status == "absent":
        return f"{label}: not present"
    numbers = ", ".join(f"¶{i + 1}" for i in cell.indices)
    if cell.status == "removed":
        return f"{label}: removed ({cell.op}; was {numbers} before)"
    extra = f", {cell.op}" if cell.op not in ("equal", "modify", "insert", "move", "") else ""
    return f"{label}: {cell.status}{extra} ({numbers})"


def _comparison_view(lineage: Lineage, k: int, comparison: Comparison) -> ComparisonView:
    old, new = lineage.versions[k - 1], lineage.versions[k]
    rows = _collapse([_block_view(k, block) for block in comparison.blocks])
    return ComparisonView(f"c{k}", old.label, new.label, comparison.stats, rows)


def _collapse(rows: list[BlockView]) -> tuple[BlockView, ...]:
    """Runs of equal rows that follow each other in both versions become one row that keeps
    every paragraph's anchor. A paragraph moved unchanged keeps a row of its own."""
    out: list[BlockView] = []
    for row in rows:
        last = out[-1] if out else None
        if (
            row.op == "equal"
            and last is not None
            and last.op == "equal"
            and not row.old
            and not last.old
            and _follows(last.last_old or last.old_numbers, row.old_numbers)
            and _follows(last.last_new or last.new_numbers, row.new_numbers)
        ):
            out[-1] = replace(
                last,
                anchors=last.anchors + row.anchors,
                count=last.count + 1,
                last_old=row.old_numbers,
                last_new=row.new_numbers,
            )
        else:
            out.append(row)
    return tuple(out)


def _follows(before: str, after: str) -> bool:
    """True when paragraph number `after` comes right after `before` (single numbers)."""
    return before.isdigit() and after.isdigit() and int(after) == int(before) + 1


def _block_view(k: int, block: BlockChange) -> BlockView:
    # Every paragraph of both versions has an anchor: p for the new one, d for the old one.
    anchors = tuple(f"c{k}-p{j}" for j in block.new) + tuple(f"c{k}-d{i}" for i in block.old)
    unchanged = len(block.segments) == 1 and block.segments[0].op == "equal"
    return BlockView(
        op=block.op,
        anchors=anchors,
        # Unchanged text is shown once, shortened: the page of a long series stays small.
        excerpt=_excerpt(block.segments[0].text) if unchanged else None,
        old_numbers=", ".join(str(i + 1) for i in block.old),
        new_numbers=", ".join(str(j + 1) for j in block.new),
        old=() if unchanged else tuple(side_pieces(block, "old")),
        new=() if unchanged else tuple(side_pieces(block, "new")),
    )


def _excerpt(text: str) -> str:
    return shorten(text, EXCERPT, tidy=False)


def side_pieces(block: BlockChange, side: str) -> list[Piece]:
    """One side of a block cut into pieces by change and by bracketed passage."""
    skip: SegmentOp = "insert" if side == "old" else "delete"
    mark: PieceKind = "del" if side == "old" else "ins"
    runs = [(s.text, s.op != "equal") for s in block.segments if s.op != skip]
    text = "".join(t for t, _ in runs)
    spans = outer_spans(text)
    starts = [start for start, _ in spans]
    cuts = sorted({n for span in spans for n in span})

    def bracketed(position: int) -> bool:
        n = bisect_right(starts, position) - 1
        return n >= 0 and position < spans[n][1]

    pieces: list[Piece] = []
    position = 0
    for run_text, changed in runs:
        start, end = position, position + len(run_text)
        position = end
        inner = cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]
        for a, b in pairwise([start, *inner, end]):
            if b > a:
                pieces.append(Piece(mark if changed else "", text[a:b], bracketed=bracketed(a)))
    return pieces
