"""The excerpt of a changed paragraph in the list of changes: every change in reading order,
each deletion paired with the insertion that replaced it.

Old `We welcome the plan in 2025`, new `We warmly welcome the plan in 2030` reads
`+ “warmly” … “2025” → “2030”`. A change is a run of deleted and inserted pieces with no
unchanged word between them (a space alone does not part them, so `the big` → `a small` stays
one change). When the changes do not fit, as many whole ones as fit are shown, each cut to
its share, and the rest counted: `… 3 more`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diffdoc.report.page import flatten, shorten

PART = 32  # characters of one side of one change at most


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a paragraph: the deleted and the inserted text ("" for none)."""

    deleted: str
    inserted: str

    def render(self, part: int = PART) -> str:
        deleted = shorten(self.deleted.strip(), part)
        inserted = shorten(self.inserted.strip(), part)
        if deleted and inserted:
            return f"“{deleted}” → “{inserted}”"
        if deleted:
            return f"− “{deleted}”"
        return f"+ “{inserted}”"


def paired_changes(pieces: Iterable[tuple[str, str]]) -> list[Change]:
    """The changes of a sequence of `(kind, text)` pieces (kind `del`, `ins`, or anything else
    for unchanged or typographic text), in order."""
    found: list[Change] = []
    deleted: list[str] = []
    inserted: list[str] = []
    pending_space = ""  # unchanged whitespace seen inside a change run

    def close() -> None:
        if "".join(deleted).strip() or "".join(inserted).strip():
            found.append(Change(flatten("".join(deleted)), flatten("".join(inserted))))
        deleted.clear()
        inserted.clear()

    for kind, text in pieces:
        if kind in ("del", "ins"):
            if pending_space:
                # a space between two changes: part of both sides when they continue
                for side in (deleted, inserted):
                    if side:
                        side.append(pending_space)
                pending_space = ""
            (deleted if kind == "del" else inserted).append(text)
        elif (deleted or inserted) and not text.strip():
            pending_space += text
        else:
            close()
            pending_space = ""
    close()
    return found


def change_excerpt(pieces: Iterable[tuple[str, str]], limit: int) -> str:
    """The changes of a paragraph on one line of at most about `limit` characters."""
    changes = paired_changes(pieces)
    if not changes:
        return ""
    rendered = [change.render() for change in changes]
    joined = " … ".join(rendered)
    if len(joined) <= limit:
        return joined
    shown: list[str] = []
    for index, text in enumerate(rendered):
        rest = len(rendered) - index - 1
        tail = f" … {rest} more" if rest else ""
        candidate = " … ".join([*shown, text]) + tail
        if len(candidate) > limit and shown:
            return " … ".join(shown) + f" … {len(rendered) - index} more"
        if len(candidate) > limit:  # the first change alone is too long: cut its sides
            part = max(8, (limit - len(tail) - 8) // 2)
            shown.append(changes[index].render(part))
        else:
            shown.append(text)
    return " … ".join(shown)
