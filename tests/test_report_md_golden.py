"""Markdown reports that read like the document: golden files of hand-built cases (headings by
kind, list items as lists, a separator line as a thematic break, metadata in the header).

Regenerate with DIFFDOC_REGENERATE_GOLDEN=1 (then read the diff before committing them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.golden import check_golden
from helpers.html import doc
from helpers.paths import ROOT
from test_report_html import basic_case, moves_case

from diffdoc.compare import compare
from diffdoc.models import Comparison
from diffdoc.report import render

GOLDEN = ROOT / "tests" / "golden" / "md"


def structured_case() -> Comparison:
    """A statement with a title, headings, list items, a separator and a changed list item."""
    old = doc(
        [
            ("title", "Joint Statement", None),
            ("paragraph", "1. We met in Geneva.", None),
            ("heading", "Action Plan", "Action Plan"),
            ("paragraph", "We will:", "Action Plan"),
            ("list_item", "ensure leadership in technology,", "Action Plan"),
            ("list_item", "build the clean energy economy, and", "Action Plan"),
            ("list_item", "strengthen our alliance.", "Action Plan"),
            ("note", "###", "Action Plan"),
            ("heading", "# Annex", "# Annex"),
            ("closing", "Geneva, 3 March 2024", "# Annex"),
        ],
        "statement-v1.md",
        {"modified_time": "2024-03-03"},
    )
    new = doc(
        [
            ("title", "Joint Statement", None),
            ("paragraph", "1. We met in Geneva.", None),
            ("heading", "Action Plan", "Action Plan"),
            ("paragraph", "We will:", "Action Plan"),
            ("list_item", "ensure leadership in critical technology,", "Action Plan"),
            ("list_item", "build the clean energy economy, and", "Action Plan"),
            ("list_item", "strengthen our alliance.", "Action Plan"),
            ("list_item", "meet again in 2025.", "Action Plan"),
            ("note", "###", "Action Plan"),
            ("heading", "# Annex", "# Annex"),
            ("closing", "Geneva, 3 March 2024", "# Annex"),
        ],
        "statement-v2.md",
        {"modified_time": "2024-03-07"},
    )
    return compare(old, new)


CASES: dict[str, Callable[[], Comparison]] = {
    "basic": basic_case,
    "moves": moves_case,
    "structured": structured_case,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    check_golden(GOLDEN / f"{name}.md", render(CASES[name](), "md"))


def test_structure_reads_like_the_document() -> None:
    lines = render(structured_case(), "md").splitlines()
    assert "## Joint Statement" in lines
    assert "### Action Plan" in lines
    assert r"### \# Annex" in lines  # a `#` of the text itself stays text
    assert "- ensure leadership in {++critical ++}technology," in lines
    assert "- {++meet again in 2025.++}" in lines
    assert "* * *" in lines and r"\###" not in lines
    assert r"1\. We met in Geneva." in lines  # a numbered paragraph is not made a list


def test_heading_levels_of_the_source(tmp_path: Path) -> None:
    from diffdoc import docformat
    from diffdoc.compare import compare_files
    from diffdoc.errors import InputError
    from diffdoc.ingest import parse_bytes

    old, new = tmp_path / "v1.md", tmp_path / "v2.md"
    text = "# Declaration\n\n## Part I\n\n### Article 1\n\nThe Parties agree.\n"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("agree", "firmly agree"), encoding="utf-8")
    lines = render(compare_files(old, new), "md").splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# Comparison of v1.md and v2.md",
        "## Declaration",
        "### Part I",
        "#### Article 1",
    ]
    page = b"<html><body><main><h1>T</h1><h2>Part I</h2><h4>Article 1</h4><p>Text.</p></main>"
    document = parse_bytes(page, name="p.html")
    assert [(b.kind, b.level) for b in document.blocks] == [
        ("title", 1), ("heading", 2), ("heading", 4), ("paragraph", None)
    ]  # fmt: skip
    written = docformat.dumps(document)
    assert ':: heading | section: "Part I" | level: 2\n' in written or (
        ":: heading | section: Part I | level: 2\n" in written
    )
    assert docformat.loads(written) == document
    with pytest.raises(InputError, match="heading level is 1 to 6"):
        docformat.loads(written.replace("level: 4", "level: 9"))


def test_bold_run_in_heads_stay_bold(tmp_path: Path) -> None:
    from diffdoc import docformat
    from diffdoc.compare import compare_files
    from diffdoc.errors import InputError
    from diffdoc.ingest import parse_bytes

    text = (
        "# T\n\n**Climate.** We agree to act.\n\nPlain **bold** text.\n\n"
        "- **Trade:** more of it.\n\n**Energy.** Gone.\n"
    )
    old, new = tmp_path / "v1.md", tmp_path / "v2.md"
    old.write_text(text, encoding="utf-8")
    new.write_text(
        text.replace("act.", "act now.").replace("more", "much more").replace("Energy", "Power"),
        encoding="utf-8",
    )
    document = parse_bytes(text.encode("utf-8"), name="v1.md")
    assert [b.run_in for b in document.blocks] == [None, 8, None, 6, 7]
    assert docformat.loads(docformat.dumps(document)) == document
    with pytest.raises(InputError, match="run-in head"):
        docformat.loads(docformat.dumps(document).replace("run-in: 8", "run-in: 80"))
    lines = render(compare_files(old, new), "md").splitlines()
    assert "**Climate.** We agree to act{++ now++}." in lines
    assert "Plain bold text." in lines
    assert "- **Trade:** {++much ++}more of it." in lines
    assert "{~~Energy~>Power~~}. Gone." in lines  # a changed head is not made bold
    page = b"<main><h1>T</h1><p><strong>Climate.</strong> We agree.</p><p>A <b>b</b> c.</p></main>"
    assert [b.run_in for b in parse_bytes(page, name="p.html").blocks] == [None, 8, None]
