"""Real published version pairs come out as the few phrases that changed."""

from __future__ import annotations

from pathlib import Path

from diffdoc.compare import compare_files
from diffdoc.normalize import DEFAULT_KEY
from diffdoc.wordiff import changes

ATLANTIC = "us-uk-2023-06-08-atlantic-declaration.wh-md.{}.en.txt"
LOS_ANGELES = "americas-2022-06-10-los-angeles-declaration-migration-protection.wh-md.{}.en.txt"
AWAZA = "unga-2025-10-14-A-RES-80-3-awaza-declaration.railcar-extract-{}.en.txt"


def changed(texts: Path, pattern: str, old: str, new: str) -> list[tuple[str, str]]:
    comparison = compare_files(texts / pattern.format(old), texts / pattern.format(new))
    return [
        (piece.old, piece.new)
        for block in comparison.blocks
        for piece in changes(block.segments, DEFAULT_KEY)
        if piece.kind == "change"
    ]


def test_atlantic_v1_to_v2(texts_dir: Path) -> None:
    assert changed(texts_dir, ATLANTIC, "v1", "v2") == [
        (" that has never been tried before", ""),
        ("[£ 1.2 trillion] ", ""),
        ("hard-working ", ""),
        ("Mobilising", "Mobilizing"),
    ]


def test_atlantic_v2_to_v3(texts_dir: Path) -> None:
    assert changed(texts_dir, ATLANTIC, "v2", "v3") == [
        (". A partnership that", ";"),
        (",", ";"),
        (",", ";"),
    ]


def test_los_angeles_v2_to_v3(texts_dir: Path) -> None:
    assert changed(texts_dir, LOS_ANGELES, "v2", "v3") == [
        ("", "Co‑operative Republic of\xa0Guyana, ")
    ]


def test_awaza_extractions_show_no_wording_change(texts_dir: Path) -> None:
    comparison = compare_files(
        texts_dir / AWAZA.format("v1.0.0"), texts_dir / AWAZA.format("v1.3.0")
    )
    assert changed(texts_dir, AWAZA, "v1.0.0", "v1.3.0") == []
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0
    assert {block.op for block in comparison.blocks} <= {"equal", "merge"}
