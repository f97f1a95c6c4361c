"""Paragraph lineage and word blame over a series of versions, without a corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.drafts import doc, paris_lineage

from diffdoc.compare import compare
from diffdoc.drafts.lineage import (
    DraftVersion,
    Lineage,
    build_lineage,
    chain,
    paragraph_history,
    wording_changed,
)
from diffdoc.drafts.words import word_blame
from diffdoc.models import (
    BlockChange,
    CompareOptions,
    Comparison,
    Document,
    Segment,
    Stats,
)
from diffdoc.normalize import DEFAULT_KEY


def series(*versions: tuple[str, ...]) -> list[DraftVersion]:
    return [DraftVersion(f"v{n}", None, doc(*texts)) for n, texts in enumerate(versions, 1)]


A = "The Parties agree to cooperate on climate matters."
B = "Each Party shall communicate a contribution every five years."
C = "The secretariat shall keep a public registry of contributions."


def test_introduced_and_changed() -> None:
    lineage = build_lineage(
        series(
            (A, B),
            (A, B.replace("five", "ten"), C),
            (A, B.replace("five", "ten"), C.replace("public", "open")),
        ),
        compare,
    )
    last = lineage.paragraphs[2]
    assert [(p.introduced, p.changed_in) for p in last] == [(0, (0,)), (0, (0, 1)), (1, (1, 2))]
    assert [p.last_changed for p in last] == [0, 1, 2]
    assert [p.op for p in last] == ["equal", "equal", "modify"]
    assert lineage.paragraphs[0][1].next == (1,) and lineage.paragraphs[0][1].next_op == "modify"
    assert lineage.paragraphs[2][0].next_op is None


def test_removed_paragraph_has_no_next() -> None:
    lineage = build_lineage(series((A, B, C), (A, C)), compare)
    assert lineage.paragraphs[0][1].next == ()
    assert lineage.paragraphs[0][1].next_op == "delete"
    assert lineage.paragraphs[1][1].previous == (2,)


def test_moved_paragraph_keeps_its_origin() -> None:
    lineage = build_lineage(series((A, B, C), (C, A, B)), compare)
    assert [p.introduced for p in lineage.paragraphs[1]] == [0, 0, 0]
    assert all(p.changed_in == (0,) for p in lineage.paragraphs[1])


def _comparison(old: Document, new: Document, *blocks: BlockChange) -> Comparison:
    return Comparison(old, new, CompareOptions(), blocks, Stats())


def test_split_and_merge_chain() -> None:
    one, two = "First half.", "Second half."
    v1 = doc(f"{one} {two}", A)
    v2 = doc(one, two, A)
    v3 = doc(f"{one} {two} {A}")
    space, gap = (
        (Segment("delete", " "), Segment("insert", "\n\n")),
        (
            Segment("delete", "\n\n"),
            Segment("insert", " "),
        ),
    )
    split = BlockChange(
        "split", (0,), (0, 1), (Segment("equal", one), *space, Segment("equal", two))
    )
    merge = BlockChange(
        "merge",
        (0, 1, 2),
        (0,),
        (Segment("equal", one), *gap, Segment("equal", two), *gap, Segment("equal", A)),
    )
    lineage = chain(
        [DraftVersion("a", None, v1), DraftVersion("b", None, v2), DraftVersion("c", None, v3)],
        [
            _comparison(v1, v2, split, BlockChange("equal", (1,), (2,), (Segment("equal", A),))),
            _comparison(v2, v3, merge),
        ],
    )
    assert [p.previous for p in lineage.paragraphs[1]] == [(0,), (0,), (1,)]
    assert [p.changed_in for p in lineage.paragraphs[1]] == [(0,), (0,), (0,)]
    merged = lineage.paragraphs[2][0]
    assert merged.op == "merge" and merged.previous == (0, 1, 2) and merged.changed_in == (0,)
    steps = paragraph_history(lineage, 2, 0)
    assert [(s.version, s.indices) for s in steps] == [(0, (0, 1)), (1, (0, 1, 2)), (2, (0,))]
    steps = paragraph_history(lineage, 0, 0)
    assert [(s.version, s.indices) for s in steps] == [(0, (0,)), (1, (0, 1)), (2, (0,))]
    phrases = word_blame(lineage, 2)[0]
    assert "".join(p.text for p in phrases) == v3.blocks[0].text
    assert {p.version for p in phrases} == {0}


def test_unaligned_paragraph_is_an_error() -> None:
    v1, v2 = doc(A), doc(A, B)
    broken = _comparison(v1, v2, BlockChange("equal", (0,), (0,), (Segment("equal", A),)))
    with pytest.raises(ValueError, match=r"paragraphs \[1\] unaligned"):
        chain([DraftVersion("a", None, v1), DraftVersion("b", None, v2)], [broken])


def test_cosmetic_move_is_not_a_wording_change() -> None:
    quotes = (Segment("equal", "say "), Segment("delete", '"x"'), Segment("insert", "“x”"))
    moved = BlockChange("move", (0,), (1,), quotes)
    assert not wording_changed(moved, DEFAULT_KEY)
    assert wording_changed(BlockChange("modify", (0,), (0,), ()), DEFAULT_KEY)


def test_word_blame_attributes_phrases() -> None:
    lineage = build_lineage(
        series(
            ("Parties shall act promptly.",),
            ("Parties shall act promptly and fairly.",),
            ("All Parties shall act promptly and fairly.",),
        ),
        compare,
    )
    phrases = word_blame(lineage, 2)[0]
    assert "".join(p.text for p in phrases) == "All Parties shall act promptly and fairly."
    assert [(p.version, p.text.strip()) for p in phrases] == [
        (2, "All"),
        (0, "Parties shall act promptly"),
        (1, "and fairly."),  # punctuation stays with its word
    ]


def test_word_blame_keeps_list_numbers_whole() -> None:
    lineage = build_lineage(
        series(("1. Parties shall act promptly.",), ("2. Parties shall act promptly.",)), compare
    )
    phrases = word_blame(lineage, 1)[0]
    assert [(p.version, p.text.strip()) for p in phrases] == [
        (1, "2."),
        (0, "Parties shall act promptly."),
    ]


def test_history_of_a_paragraph_removed_later() -> None:
    lineage = build_lineage(series((A, B), (A, B + " Really."), (A,)), compare)
    steps = paragraph_history(lineage, 0, 1)
    assert [s.version for s in steps] == [0, 1]
    assert steps[1].text.endswith("Really.")
    assert lineage.paragraphs[1][1].next_op == "delete"


@pytest.fixture
def paris(texts_dir: Path) -> Lineage:
    return paris_lineage(texts_dir)


def test_paris_blame_attributes_articles(paris: Lineage) -> None:
    adopted = paris.versions[3].document
    rows = paris.paragraphs[3]
    assert len(rows) == len(adopted.blocks)
    # The temperature goal, Article 2.1(a), took its "1.5 °C" wording from an earlier draft.
    goal = next(
        i for i, b in enumerate(adopted.blocks) if "1.5 °C" in b.text and "Holding" in b.text
    )
    phrases = word_blame(paris, 3)[goal]
    limit = next(p for p in phrases if "1.5 °C" in p.text)
    assert limit.version < 3
    # Every version of the series gave wording to the adopted text.
    assert {p.last_changed for p in rows} >= {0, 3}
    assert {p.introduced for p in rows} == {0, 1, 2, 3}


def test_paris_words_rebuild_every_paragraph(paris: Lineage) -> None:
    for version in range(len(paris.versions)):
        texts = paris.versions[version].document.texts
        for text, phrases in zip(texts, word_blame(paris, version), strict=True):
            assert "".join(p.text for p in phrases) == text


def test_paris_blame_of_specific_articles(paris: Lineage) -> None:
    adopted = paris.versions[3].document

    def row(start: str) -> int:
        return next(i for i, b in enumerate(adopted.blocks) if b.text.startswith(start))

    article_2 = paris.paragraph(3, row("Article 2"))
    assert article_2.introduced == 0
    adapt = paris.paragraph(3, row("2. Increasing the ability to adapt"))
    assert adapt.introduced == 0 and adapt.changed_in == (0, 1, 2, 3)
    contribution = paris.paragraph(3, row("3. Each Party's successive nationally determined"))
    assert contribution.introduced == 0
    definitions = paris.paragraph(3, row('1. "Convention" means'))
    assert definitions.introduced == 3  # the definitions were written for adoption
    goal = word_blame(paris, 3)[row("1. Holding the increase")]
    assert [p.version for p in goal if "temperature increase to 1.5 °C" in p.text] == [2]
    assert goal[0].text.startswith("1. Holding")  # the list number stays whole
