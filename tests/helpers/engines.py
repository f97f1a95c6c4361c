"""The pure-Python diff-match-patch as a diff engine: the reference the C++ build is checked
against (diffdoc itself always uses `diffdoc.wordiff.fast_engine`)."""

from __future__ import annotations

import diff_match_patch as pure_dmp

from diffdoc.models import SegmentOp

_PURE_OPS: dict[int, SegmentOp] = {0: "equal", 1: "insert", -1: "delete"}


def pure_engine(a: str, b: str) -> list[tuple[SegmentOp, int]]:
    """Diff two strings with the pure-Python diff-match-patch; lengths in code points."""
    dmp = pure_dmp.diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(_PURE_OPS[op], len(text)) for op, text in diffs]
