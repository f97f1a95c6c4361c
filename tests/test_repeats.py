"""Repeated sentences in a long paragraph: edited copies stand against deleted copies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diffdoc.normalize import KeyConfig
from diffdoc.repeats import imbalance, pair_repeats
from diffdoc.wordiff import LONG_TEXT, diff_keys, diff_words

SENTENCE = "The member states reaffirm their commitment to the principles of the Charter. "


def test_three_words_inserted_in_a_repeated_sentence_are_three_words() -> None:
    copies = [SENTENCE] * 6000
    for k, word in ((700, "firmly "), (3100, "also "), (5200, "jointly ")):
        copies[k] = SENTENCE.replace("reaffirm", word + "reaffirm")
    old, new = SENTENCE * 6000, "".join(copies)
    assert len(old) + len(new) > LONG_TEXT
    result = diff_words(old, new, KeyConfig())
    changed = [(s.op, s.text) for s in result.segments if s.op != "equal"]
    assert changed == [("insert", "firmly "), ("insert", "also "), ("insert", "jointly ")]
    assert (result.words_inserted, result.words_deleted) == (3, 0)


def test_surplus_deletions_travel_to_lone_insertions() -> None:
    # diff-match-patch's own choice for these: three copies deleted at one place
    ops = [("equal", 7), ("delete", 3), ("insert", 1), ("equal", 5), ("insert", 1)]
    ops += [("equal", 4), ("insert", 1), ("equal", 2)]
    assert pair_repeats(ops, "a" * 21) == [  # type: ignore[arg-type]
        ("equal", 7), ("delete", 1), ("insert", 1), ("equal", 5), ("delete", 1),
        ("insert", 1), ("equal", 4), ("delete", 1), ("insert", 1), ("equal", 2),
    ]  # fmt: skip


def test_deletions_never_cross_a_different_item() -> None:
    ops = [("equal", 1), ("delete", 2), ("equal", 3), ("insert", 1), ("equal", 1)]
    # old "aaabab b": the copies deleted are "aa", but a "b" stands before the insertion
    assert pair_repeats(ops, "aaaabab") == ops  # type: ignore[arg-type]


def apply(ops: list[tuple[str, int]], old: str, new: str) -> tuple[str, str]:
    """Both sides rebuilt from the ops, checking every equal item matches."""
    i = j = 0
    kept_old, kept_new = [], []
    for op, count in ops:
        if op == "equal":
            assert old[i : i + count] == new[j : j + count]
        if op != "insert":
            kept_old.append(old[i : i + count])
            i += count
        if op != "delete":
            kept_new.append(new[j : j + count])
            j += count
    assert (i, j) == (len(old), len(new))
    return "".join(kept_old), "".join(kept_new)


repetitive = st.lists(st.sampled_from("aaaaab"), max_size=40).map("".join)


@settings(max_examples=400)
@given(repetitive, repetitive)
def test_pairing_keeps_a_valid_alignment_and_never_adds_imbalance(old: str, new: str) -> None:
    plain = diff_keys(list(old), list(new))
    paired = diff_keys(list(old), list(new), repeats=True)
    assert apply(paired, old, new) == (old, new)  # type: ignore[arg-type]
    assert imbalance(paired) <= imbalance(plain)
    assert sum(c for op, c in paired if op != "equal") == sum(c for op, c in plain if op != "equal")


def test_more_distinct_sentences_than_the_private_use_areas_hold() -> None:
    # a 50 MB paragraph holds some 400,000 distinct sentences; the private-use areas 137,468
    old = [f"Sentence {n}. " for n in range(150_000)]
    new = [*old[:70_000], "Sentence new. ", *old[70_001:]]
    assert diff_keys(old, new) == [
        ("equal", 70_000),
        ("delete", 1),
        ("insert", 1),
        ("equal", 79_999),
    ]
