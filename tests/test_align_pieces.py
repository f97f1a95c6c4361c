"""Splits and merges join consecutive paragraphs only, so blocks keep the new reading order."""

from __future__ import annotations

from diffdoc.align import Pairing, align
from diffdoc.normalize import comparison_key

SIGNED = "Today, we, the heads of State, have formally signed the Charter."
MOVED = "The member states will cooperate in the fight against terrorism."
BELIEVE = "We believe that the SCO establishment is in accord with the existing situation."


def _aligned(old: list[str], new: list[str]) -> list[Pairing]:
    return align([comparison_key(t) for t in old], [comparison_key(t) for t in new])


def _ops(pairings: list[Pairing]) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(p.op, p.old, p.new) for p in pairings]


def test_no_split_across_a_paragraph_paired_elsewhere() -> None:
    # new[2] is a paragraph paired as a move, so "a.b" -> "a" + "b" is no split of
    # consecutive paragraphs (found by Hypothesis in test_contract_invariants).
    old = [SIGNED, "a.b", BELIEVE, MOVED]
    new = [SIGNED, "a", MOVED, "b", BELIEVE]
    pairings = _aligned(old, new)
    assert _ops(pairings) == [
        ("equal", (0,), (0,)),
        ("insert", (), (1,)),
        ("move", (3,), (2,)),
        ("modify", (1,), (3,)),
        ("equal", (2,), (4,)),
    ]
    firsts = [p.new[0] for p in pairings if p.new]
    assert firsts == sorted(firsts)


def test_repeated_paragraph_between_pieces_is_inserted_not_moved() -> None:
    old = [SIGNED, "a.b", BELIEVE, SIGNED]
    new = [SIGNED, "a", SIGNED, "b", BELIEVE]
    pairings = _aligned(old, new)
    assert _ops(pairings) == [
        ("equal", (0,), (0,)),
        ("insert", (), (1,)),
        ("insert", (), (2,)),
        ("modify", (1,), (3,)),
        ("equal", (2,), (4,)),
        ("delete", (3,), ()),
    ]
