"""The evolution report: one self-contained, escaped page whose heat map links resolve."""

from __future__ import annotations

import html
import re
from pathlib import Path

from helpers.drafts import doc, paris_lineage

from diffdoc.compare import compare
from diffdoc.drafts.brackets import bracket_series
from diffdoc.drafts.evolution import render_evolution, short_labels, side_pieces
from diffdoc.drafts.heatmap import threads
from diffdoc.drafts.lineage import DraftVersion, Lineage, build_lineage
from diffdoc.drafts.render import version_rows
from diffdoc.models import Block, BlockChange, Document, Segment

A = "The Parties agree to cooperate on climate matters."
B = "Each Party [shall][should] communicate a contribution <every> five years."
C = "The secretariat shall keep a public registry of contributions."


def small() -> Lineage:
    versions = [
        DraftVersion("first", "2015-11-06", doc(A, B), "opening draft"),
        DraftVersion("second", "2015-12-04", doc(C, A, B.replace("[shall][should]", "[shall]"))),
        DraftVersion("final", "2015-12-12", doc(C, B.replace("[shall][should]", "shall"))),
    ]
    return build_lineage(versions, compare)


def render(lineage: Lineage) -> str:
    counts = bracket_series([v.document for v in lineage.versions])
    return render_evolution(lineage, counts, doc_id="climate-pact", title="Pact <draft>")


def test_threads_of_a_small_series() -> None:
    rows = [[c.status for c in t.cells] for t in threads(small())]
    assert rows == [
        ["absent", "new", "unchanged"],  # C, inserted first in the second version
        ["new", "unchanged", "removed"],  # A
        ["new", "changed", "changed"],  # B
    ]


def test_page_is_self_contained_and_escaped() -> None:
    page = render(small())
    assert "Pact &lt;draft&gt;" in page and "&lt;every&gt;" in page
    assert "<every>" not in page and "<script" not in page
    assert re.search(r"<link|src=\"http|url\(", page) is None
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy and "style-src 'sha256-" in policy
    assert "opening draft" in page and "2015-12-12" in page


def test_every_heat_map_link_has_a_target() -> None:
    page = render(small())
    targets = set(re.findall(r'id="([^"]+)"', page))
    links = re.findall(r'href="#([^"]+)"', page)
    assert links and set(links) <= targets
    assert {"c1-p0", "c2-d1"} <= set(links)


def test_charts_show_words_and_brackets() -> None:
    page = render(small())
    assert page.count("<svg") == 4  # timeline and three charts
    assert "<title>@first: 2</title>" in page  # two open brackets in the first draft
    assert "<title>@final: 0</title>" in page


def test_bracketed_text_is_marked() -> None:
    block = BlockChange(
        "modify",
        (0,),
        (0,),
        (
            Segment("equal", "Parties "),
            Segment("delete", "[shall]"),
            Segment("insert", "[should] act"),
        ),
    )
    new = [(p.text, p.changed, p.bracketed) for p in side_pieces(block, "new")]
    assert new == [("Parties ", False, False), ("[should]", True, True), (" act", True, False)]
    old = [(p.text, p.bracketed) for p in side_pieces(block, "old")]
    assert old == [("Parties ", False), ("[shall]", True)]
    page = render(small())
    assert '<span class="br">' in page
    # changed bracketed text: the red/green background would hide a highlight, not an outline
    assert re.search(r"\.br del, \.br ins \{[^}]*outline: 1px dashed", page)
    assert re.search(r"\.br \{[^}]*border-bottom: 2px dashed", page)


def test_paris_report_renders_the_whole_series(texts_dir: Path) -> None:
    lineage = paris_lineage(texts_dir)
    page = render(lineage)
    for label in ("draft-2015-11-06", "draft-2015-12-04", "draft-2015-12-09", "adopted"):
        assert f"@{label}" in page
    assert all(f'id="c{k}"' in page for k in range(1, 5))
    assert ">1023<" in page  # open brackets in the first draft
    links = set(re.findall(r'href="#(c\d+-[pd]\d+)"', page))
    assert len(links) > 500 and links <= set(re.findall(r'id="([^"]+)"', page))


def test_unchanged_runs_do_not_swallow_moves() -> None:
    paragraphs = [f"Paragraph {name} says something of its own here." for name in "ABCDEFG"]
    moved = paragraphs[:2] + paragraphs[3:6] + [paragraphs[2]] + paragraphs[6:]
    lineage = build_lineage(
        [DraftVersion("v1", None, doc(*paragraphs)), DraftVersion("v2", None, doc(*moved))],
        compare,
    )
    assert {b.op for b in lineage.comparisons[0].blocks} == {"equal", "move"}
    page = render(lineage)
    rows = re.findall(r'<tr class="(\w+) same" id="([\w-]+)">(.*?)</tr>', page, re.S)
    ops = [op for op, _, _ in rows]
    assert "move" in ops
    for op, anchor, row in rows:
        if op == "move":
            assert anchor == "c1-p5"  # the heat map's "moved" cell lands on this row
            assert "moved unchanged" in row and "paragraphs unchanged" not in row
        numbers = re.search(r'<td class="n">(?:<span[^>]*></span>)*(\d+)(?:–(\d+))?</td>', row)
        assert numbers is not None
        if numbers.group(2):
            assert int(numbers.group(2)) > int(numbers.group(1))  # never "7–6"


def test_chart_labels_stay_distinct() -> None:
    paris = ["draft-2015-11-06", "draft-2015-12-04", "draft-2015-12-09", "adopted"]
    assert short_labels(paris) == ["…2015-11-06", "…2015-12-04", "…2015-12-09", "adopted"]
    assert short_labels(["first", "final"]) == ["first", "final"]
    assert short_labels(["a-very-long-label-x", "b-very-long-label-y"])[0] == "a-very-long-l…"
    same = short_labels(["long-version-label-x-one", "long-version-label-x-two"] * 1)
    assert len(set(same)) == 2
    page = render(build_lineage([DraftVersion(label, None, doc(A)) for label in paris], compare))
    assert ">…2015-12-04</text>" in page and "<title>@draft-2015-12-04: 8</title>" in page
    assert '<div class="wide">\n<table class="versions">' in page


def test_word_counts_leave_out_notes_and_titles() -> None:
    blocks = (
        Block("title", "Draft agreement", "draft agreement"),
        Block("note", "Edited version of 6 November", "edited version of 6 november"),
        Block("paragraph", "Parties shall act.", "parties shall act."),
    )
    lineage = build_lineage([DraftVersion("v1", None, Document("t", blocks))], compare)
    assert version_rows(lineage, bracket_series([lineage.versions[0].document]))[0].words == 3
