from __future__ import annotations

from helpers.compare import check_contract, document
from hypothesis import given, settings
from hypothesis import strategies as st

from diffdoc.compare import compare
from diffdoc.models import CompareOptions

PARAGRAPHS = [
    "Today, we, the heads of State, have formally signed the Charter.",
    "We believe that the SCO establishment is in accord with the existing situation.",
    "II",
    "The SCO is based on the principles of mutual respect of sovereignty.",
    "The “Shanghai spirit” — mutual trust and mutual benefit.",
    "The Parties reaffirm their commitment.",
]


def test_comparing_a_text_with_itself_gives_only_equal() -> None:
    comparison = compare(document(PARAGRAPHS), document(PARAGRAPHS))
    assert {block.op for block in comparison.blocks} == {"equal"}
    assert not comparison.stats.changed


def test_typographic_differences_are_equal_by_default_and_changes_when_strict() -> None:
    new = list(PARAGRAPHS)
    new[4] = 'The "Shanghai spirit" - mutual trust and mutual benefit.'
    comparison = compare(document(PARAGRAPHS), document(new))
    check_contract(comparison)
    assert comparison.blocks[4].op == "equal"
    assert not comparison.stats.changed
    assert any(s.op == "delete" for s in comparison.blocks[4].segments)

    strict = compare(document(PARAGRAPHS), document(new), CompareOptions(strict=True))
    assert strict.blocks[4].op == "modify"
    assert strict.stats.changed
    assert strict.stats.words_inserted == 0  # quotes and dashes are not words


def test_stats_count_blocks_and_words() -> None:
    new = [*PARAGRAPHS[:2], "III", PARAGRAPHS[3].replace("mutual respect", "respect"), "New."]
    comparison = compare(document(PARAGRAPHS), document(new))
    check_contract(comparison)
    stats = comparison.stats
    assert (stats.equal, stats.modify) == (2, 2)
    assert stats.insert + stats.delete >= 2
    assert stats.words_inserted >= 1 and stats.words_deleted >= 1


def test_ignore_case() -> None:
    new = [p.upper() for p in PARAGRAPHS]
    assert compare(document(PARAGRAPHS), document(new), CompareOptions(ignore_case=True)).stats == (
        compare(document(PARAGRAPHS), document(PARAGRAPHS)).stats
    )


def test_five_megabyte_paragraphs_differing_in_three_words() -> None:
    sentence = "Member state {n} will cooperate with partner {m} on trade and transport. "
    old = "".join(sentence.format(n=n, m=n * 7 % 1000) for n in range(70_000))
    assert len(old) > 5_000_000
    new = old.replace("state 5 ", "country 5 ", 1)
    new = new.replace("partner 343 on", "partner 343 in", 1)
    new = new.replace("state 69998 ", "nation 69998 ", 1)
    comparison = compare(document([old]), document([new]))
    (block,) = comparison.blocks
    assert block.op == "modify"
    changed = [(s.op, s.text) for s in block.segments if s.op != "equal"]
    assert changed == [
        ("delete", "state"), ("insert", "country"),
        ("delete", "on"), ("insert", "in"),
        ("delete", "state"), ("insert", "nation"),
    ]  # fmt: skip
    assert (comparison.stats.words_inserted, comparison.stats.words_deleted) == (3, 3)


paragraph = st.sampled_from([*PARAGRAPHS, "Short.", "", "Another “quoted” paragraph here."])
texts = st.lists(
    st.one_of(paragraph, st.text(alphabet="ab “”-—,. \n上海", max_size=30)), max_size=12
)


@settings(max_examples=200, deadline=None)
@given(texts, texts, st.booleans())
def test_contract_invariants(old: list[str], new: list[str], strict: bool) -> None:
    options = CompareOptions(strict=strict)
    comparison = compare(document(old), document(new), options)
    check_contract(comparison)
    assert comparison == compare(document(old), document(new), options)  # deterministic
    self = compare(document(old), document(old), options)
    assert {block.op for block in self.blocks} <= {"equal"}


LONG = (
    "The member states will cooperate in the fight against terrorism and extremism. "
    "They will also develop trade, investment and transport links across the region."
)


def test_layout_only_split_and_merge_are_no_wording_difference() -> None:
    first, second = LONG.split(" They ")
    old = [PARAGRAPHS[0], LONG, PARAGRAPHS[3]]
    new = [PARAGRAPHS[0], first, "They " + second, PARAGRAPHS[3]]
    for a, b, op in ((old, new, "split"), (new, old, "merge")):
        comparison = compare(document(a), document(b))
        check_contract(comparison)
        assert [block.op for block in comparison.blocks] == ["equal", op, "equal"]
        assert (comparison.stats.words_inserted, comparison.stats.words_deleted) == (0, 0)
        assert not comparison.stats.changed


def test_split_with_a_word_change_and_an_unchanged_move_are_differences() -> None:
    first, second = LONG.split(" They ")
    edited = [PARAGRAPHS[0], first, "They " + second.replace("trade", "energy"), PARAGRAPHS[3]]
    assert compare(document([PARAGRAPHS[0], LONG, PARAGRAPHS[3]]), document(edited)).stats.changed
    moved = [*PARAGRAPHS[1:], PARAGRAPHS[0]]
    comparison = compare(document(PARAGRAPHS), document(moved))
    assert comparison.stats.move == 1
    assert comparison.stats.changed
