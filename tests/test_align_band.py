from __future__ import annotations

from diffdoc.align import align
from diffdoc.align.gaps import _band
from diffdoc.align.similarity import BAND, GAP_CELLS


def test_band_rows_are_linear_in_the_gap_and_overlap() -> None:
    n, m = 3000, 3100
    rows = _band(n, m)
    assert len(rows) == n + 1
    assert rows[0][0] == 0 and rows[-1][1] == m
    assert sum(hi - lo + 1 for lo, hi in rows) <= (n + 1) * (2 * BAND + 1) + m
    assert all(rows[i][1] >= rows[i + 1][0] for i in range(n))


def test_small_gap_is_searched_whole() -> None:
    assert _band(10, 20) == [(0, 20)] * 11
    assert GAP_CELLS >= 10 * 20


def test_very_unequal_gap_still_aligns() -> None:
    # 2 old paragraphs against 20,001 new ones: the band's rows must still connect.
    old = ["alpha beta gamma delta epsilon", "zeta eta theta iota kappa"]
    new = [f"w{k} x{k} y{k}" for k in range(20_001)]
    new[10_000] = "alpha beta gamma delta epsilon lambda"
    result = align(old, new)
    assert ("modify", (0,), (10_000,)) in [(p.op, p.old, p.new) for p in result]
    assert sorted(j for p in result for j in p.new) == list(range(len(new)))
