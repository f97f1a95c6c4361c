"""Word's automatic numbering read as the labels Word shows, from generated DOCX files."""

from __future__ import annotations

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from helpers.docx_samples import add_abstract, add_num, numbered, saved

from diffdoc.compare import compare
from diffdoc.ingest import parse_bytes
from diffdoc.ingest.docx_numbering import format_number
from diffdoc.models import Document


def _read(data: bytes) -> Document:
    return parse_bytes(data, name="numbered.docx")


def _labels(document: Document) -> list[tuple[str | None, str]]:
    return [(block.label, block.text) for block in document.blocks]


def test_a_multilevel_list_with_letters_romans_and_a_restart() -> None:
    document = docx.Document()
    add_abstract(
        document, 20, [("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1), ("lowerRoman", "(%3)", 1)]
    )
    add_num(document, 30, 20)
    add_num(document, 31, 20, {0: 7})  # Word's "Restart numbering" at 7
    numbered(document, "The Parties agree.", 30)
    numbered(document, "to cooperate;", 30, 1)
    numbered(document, "to report;", 30, 1)
    numbered(document, "every two years;", 30, 2)
    numbered(document, "every year;", 30, 2)
    numbered(document, "to review.", 30, 1)
    numbered(document, "The Parties decide.", 30)
    numbered(document, "to meet;", 30, 1)  # restarted under a new first-level paragraph
    numbered(document, "Continued at seven.", 31)
    numbered(document, "And eight.", 31)
    assert _labels(_read(saved(document))) == [
        ("1.", "1. The Parties agree."),
        ("(a)", "(a) to cooperate;"),
        ("(b)", "(b) to report;"),
        ("(i)", "(i) every two years;"),
        ("(ii)", "(ii) every year;"),
        ("(c)", "(c) to review."),
        ("2.", "2. The Parties decide."),
        ("(a)", "(a) to meet;"),
        ("7.", "7. Continued at seven."),
        ("8.", "8. And eight."),
    ]


def test_multilevel_decimal_labels_legal_numbering_and_starts() -> None:
    document = docx.Document()
    add_abstract(document, 21, [("upperRoman", "Article %1", 3), ("decimal", "%1.%2", 1)])
    add_abstract(document, 22, [("upperRoman", "%1.", 1), ("lowerLetter", "%1.%2", 1)], legal=1)
    add_num(document, 32, 21)
    add_num(document, 33, 22)
    numbered(document, "Purpose", 32)
    numbered(document, "First clause.", 32, 1)
    numbered(document, "Second clause.", 32, 1)
    numbered(document, "Scope", 32)
    numbered(document, "Third clause.", 32, 1)
    numbered(document, "Legal", 33)
    numbered(document, "Numbered in decimals.", 33, 1)
    assert [block.label for block in _read(saved(document)).blocks] == [
        "Article III",
        "III.1",
        "III.2",
        "Article IV",
        "IV.1",
        "I.",
        "1.1",  # w:isLgl: every level of this label as a decimal number
    ]


def test_style_based_numbering_through_styles_and_their_base() -> None:
    """ "List Number" carries its numbering in the style (python-docx's template has it); a
    style based on it inherits it; numId 0 on a paragraph switches it off; a numbering
    instance shared by two styles counts on."""
    document = docx.Document()
    custom = document.styles.add_style("Operative", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["List Number"]
    document.add_paragraph("Preamble, not numbered.")
    document.add_paragraph("Decides to act.", style="List Number")
    document.add_paragraph("Requests a report.", style="Operative")
    unnumbered = numbered(document, "Not numbered here.", 0, style="List Number")
    assert unnumbered.style is not None and unnumbered.style.name == "List Number"
    document.add_paragraph("Decides to remain seized.", style="List Number")
    document.add_paragraph("A bullet is no label.", style="List Bullet")
    assert _labels(_read(saved(document))) == [
        (None, "Preamble, not numbered."),
        ("1.", "1. Decides to act."),
        ("2.", "2. Requests a report."),
        (None, "Not numbered here."),
        ("3.", "3. Decides to remain seized."),
        (None, "A bullet is no label."),
    ]


def test_renumbering_shows_in_a_comparison() -> None:
    """A paragraph inserted into a numbered list renumbers the ones after it, as in Word;
    the comparison sees the new labels."""

    def draft(paragraphs: list[str]) -> Document:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text, style="List Number")
        return _read(saved(document))

    kept = ["Decides to act.", "Requests a report.", "Decides to remain seized."]
    old = draft(kept)
    new = draft([kept[0], "Invites observers.", *kept[1:]])
    assert [b.label for b in new.blocks] == ["1.", "2.", "3.", "4."]
    assert new.texts[2] == "3. Requests a report."
    comparison = compare(old, new)
    assert comparison.stats.changed
    assert comparison.stats.words_inserted >= 2  # the new paragraph, and the new numbers


def test_empty_numbered_paragraphs_take_their_number() -> None:
    """Word shows a number before an empty numbered paragraph; the next one counts on."""
    document = docx.Document()
    document.add_paragraph("First.", style="List Number")
    document.add_paragraph("", style="List Number")
    document.add_paragraph("Third.", style="List Number")
    assert _read(saved(document)).texts == ["1. First.", "3. Third."]


@pytest.mark.parametrize(
    ("number", "fmt", "shown"),
    [
        (4, "lowerRoman", "iv"),
        (1994, "upperRoman", "MCMXCIV"),
        (27, "lowerLetter", "aa"),
        (3, "upperLetter", "C"),
        (7, "decimalZero", "07"),
        (12, "ordinal", "12th"),
        (22, "ordinal", "22nd"),
        (5, "none", ""),
        (5, "bullet", None),
        (5, "somethingNew", "5"),
    ],
)
def test_number_formats(number: int, fmt: str, shown: str | None) -> None:
    assert format_number(number, fmt) == shown
