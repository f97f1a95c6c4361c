"""DOCX tracked changes accepted or rejected (`--revisions`), comments left out, notes read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from helpers.docx_samples import append_xml, mark_paragraph, saved, with_notes
from helpers.docx_views import doc, redline

from diffdoc.cli import main
from diffdoc.ingest import parse_bytes

DELETED = '<w:del w:id="1" w:author="A"><w:r><w:delText>may</w:delText></w:r></w:del>'
INSERTED = '<w:ins w:id="2" w:author="A"><w:r><w:t>shall</w:t></w:r></w:ins>'


def _edited() -> bytes:
    """A paragraph with a word replaced, one whose mark was deleted (joined to the next on
    accepting), a paragraph inserted whole (its mark too), and a move."""
    document = docx.Document()
    first = document.add_paragraph("The Parties ")
    append_xml(first, DELETED)
    append_xml(first, INSERTED)
    first.add_run(" cooperate.")
    joined = document.add_paragraph("They note the report ")  # Word joins with nothing between
    mark_paragraph(joined, "del")
    document.add_paragraph("and welcome it.")
    new = document.add_paragraph()
    append_xml(new, '<w:ins w:id="3" w:author="A"><w:r><w:t>A new paragraph.</w:t></w:r></w:ins>')
    mark_paragraph(new, "ins")
    moved = document.add_paragraph("Closing ")
    append_xml(
        moved,
        '<w:moveFrom w:id="4" w:author="A"><w:r><w:delText>early</w:delText></w:r></w:moveFrom>',
    )
    moved.add_run(" words ")
    append_xml(moved, '<w:moveTo w:id="5" w:author="A"><w:r><w:t>late</w:t></w:r></w:moveTo>')
    return saved(document)


def test_accept_reads_the_current_text_and_reject_the_text_before() -> None:
    data = _edited()
    accepted = parse_bytes(data, name="r.docx").texts
    assert accepted == parse_bytes(data, name="r.docx", revisions="accept").texts
    assert accepted == [
        "The Parties shall cooperate.",
        "They note the report and welcome it.",
        "A new paragraph.",
        "Closing words late",
    ]
    assert parse_bytes(data, name="r.docx", revisions="reject").texts == [
        "The Parties may cooperate.",
        "They note the report",
        "and welcome it.",
        "Closing early words",
    ]


def test_reject_takes_the_old_numbering_and_leaves_inserted_rows_out() -> None:
    """A tracked change of numbering (`w:pPrChange`) and a tracked table row."""
    document = docx.Document()
    renumbered = document.add_paragraph("Decides to act.", style="List Number")
    properties = renumbered._p.get_or_add_pPr()
    from docx.oxml import parse_xml
    from helpers.docx_samples import W

    properties.append(
        parse_xml(f'<w:pPrChange {W} w:id="7" w:author="A"><w:pPr/></w:pPrChange>')
    )  # before the change the paragraph was Normal: not numbered
    document.add_paragraph("Requests a report.", style="List Number")
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "Kept row."
    table.cell(1, 0).text = "Inserted row."
    row = table.rows[1]._tr
    row.get_or_add_trPr().append(parse_xml(f'<w:ins {W} w:id="8" w:author="A"/>'))
    data = saved(document)
    assert parse_bytes(data, name="n.docx").texts == [
        "1. Decides to act.",
        "2. Requests a report.",
        "Kept row.",
        "Inserted row.",
    ]
    assert parse_bytes(data, name="n.docx", revisions="reject").texts == [
        "Decides to act.",
        "1. Requests a report.",
        "Kept row.",
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["Title", "One two three.", "Four five six."], ["Title", "One two three. Four five six."]),
        (["Title", "One two three. Four five six."], ["Title", "One two three.", "Four five six."]),
        (
            ["Title", "A first.", "B second.", "C third."],
            ["Title", "C third.", "A first.", "B second."],
        ),
        (["Title", "Keep this.", "Drop this."], ["Title", "New one.", "Keep this changed."]),
    ],
)
def test_a_redline_reads_back_as_its_two_texts(old: list[str], new: list[str]) -> None:
    """diffdoc's own Word redline (splits and merges are paragraph-mark revisions, moves are
    move revisions): accepting gives the new text, rejecting the old one."""
    comparison, data = redline(doc(*old), doc(*new))
    assert parse_bytes(data, name="redline.docx").texts == comparison.new.texts
    assert parse_bytes(data, name="redline.docx", revisions="reject").texts == comparison.old.texts


def test_comments_are_not_text() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The Parties shall cooperate.")
    document.add_comment(paragraph.runs, text="Delete 'shall'? We object.", author="Delegate")
    data = saved(document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # the comment is in the package...
        assert "We object" in package.read("word/comments.xml").decode()
    read = parse_bytes(data, name="c.docx")
    assert read.texts == ["The Parties shall cooperate."]  # ...but not in the text
    assert all("object" not in block.text for block in read.blocks)


def test_footnotes_and_endnotes_are_numbered_and_moved_to_the_end() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Mitigation actions")
    append_xml(paragraph, '<w:r><w:footnoteReference w:id="5"/></w:r>')
    paragraph.add_run(" and adaptation")
    append_xml(paragraph, '<w:r><w:footnoteReference w:id="2"/></w:r>')
    paragraph.add_run(".")
    second = document.add_paragraph("Finance")
    append_xml(second, '<w:r><w:endnoteReference w:id="1"/></w:r>')
    append_xml(
        second, '<w:del w:id="9" w:author="A"><w:r><w:footnoteReference w:id="3"/></w:r></w:del>'
    )
    second.add_run(" flows.")
    data = with_notes(
        saved(document), "footnote", {2: "Second note.", 3: "Deleted note.", 5: "First note."}
    )
    data = with_notes(data, "endnote", {1: "An endnote."})
    read = parse_bytes(data, name="notes.docx")
    assert read.texts == [
        "Mitigation actions1 and adaptation2.",
        "Finance flows.".replace("Finance", "Financei"),
        "First note.",
        "Second note.",
        "An endnote.",
    ]
    assert [(b.kind, b.label) for b in read.blocks[2:]] == [
        ("footnote", "1"),
        ("footnote", "2"),
        ("footnote", "i"),
    ]
    rejected = parse_bytes(data, name="notes.docx", revisions="reject")
    assert rejected.texts[1] == "Financei3 flows."  # the deleted reference is back, numbered 3
    assert "Deleted note." in rejected.texts


def test_the_command_line_option(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(_edited())
    runner = CliRunner()
    plain = runner.invoke(
        main, ["normalize", str(path), "--format", "plain", "--revisions", "reject"]
    )
    assert plain.exit_code == 0, plain.output
    assert plain.output.startswith("The Parties may cooperate.\n\nThey note the report\n\n")
    result = runner.invoke(main, ["compare", str(path), str(path), "--revisions", "reject"])
    assert result.exit_code == 0, result.output
    other = tmp_path / "accepted.txt"
    other.write_text("\n\n".join(parse_bytes(_edited(), name="x.docx").texts) + "\n")
    assert runner.invoke(main, ["compare", str(path), str(other)]).exit_code == 0
    assert (
        runner.invoke(main, ["compare", str(path), str(other), "--revisions", "reject"]).exit_code
        == 1
    )
    report = tmp_path / "r.html"
    result = runner.invoke(
        main, ["report", str(path), str(other), "--revisions", "reject", "-o", str(report)]
    )
    assert result.exit_code == 0 and "may" in report.read_text()
    bad = runner.invoke(main, ["normalize", str(path), "--revisions", "maybe"])
    assert bad.exit_code == 2


def test_revisions_must_be_accept_or_reject() -> None:
    with pytest.raises(ValueError, match="revisions"):
        parse_bytes(_edited(), name="x.docx", revisions="both")
