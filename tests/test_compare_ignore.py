"""--ignore-labels and --ignore-footnote-refs: what they set aside, and where they are recorded."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers.compare import check_contract, document

from diffdoc.cli import main
from diffdoc.compare import compare
from diffdoc.models import CompareOptions, Segment
from diffdoc.report import render

LABELS = CompareOptions(ignore_labels=True)
REFS = CompareOptions(ignore_footnote_refs=True)


def test_labels_that_differ_are_not_changes() -> None:
    old = document(["Pp1 The Assembly recalls.", "(b) States agree to act."], labelled=True)
    new = document(["The Assembly recalls.", "2. States agree to act now."], labelled=True)
    counted = compare(old, new)
    assert (counted.stats.words_inserted, counted.stats.words_deleted) == (2, 2)
    ignored = compare(old, new, LABELS)
    check_contract(ignored)
    assert [b.op for b in ignored.blocks] == ["equal", "modify"]
    assert (ignored.stats.words_inserted, ignored.stats.words_deleted) == (1, 0)
    assert ignored.blocks[0].segments == (
        Segment("delete", "Pp1 ", True),
        Segment("equal", "The Assembly recalls."),
    )
    assert ignored.blocks[1].segments[:2] == (
        Segment("delete", "(b) ", True),
        Segment("insert", "2. ", True),
    )


def test_a_renumbered_draft_changes_only_where_the_wording_does() -> None:
    texts = [f"Text of paragraph {n} on its own subject." for n in range(1, 6)]
    old = document([f"{n}. {t}" for n, t in enumerate(texts, 1)], labelled=True)
    edited = ["A paragraph added at the top.", *texts]
    new = document([f"{n}. {t}" for n, t in enumerate(edited, 1)], labelled=True)
    assert compare(old, new).stats.words_deleted == 5  # every shifted number
    ignored = compare(old, new, LABELS)
    check_contract(ignored)
    assert [b.op for b in ignored.blocks] == ["insert"] + ["equal"] * 5
    assert (ignored.stats.words_inserted, ignored.stats.words_deleted) == (7, 0)


def test_a_label_dropped_before_an_insertion_stays_apart_from_it() -> None:
    old = document(["(a) agree to act."], labelled=True)
    new = document(["Parties agree to act."], labelled=True)
    segments = compare(old, new, LABELS).blocks[0].segments
    assert segments[:2] == (Segment("insert", "Parties ", False), Segment("delete", "(a) ", True))


def test_footnote_references_glued_to_words_are_not_changes() -> None:
    old = document(["The actions13 taken by Parties.4 We agree¹ to act."])
    new = document(["The actions taken by Parties. We agree to act."])
    assert compare(old, new).stats.words_deleted == 3
    ignored = compare(old, new, REFS)
    check_contract(ignored)
    assert [b.op for b in ignored.blocks] == ["equal"]
    assert not ignored.stats.changed
    # numbers that belong to the wording stay: G20, CO2, 2015
    changed = compare(
        document(["The G20 of 2015 on CO2."]), document(["The G of 2015 on CO."]), REFS
    )
    assert changed.stats.words_deleted == 2


def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Pp1 The Assembly notes the actions13 taken.\n", encoding="utf-8")
    new.write_text("The Assembly notes the actions taken.\n", encoding="utf-8")
    return old, new


def test_cli_compare_records_the_options(tmp_path: Path) -> None:
    old, new = files(tmp_path)
    flags = ["--ignore-labels", "--ignore-footnote-refs"]
    result = CliRunner().invoke(main, ["compare", str(old), str(new), "-f", "json", *flags])
    assert result.exit_code == 0, result.output
    options = json.loads(result.output)["options"]
    assert options["ignore_labels"] is options["ignore_footnote_refs"] is True
    plain = CliRunner().invoke(main, ["compare", str(old), str(new), "-f", "json"])
    assert plain.exit_code == 1
    assert json.loads(plain.output)["options"]["ignore_labels"] is False
    text = CliRunner().invoke(main, ["compare", str(old), str(new), *flags]).output
    assert "compared with --ignore-labels --ignore-footnote-refs" in text.splitlines()
    markdown = CliRunner().invoke(
        main, ["compare", str(old), str(new), "-f", "md", "--ignore-labels"]
    )
    assert "Compared with `--ignore-labels`." in markdown.output
    assert "Compared with" not in CliRunner().invoke(main, ["compare", str(old), str(new)]).output


def test_cli_report_header_names_the_options(tmp_path: Path) -> None:
    old, new = files(tmp_path)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["report", str(old), str(new), "-o", str(out), "--ignore-footnote-refs"]
    )
    assert result.exit_code == 0, result.output
    assert "Compared with options: --ignore-footnote-refs." in out.read_text(encoding="utf-8")


def test_json_of_a_library_comparison_records_them() -> None:
    comparison = compare(document(["a"]), document(["a"]), LABELS)
    assert json.loads(render(comparison, "json"))["options"] == {
        "strict": False,
        "ignore_case": False,
        "ignore_punctuation": False,
        "ignore_labels": True,
        "ignore_footnote_refs": False,
    }
