"""The Word redline: real revisions, and Accept all / Reject all giving the new / old text."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from helpers.docx_views import (
    DATE,
    W,
    assert_views,
    body_of,
    doc,
    parts,
    redline,
    views,
)
from lxml import etree

from diffdoc.compare import compare, compare_files
from diffdoc.models import CompareOptions
from diffdoc.report.docx import render_docx

ROOT = Path(__file__).resolve().parents[1]

OLD = doc(
    "Declaration",
    "I",
    "1. The Parties firmly support the principles of the Charter.",
    "2. They agree to meet every year. The meeting shall be held in June.",
    "3. This paragraph will move to the end of the text.",
    "4. A paragraph that is deleted because nobody wanted it any more.",
    "5. First half of a merge.",
    "6. second half of the merge.",
    '7. Closing words "quoted".',
    label="old.md",
    kinds={0: "title", 1: "heading"},
)
NEW = doc(
    "Declaration",
    "I",
    "1. The Parties strongly support the principles of the [Charter].",
    "2. They agree to meet every year.",
    "The meeting shall be held in June.",
    "5. First half of a merge. 6. second half of the merge.",
    "7. Closing words “quoted”.",
    "Wholly new text about climate finance and adaptation.",
    "3. This paragraph has moved to the very end of the text.",
    label="new.md",
    kinds={0: "title", 1: "heading"},
)


def _xml(data: bytes, part: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(parts(data)[part])


def test_accept_gives_new_and_reject_gives_old() -> None:
    _, data = redline(OLD, NEW)
    accepted, rejected = views(data)
    assert accepted == NEW.texts
    # the quotes are typography: not marked, so both views show the new ones
    assert rejected == [*OLD.texts[:8], "7. Closing words “quoted”."]


def test_strict_marks_typography_and_reject_is_exact() -> None:
    _, data = redline(OLD, NEW, strict=True)
    accepted, rejected = views(data)
    assert (accepted, rejected) == (NEW.texts, OLD.texts)
    deleted = "".join(_xml(data).itertext())
    assert '"' in deleted


def test_revisions_are_runs_with_author_and_date() -> None:
    comparison = compare(OLD, NEW)
    data = render_docx(comparison, author="Delegation of Ruritania", date=DATE)
    root = _xml(data)
    insertions = root.findall(f".//{W}ins")
    deletions = root.findall(f".//{W}del")
    assert insertions and deletions
    for revision in insertions + deletions:
        assert revision.get(f"{W}author") == "Delegation of Ruritania"
        assert revision.get(f"{W}date") == "2026-03-01T09:30:00Z"
    deleted_words = [t.text for d in deletions for t in d.iter(f"{W}delText")]
    inserted_words = [t.text for i in insertions for t in i.iter(f"{W}t")]
    assert "firmly" in deleted_words and "strongly" in inserted_words
    assert not [d for d in deletions if d.find(f".//{W}t") is not None]  # deleted text is delText
    ids = [e.get(f"{W}id") for e in root.iter() if e.get(f"{W}author")]
    assert len(ids) == len(set(ids))


def test_moves_are_move_revisions_with_matching_names() -> None:
    root = _xml(redline(OLD, NEW)[1])
    (source,) = root.findall(f".//{W}moveFromRangeStart")
    (destination,) = root.findall(f".//{W}moveToRangeStart")
    assert source.get(f"{W}name") == destination.get(f"{W}name") == "move1"
    ends = [e.get(f"{W}id") for e in root.iter(f"{W}moveFromRangeEnd", f"{W}moveToRangeEnd")]
    assert sorted(ends) == sorted([source.get(f"{W}id"), destination.get(f"{W}id")])
    moved_from = "".join(t.text for m in root.iter(f"{W}moveFrom") for t in m.iter(f"{W}t"))
    moved_to = "".join(t.text for m in root.iter(f"{W}moveTo") for t in m.iter(f"{W}t"))
    assert moved_from == "3. This paragraph will move to the end of the text."
    # the edited words at the new place are insertions, the rest is moved text
    assert moved_to == "3. This paragraph  to the end of the text."
    inserted_in_move = [
        t.text
        for p in root.iter(f"{W}p")
        if p.find(f".//{W}moveTo") is not None
        for i in p.iter(f"{W}ins")
        for t in i.iter(f"{W}t")
    ]
    assert inserted_in_move == ["has moved", "very "]


def test_comments_name_the_other_end_of_moves_splits_and_merges() -> None:
    comments = "".join(_xml(redline(OLD, NEW)[1], "word/comments.xml").itertext())
    assert "Moved to new ¶ 9, and edited there." in comments
    assert "Moved from old ¶ 5, and edited; deleted: “will move”." in comments
    assert "Old ¶ 4 split into new ¶ 4–5." in comments
    assert "Old ¶ 7–8 merged into new ¶ 6." in comments


def test_splits_and_merges_are_paragraph_mark_revisions() -> None:
    root = _xml(redline(OLD, NEW)[1])
    paragraphs = root.findall(f".//{W}body/{W}p")

    def mark(text: str) -> list[str]:
        (p,) = [p for p in paragraphs if "".join(p.itertext()).startswith(text)]
        run_properties = p.find(f"{W}pPr/{W}rPr")
        return [] if run_properties is None else [etree.QName(c).localname for c in run_properties]

    assert mark("2. They agree to meet every year.") == ["ins"]  # the split's new break
    assert mark("5. First half of a merge.") == ["del"]  # the merge's removed break
    assert mark("4. A paragraph that is deleted") == ["del"]
    assert mark("Wholly new text") == ["ins"]


def test_headings_use_word_styles_and_labels_stay() -> None:
    root = _xml(redline(OLD, NEW)[1])
    styles = {
        "".join(p.itertext()): p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        for p in root.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
    }
    assert styles["Declaration"] == "Title"
    assert styles["I"] == "Heading1"
    assert "[Charter]" in "".join(root.itertext())  # brackets are text


def test_a_changed_kind_takes_the_new_style_untracked() -> None:
    old = doc("Preamble", "Text of the article.")
    new = doc("Preamble", "Text of the article.", kinds={0: "heading"})
    root = _xml(redline(old, new)[1])
    first = root.find(f".//{W}body/{W}p")
    assert first.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1"
    assert root.find(f".//{W}pPrChange") is None  # LibreOffice drops deletions beside one


def test_header_names_both_versions_and_the_counts() -> None:
    _, data = redline(OLD, NEW)
    files = parts(data)
    headers = [etree.fromstring(files[n]) for n in files if n.startswith("word/header")]
    texts = ["".join(h.itertext()) for h in headers]
    first = next(t for t in texts if "Changes:" in t)
    assert "Old: old.md" in first and "New: new.md" in first
    assert "1 moved, 1 split, 1 merged" in first
    assert any(t == "Redline: old.md → new.md" for t in texts)
    settings = etree.fromstring(files["word/settings.xml"])
    assert settings.find(f"{W}trackRevisions") is not None
    assert "docProps/thumbnail.jpeg" not in files


def test_same_comparison_and_date_give_the_same_bytes() -> None:
    comparison = compare(OLD, NEW)
    assert render_docx(comparison, date=DATE) == render_docx(comparison, date=DATE)


def test_source_date_epoch_sets_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    root = _xml(render_docx(compare(OLD, NEW)))
    assert {e.get(f"{W}date") for e in root.iter(f"{W}ins")} == {"2026-01-01T00:00:00Z"}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (("A a a a.", "B b b b."), ("A a a a.", "B b b b.", "C c c c.")),  # inserted at the end
        (("A a a a.", "B b b b.", "C c c c."), ("A a a a.", "B b b b.")),  # deleted at the end
        (("A a a a.", "B b b b."), ("Z z z z.", "A a a a.", "B b b b.")),  # inserted first
        (("Z z z z.", "A a a a.", "B b b b."), ("A a a a.", "B b b b.")),  # deleted first
        (("A a a a.", "D d d d."), ("A a a a.", "Q q q q q q q q.")),  # deleted last, inserted last
        ((), ("Only new.", "Text.")),
        (("Only old.", "Text."), ()),
        (("x",), ("x",)),
        (
            ("One two three four five six seven.", "Alpha beta gamma delta epsilon."),
            ("Alpha beta gamma delta epsilon.", "One two three four five six seven."),
        ),
        (("Tab\there & <angle> \x01 end.",), ("Tab\there & <angles> end.",)),
    ],
)
def test_views_at_the_edges(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    comparison = compare(doc(*old), doc(*new))
    body = body_of(comparison)
    if "\x01" in "".join(old):  # XML cannot hold U+0001: it shows as U+FFFD
        from diffdoc.report.revisions import view_paragraphs

        assert view_paragraphs(body, "accept") == list(new)
        assert view_paragraphs(body, "reject") == ["Tab\there & <angle> \ufffd end."]
        return
    assert_views(comparison, exact=True)


def _benchmark_cases() -> list[object]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    accuracy = importlib.import_module("accuracy")  # a script folder, not a package

    return [case for rates in accuracy.VARIANTS.values() for case in accuracy.cases(rates)]


def test_views_over_the_accuracy_benchmark_cases() -> None:
    """Every case of every variant of benchmarks/accuracy.py (moves, splits, merges, inserts,
    deletes and word edits at the usual and triple rates; 36 per variant with ../shared,
    4 per variant from the seed alone)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    accuracy = importlib.import_module("accuracy")  # a script folder, not a package

    cases = _benchmark_cases()
    assert len(cases) >= 16
    for case in cases:
        comparison = compare(accuracy.document(case.old), accuracy.document(case.new))  # type: ignore[attr-defined]
        assert_views(comparison)


def test_views_over_the_real_pairs(texts_dir: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    accuracy = importlib.import_module("accuracy")  # a script folder, not a package

    checked = 0
    for stem, old, new in accuracy.REAL_PAIRS:
        old_path, new_path = texts_dir / f"{stem}{old}.en.txt", texts_dir / f"{stem}{new}.en.txt"
        for options in (CompareOptions(), CompareOptions(strict=True)):
            comparison = compare_files(old_path, new_path, options)
            assert_views(comparison)
            checked += 1
    assert checked == 2 * len(accuracy.REAL_PAIRS)
