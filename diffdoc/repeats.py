"""Deletions and insertions of a diff paired up across runs of repeated items.

A diff of two sequences finds a shortest edit, but where an item repeats many times in a row
(one sentence repeated through a long paragraph) many shortest edits exist, and diff-match-
patch may pick one that deletes three copies in one place and inserts three edited copies in
three places: two edited copies then read as whole new sentences. Deleting any one of a run
of identical items leaves the same sequence, so surplus deletions may be carried along such a
run, past unchanged copies and past changes that delete only copies of the same item, to
the changes that insert more than they delete. `pair_repeats` does that in both directions,
so each edited copy stands against a deleted copy and the word diff inside it shows only
what changed.

Works on (op, count) runs over the old sequence's keys, one character per item.
"""

from __future__ import annotations

from diffdoc.models import SegmentOp

Ops = list[tuple[SegmentOp, int]]


def pair_repeats(ops: Ops, old: str) -> Ops:
    """`ops` (a diff of `old` against some new string) with surplus deletions carried along
    runs of one repeated character to insertions that lack one; `ops` itself when that
    pairs nothing."""
    if imbalance(ops) == 0:
        return ops
    moved = _carry(ops, old)
    moved = _carry(moved[::-1], old[::-1])[::-1]
    moved = _ordered(moved)
    return moved if imbalance(moved) < imbalance(ops) else ops


def imbalance(ops: Ops) -> int:
    """Items deleted or inserted without a counterpart in their change: the sum over the
    change runs of |deleted - inserted|."""
    total = deleted = inserted = 0
    for op, count in ops:
        if op == "delete":
            deleted += count
        elif op == "insert":
            inserted += count
        else:
            total += abs(deleted - inserted)
            deleted = inserted = 0
    return total + abs(deleted - inserted)


def _carry(ops: Ops, old: str) -> Ops:
    """One pass from left to right: each change's surplus deletions, when they are copies of
    one item, travel right while the old text goes on repeating that item, and are spent on
    changes that insert more than they delete (or left where the repetition ends)."""
    out: Ops = []
    carry, char = 0, ""  # deletions carried along, all of the old item `char`
    i = 0
    for deleted, inserted, equal in _runs(ops):
        own = old[i : i + deleted]
        i += deleted
        uniform = bool(own) and own == own[0] * len(own)
        if carry and own and not (uniform and own[0] == char):
            out += [("delete", deleted + carry), ("insert", inserted)]  # blocked: left here
            carry = 0
        elif inserted > deleted:
            spent = min(carry, inserted - deleted)
            out += [("delete", deleted + spent), ("insert", inserted)]
            carry -= spent
        elif deleted > inserted and uniform:
            out += [("delete", inserted), ("insert", inserted)]
            carry, char = carry + deleted - inserted, own[0]
        else:
            out += [("delete", deleted), ("insert", inserted)]
        if equal:
            same = _repeated(old, i, char, equal) if carry else 0
            if carry and same < equal:  # the repetition ends inside this equal run
                out += [("equal", same), ("delete", carry), ("equal", equal - same)]
                carry = 0
            else:
                out.append(("equal", equal))
            i += equal
    if carry:
        out.append(("delete", carry))
    return [(op, count) for op, count in out if count]


def _runs(ops: Ops) -> list[tuple[int, int, int]]:
    """The diff as (deleted, inserted, equal after) triples; the first may change nothing."""
    runs: list[tuple[int, int, int]] = []
    deleted = inserted = 0
    for op, count in ops:
        if op == "delete":
            deleted += count
        elif op == "insert":
            inserted += count
        else:
            runs.append((deleted, inserted, count))
            deleted = inserted = 0
    if deleted or inserted:
        runs.append((deleted, inserted, 0))
    return runs


def _repeated(text: str, start: int, char: str, limit: int) -> int:
    """How many copies of `char` `text` holds from `start` on in a row, at most `limit`."""
    piece = text[start : start + limit]
    return len(piece) - len(piece.lstrip(char))


def _ordered(ops: Ops) -> Ops:
    """Each change run as its deletion, then its insertion (as the engines give them), and
    equal runs joined."""
    out: Ops = []
    deleted = inserted = 0
    for op, count in [*ops, ("equal", 0)]:
        if op == "delete":
            deleted += count
        elif op == "insert":
            inserted += count
        else:
            if deleted:
                out.append(("delete", deleted))
            if inserted:
                out.append(("insert", inserted))
            if count and not (deleted or inserted) and out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + count)
            elif count:
                out.append(("equal", count))
            deleted = inserted = 0
    return out
