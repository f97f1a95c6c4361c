"""Tracing a phrase through a series of drafts by comparison key."""

from __future__ import annotations

from pathlib import Path

from drafts_helpers import doc, paris_versions

from diffdoc.drafts.lineage import DraftVersion
from diffdoc.drafts.trace import phrase_offsets, trace_phrase
from diffdoc.models import Block, Document
from diffdoc.normalize import KeyConfig


def series(*texts: str) -> list[DraftVersion]:
    return [DraftVersion(f"v{n}", None, doc(*t.split("|"))) for n, t in enumerate(texts)]


def test_whole_words_only() -> None:
    assert list(phrase_offsets("shall, shallow shall", "shall")) == [0, 15]
    assert list(phrase_offsets("x", "")) == []


def test_appeared_and_disappeared() -> None:
    trace = trace_phrase(
        "common but differentiated",
        series(
            "a",
            "on a common but differentiated basis|common but differentiated",
            "b",
            "common but differentiated",
        ),
    )
    assert [(h.count, h.paragraphs) for h in trace.hits] == [
        (0, ()),
        (2, (0, 1)),
        (0, ()),
        (1, (0,)),
    ]
    assert trace.first == 1
    assert trace.appeared == (1, 3)
    assert trace.disappeared == (2,)


def test_typography_and_wraps_do_not_hide_a_hit() -> None:
    written = "each Party's 'nationally\ndetermined'|Parties' \"nationally determined\""
    trace = trace_phrase("Parties' “nationally  determined”", series(written))
    assert trace.hits[0].paragraphs == (1,)
    assert trace_phrase("PARTIES", series("Parties")).first is None
    assert trace_phrase("PARTIES", series("Parties"), KeyConfig(case=True)).first == 0


def test_notes_are_not_searched() -> None:
    document = Document("t", (Block("note", "1.5 °C", "1.5 °C"), Block("paragraph", "x", "x")))
    assert trace_phrase("1.5 °C", [DraftVersion("a", None, document)]).first is None


def test_paris_phrases(texts_dir: Path) -> None:
    versions = paris_versions(texts_dir)
    limit = trace_phrase("1.5 °C", versions)
    assert limit.first == 0 and limit.disappeared == ()
    assert [h.count for h in limit.hits] == [3, 2, 2, 1, 1]
    # "well below 2 °C" left the 4 December draft and came back for adoption
    below = trace_phrase("well below 2 °C", versions)
    assert below.appeared == (0, 3) and below.disappeared == (1,)
    # the editorial corrections of January 2016 brought "pursuing efforts"
    assert trace_phrase("pursuing efforts", versions).first == 4
    options = trace_phrase("Option 1", versions)
    assert options.disappeared == (3,)
