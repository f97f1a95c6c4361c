"""The paragraph-by-version grid of a lineage: one row per paragraph thread, one cell per version.

A thread follows one paragraph through the series. At a split the first piece carries the
thread on and the other pieces start threads of their own; at a merge the thread of the first
merged paragraph goes on and the others end there. Rows are ordered by reading order of the
latest version a thread reaches, removed paragraphs staying after the ones they followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from diffdoc.drafts.lineage import Lineage

Status = Literal["new", "changed", "unchanged", "moved", "removed", "absent"]


@dataclass(frozen=True)
class Cell:
    """A thread in one version: how it got there and its paragraph indices (from 0)."""

    version: int
    status: Status
    indices: tuple[int, ...] = ()  # in this version; for "removed", in the version before
    op: str = ""  # the alignment op behind the status (split, merge, ...)


@dataclass(frozen=True)
class Thread:
    """One row of the grid: a cell per version."""

    cells: tuple[Cell, ...]

    @property
    def last(self) -> Cell:
        """The latest cell where the thread is present."""
        return next(c for c in reversed(self.cells) if c.status not in ("absent", "removed"))


def threads(lineage: Lineage) -> list[Thread]:
    """The rows of the heat map, in display order."""
    count = len(lineage.versions)
    if not count:
        return []
    rows: list[dict[int, Cell]] = []
    owner: dict[int, int] = {}  # paragraph index in the current version -> row
    order: list[int] = []
    for i in range(len(lineage.paragraphs[0])):
        owner[i] = len(rows)
        rows.append({0: Cell(0, "new", (i,), "insert")})
        order.append(owner[i])
    for k in range(1, count):
        new_owner: dict[int, int] = {}
        for block in lineage.comparisons[k - 1].blocks:
            changed = any(lineage.paragraphs[k][j].last_changed == k for j in block.new)
            if not block.old:
                for j in block.new:
                    new_owner[j] = len(rows)
                    rows.append({k: Cell(k, "new", (j,), block.op)})
                continue
            if not block.new:
                for i in block.old:
                    rows[owner[i]][k] = Cell(k, "removed", (i,), "delete")
                continue
            status: Status = (
                "changed" if changed else ("moved" if block.op == "move" else "unchanged")
            )
            carried = owner[block.old[0]]
            rows[carried][k] = Cell(k, status, block.new, block.op)
            new_owner[block.new[0]] = carried
            for j in block.new[1:]:  # further pieces of a split start rows of their own
                new_owner[j] = len(rows)
                rows.append({k: Cell(k, "changed" if changed else "unchanged", (j,), block.op)})
            for i in block.old[1:]:  # merged into the carried row
                rows[owner[i]][k] = Cell(k, "removed", (i,), block.op)
        order = _reorder(order, [new_owner[j] for j in sorted(new_owner)])
        owner = new_owner
    return [Thread(tuple(rows[r].get(k, Cell(k, "absent")) for k in range(count))) for r in order]


def _reorder(previous: list[int], present: list[int]) -> list[int]:
    """`present` in its order, each row no longer present kept after the row it followed."""
    here = set(present)
    after: dict[int | None, list[int]] = {}
    anchor: int | None = None
    for row in previous:
        if row in here:
            anchor = row
        else:
            after.setdefault(anchor, []).append(row)
    result = list(after.get(None, []))
    for row in present:
        result.append(row)
        result.extend(after.get(row, []))
    return result
