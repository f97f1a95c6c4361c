"""Tracing a phrase through a series of drafts by comparison key."""

from __future__ import annotations

from pathlib import Path

from helpers.drafts import doc, paris_versions

from diffdoc.drafts.lineage import DraftVersion
from diffdoc.drafts.trace import phrase_offsets, trace_phrase
from diffdoc.models import Block, Document
from diffdoc.normalize import KeyConfig


def series(*texts: str) -> list[DraftVersion]:
    return [DraftVersion(f"v{n}", None, doc(*t.split("|"))) for n, t in enumerate(texts)]


def test_whole_words_only() -> None:
    assert list(phrase_offsets("shall, shallow shall", "shall")) == [0, 15]
    assert list(phrase_offsets("x", "")) == []
    assert list(phrase_offsets("2.5 and 2", "2")) == [8]


def test_chinese_characters_are_words_of_their_own() -> None:
    assert list(phrase_offsets("各方应当立即采取行动。", "采取")) == [6]
    trace = trace_phrase(
        "采取", series("各方[应当][可以]立即[采取]行动。", "各方应当立即采取行动。")
    )
    assert [h.count for h in trace.hits] == [1, 1] and trace.disappeared == ()
    assert trace_phrase("действовать", series("Стороны [должны] действовать.")).first == 0


def test_brackets_do_not_hide_a_hit() -> None:
    trace = trace_phrase(
        "greenhouse gas net emissions",
        series("greenhouse gas [net] emissions", "[well] [below 2 °C]", "x"),
    )
    assert trace.first == 0 and trace.disappeared == (1,)
    assert trace_phrase("well below 2 °C", series("[well] [below 2 °C]")).first == 0
    assert trace_phrase("shall act", series("Parties [shall][should] act")).first is None
    assert trace_phrase("should act", series("Parties [shall][should] act")).first == 0


def test_spacing_before_units_does_not_hide_a_hit() -> None:
    trace = trace_phrase("1.5 °C", series("to 1.5°C above", "to 1.5 °C above", "to 1.5 C"))
    assert [h.count for h in trace.hits] == [1, 1, 0]
    assert trace_phrase("40%", series("by 40 % below")).first == 0


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
    # 9 December writes "1.5°C" once without the space
    assert [h.count for h in limit.hits] == [3, 2, 3, 1, 1]
    # "well below 2 °C" is in every version: 4 December brackets it "[well] [below 2 °C]"
    below = trace_phrase("well below 2 °C", versions)
    assert below.appeared == (0,) and below.disappeared == ()
    # ... and 9 December has "well below 2°C above pre-industrial levels"
    assert trace_phrase("well below 2 °C above pre-industrial levels", versions).first == 2
    # 6 November has "greenhouse gas [net] emissions"; adoption dropped the phrase
    net = trace_phrase("greenhouse gas net emissions", versions)
    assert net.first == 0 and net.disappeared == (3,)
    # the editorial corrections of January 2016 brought "pursuing efforts"
    assert trace_phrase("pursuing efforts", versions).first == 4
    options = trace_phrase("Option 1", versions)
    assert options.disappeared == (3,)
