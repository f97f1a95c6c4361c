"""Unchanged words kept equal inside the semantic cleanup's changes.

diff-match-patch's semantic cleanup folds a short equality into the changes around it, so a
replaced phrase reads as one deletion and one insertion. On word tokens (one character each)
that folds real words: old `expertise`, new `support expertise such` becomes
`[-expertise-]{+support expertise such+}`, and a reader who sees `expertise` struck believes
it was removed. This pass diffs each change run of the cleaned diff again, without cleanup,
and keeps as equal every stretch the two sides share, except a stretch of small words only
(function words such as `and`, `the`, `of`, punctuation) lying *inside* a replaced
phrase: between changes that both delete and insert. Those the cleanup may absorb, as no
reader takes `of` in `[-the cost of war-]{+a price of peace+}` for a claim.

Spaces alone never split a change. Content words (four letters or more, numbers, names) are
never absorbed; a small word next to a change that only inserts or only deletes stays equal
too: `[-begin-]{+terrible+} and[- dynamism-]` keeps the `and` that stayed.

Works on (op, count) runs of tokens, as wordiff's engines give them, so it knows nothing of
diff-match-patch; `raw` is the engine without cleanup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from diffdoc.models import SegmentOp

Ops = list[tuple[SegmentOp, int]]

# Short words that are not names even when capitalized (at the start of a sentence).
_FUNCTION_WORDS = """a an the and or but nor of in on at to by for as is are was be it its we our
    us he she his her they all any not no so if do has had who may can per via off out up
    le la les de des du et en un une au aux el los las y del con por que se"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())


def is_content(token: str) -> bool:
    """True for a word a reader must never see struck when it stayed: four letters or more,
    a number, or a name (a capitalized short word that is not a function word, or an
    acronym: `UN`, `US`)."""
    if len(token) >= 4:
        return any(c.isalnum() for c in token)
    if any(c.isdigit() for c in token):
        return True
    if not token[:1].isupper():
        return False
    return token.casefold() not in FUNCTION_WORDS or (len(token) > 1 and token.isupper())


def keep_words(
    ops: Ops,
    old_tokens: Sequence[str],
    a: str,
    b: str,
    raw: Callable[[str, str], Ops],
    space: str = " ",
) -> Ops:
    """`ops` (a cleaned diff of the token strings `a` and `b`, one character per token)
    with each change run that both deletes and inserts split where the sides share content.
    `space` is the character of the whitespace token: sharing only spaces splits nothing."""
    result: Ops = []
    i = j = 0
    run_i, run_j = 0, 0  # where the current change run started
    deleted = inserted = 0

    def close() -> None:
        old_run, new_run = a[run_i : run_i + deleted], b[run_j : run_j + inserted]
        shared = set(old_run).intersection(new_run) if deleted and inserted else set()
        shared.discard(space)
        if shared:  # (most substitutions share nothing: no second diff for them)
            result.extend(_split_run(old_tokens[run_i : run_i + deleted], raw(old_run, new_run)))
        else:
            if deleted:
                result.append(("delete", deleted))
            if inserted:
                result.append(("insert", inserted))

    for op, count in ops:
        if op == "equal":
            close()
            result.append(("equal", count))
            i += deleted + count
            j += inserted + count
            deleted = inserted = 0
            run_i, run_j = i, j
        elif op == "delete":
            deleted += count
        else:
            inserted += count
    close()
    return _merged(result)


def _split_run(old: Sequence[str], raw: Ops) -> Ops:
    """One change run's raw diff, with the equal stretches that may be absorbed absorbed."""
    # Change groups [deleted, inserted] and the equal stretches between them, in order.
    groups: list[list[int]] = [[0, 0]]
    stretches: list[int] = []
    for op, count in raw:
        if op == "equal":
            stretches.append(count)
            groups.append([0, 0])
        else:
            groups[-1][0 if op == "delete" else 1] += count
    out: Ops = []
    i = 0
    for k, count in enumerate(stretches):
        before, after = groups[k], groups[k + 1]
        out += [("delete", before[0]), ("insert", before[1])]
        i += before[0]
        stretch = old[i : i + count]
        inside = before[0] and before[1] and after[0] and after[1]
        if (inside and not any(map(is_content, stretch))) or all(map(str.isspace, stretch)):
            out += [("delete", count), ("insert", count)]
        else:
            out.append(("equal", count))
        i += count
    out += [("delete", groups[-1][0]), ("insert", groups[-1][1])]
    return out


def _merged(ops: Ops) -> Ops:
    """Runs without empty entries, neighbours of one op joined, and each change run's
    deletion before its insertion (as the engines give them)."""
    out: Ops = []
    deleted = inserted = 0
    for op, count in ops:
        if op == "delete":
            deleted += count
        elif op == "insert":
            inserted += count
        elif count:
            if deleted:
                out.append(("delete", deleted))
            if inserted:
                out.append(("insert", inserted))
            deleted = inserted = 0
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + count)
            else:
                out.append(("equal", count))
    if deleted:
        out.append(("delete", deleted))
    if inserted:
        out.append(("insert", inserted))
    return out
