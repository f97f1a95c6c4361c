"""Numbered paragraphs pair by their wording when an inserted paragraph shifts the numbers."""

from __future__ import annotations

from helpers.compare import check_contract, document

from diffdoc.align import align
from diffdoc.compare import compare, unlabelled

BODY = [
    "Decides to establish an open-ended working group on landlocked developing countries.",
    "Requests the working group to report to the General Assembly at its next session.",
    "So decided.",
    "Invites member states and observers to contribute to the trust fund.",
    "Calls upon the international community to support transit transport corridors.",
    "Decides to remain seized of the matter.",
]


def numbered(texts: list[str]) -> list[str]:
    return [f"{k + 1}. {text}" for k, text in enumerate(texts)]


def test_renumbered_paragraph_moved_unchanged_is_a_move() -> None:
    # A paragraph inserted at the top shifts the numbers; "So decided." moves to the end.
    old = numbered(BODY)
    new = numbered(["Welcomes the report of the Secretary-General.", *BODY[:2], *BODY[3:], BODY[2]])
    comparison = compare(document(old, labelled=True), document(new, labelled=True))
    check_contract(comparison)
    assert [(b.op, b.old, b.new) for b in comparison.blocks] == [
        ("insert", (), (0,)),
        ("modify", (0,), (1,)),
        ("modify", (1,), (2,)),
        ("equal", (3,), (3,)),
        ("equal", (4,), (4,)),
        ("equal", (5,), (5,)),
        ("move", (2,), (6,)),  # "3. So decided." -> "7. So decided.", not delete + insert
    ]
    moved = comparison.blocks[-1]
    assert [(s.op, s.text) for s in moved.segments if s.op != "equal"] == [
        ("delete", "3"),
        ("insert", "7"),
    ]


def test_every_number_shifted_still_anchors_every_paragraph() -> None:
    old = numbered(BODY * 3)
    new = numbered(["Welcomes the report of the Secretary-General.", *BODY * 3])
    old_doc, new_doc = document(old, labelled=True), document(new, labelled=True)
    old_keys = [block.key for block in old_doc.blocks]
    new_keys = [block.key for block in new_doc.blocks]
    match = (unlabelled(old_doc, old_keys), unlabelled(new_doc, new_keys))
    assert match[0][2] == "So decided."
    pairings = align(old_keys, new_keys, match)
    assert [(p.op, p.old, p.new) for p in pairings] == [
        ("insert", (), (0,)),
        *[("modify", (i,), (i + 1,)) for i in range(len(old))],
    ]


def test_unlabelled_keys_are_the_keys_themselves() -> None:
    doc = document(BODY, labelled=True)
    keys = [block.key for block in doc.blocks]
    assert unlabelled(doc, keys) is keys
    lone = document(["1."], labelled=True)  # a label with no text after it stays
    assert unlabelled(lone, ["1."]) == ["1."]
