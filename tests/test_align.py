from __future__ import annotations

from diffdoc.align import Pairing, align, exact_anchors, longest_increasing
from diffdoc.normalize import comparison_key

P = [
    "The SCO is the successor to the Shanghai Five that evolved on the basis of two agreements.",
    "The SCO has been established with the view of strengthening mutual trust and friendship.",
    "The SCO is based on the principles of mutual respect of sovereignty and independence.",
    "An early launch of the SCO mechanisms will be facilitated by expeditious ratification.",
    "The member states will cooperate in the fight against terrorism, separatism and extremism.",
    "Economic cooperation is a priority: trade, investment and transport links in the region.",
    "The heads of state agreed to hold their next meeting in Moscow in the year 2003.",
]


def ops(old: list[str], new: list[str]) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    keys = [comparison_key(t) for t in old], [comparison_key(t) for t in new]
    return [(p.op, p.old, p.new) for p in align(*keys)]


def test_identical_texts_are_all_equal() -> None:
    assert ops(P, P) == [("equal", (i,), (i,)) for i in range(len(P))]


def test_edited_paragraph_is_a_modify_in_place() -> None:
    new = list(P)
    new[2] = new[2].replace("mutual respect", "full respect")
    assert ops(P, new)[2] == ("modify", (2,), (2,))


def test_insert_and_delete_stand_where_they_stood() -> None:
    new = [*P[:2], "A completely new paragraph on culture and education exchanges.", *P[3:]]
    assert ops(P, new)[2:4] == [("delete", (2,), ()), ("insert", (), (2,))]


def test_far_move_with_edits_is_one_block() -> None:
    new = [*P[1:], P[0].replace("two agreements", "two innovative agreements")]
    result = ops(P, new)
    assert result[-1] == ("move", (0,), (6,))
    assert all(op == "equal" for op, _, _ in result[:-1])


def test_unedited_move() -> None:
    new = [P[4], *P[:4], *P[5:]]
    assert ("move", (4,), (0,)) in ops(P, new)


def test_split_and_merge() -> None:
    first, second = P[3].split(" will ")
    new = [*P[:3], first + ".", "It will " + second, *P[4:]]
    assert ops(P, new)[3] == ("split", (3,), (3, 4))
    assert ops(new, P)[3] == ("merge", (3, 4), (3,))


def test_repeated_boilerplate_does_not_confuse_alignment() -> None:
    boiler = "The Parties reaffirm their commitment."
    old = [boiler, P[0], boiler, P[1], boiler, P[2]]
    new = [boiler, P[0], boiler, P[1], boiler, "Inserted text about climate matters.", P[2]]
    assert ops(old, new) == [
        ("equal", (0,), (0,)),
        ("equal", (1,), (1,)),
        ("equal", (2,), (2,)),
        ("equal", (3,), (3,)),
        ("equal", (4,), (4,)),
        ("insert", (), (5,)),
        ("equal", (5,), (6,)),
    ]


def test_exact_anchors_and_lis() -> None:
    assert exact_anchors(list("abcab"), list("cab")) == [(2, 0), (3, 1), (4, 2)]
    assert longest_increasing([(3, 0), (1, 1), (2, 2), (0, 3), (4, 4)]) == [(1, 1), (2, 2), (4, 4)]


def test_every_index_appears_once() -> None:
    new = [P[6], P[1] + " Added.", P[0], *P[3:5]]
    result = align([comparison_key(t) for t in P], [comparison_key(t) for t in new])
    assert sorted(i for p in result for i in p.old) == list(range(len(P)))
    assert sorted(j for p in result for j in p.new) == list(range(len(new)))
    assert all(isinstance(p, Pairing) for p in result)


def test_moved_first_paragraph_does_not_hide_split_and_merge() -> None:
    # The first paragraph goes to the end while one paragraph is split and two are merged:
    # the moved paragraph must not anchor the alignment (review finding, issue 3).
    first, second = P[1].split(" with the view ")
    old = [P[0], P[1], P[2], P[3], P[6]]
    new = [first + ".", "With the view " + second, P[2] + " " + P[3], P[6], P[0]]
    assert ops(old, new) == [
        ("split", (1,), (0, 1)),
        ("merge", (2, 3), (2,)),
        ("equal", (4,), (3,)),
        ("move", (0,), (4,)),
    ]


def test_repeated_boilerplate_deleted_here_and_added_there_is_not_a_move() -> None:
    boiler = "The Parties reaffirm their commitment."
    old = [P[0], boiler, P[1], boiler, P[2], boiler, P[3], P[4]]
    new = [P[0], boiler, P[1], P[2], boiler, P[3], boiler, P[4]]
    result = ops(old, new)
    assert not [op for op, _, _ in result if op == "move"]
    assert ("delete", (3,), ()) in result
    assert ("insert", (), (6,)) in result


def test_paragraph_moved_where_a_similar_one_was_deleted_is_a_move() -> None:
    # The moved paragraph lands alone where a thank-you paragraph was deleted: the two share
    # half their words (Dice 0.49), the moved one's origin nearly all (0.98). The weak lone
    # pair used to win: a deletion of the origin and a modification of the thank-you.
    moved = (
        "Expresses its profound gratitude to the Government and the people of Turkmenistan "
        "for hosting the Conference, and for providing all the necessary support."
    )
    thanks = (
        "We express our deepest appreciation to the Government and people of Turkmenistan "
        "for their generous hospitality during the Conference."
    )
    old = [P[0], moved, *P[1:5], thanks, *P[5:]]
    new = [P[0], *P[1:5], moved.replace("all the", "all"), *P[5:]]
    assert ops(old, new)[5:7] == [("delete", (6,), ()), ("move", (1,), (5,))]
    # Without a better origin elsewhere the lone pair stands.
    assert ops([P[0], *P[1:5], thanks, *P[5:]], new)[5] == ("modify", (5,), (5,))
