from __future__ import annotations

from compare_helpers import document

from diffdoc.compare import compare
from diffdoc.report import render

P = [
    "The heads of state signed the Charter of the Organization today in St. Petersburg.",
    "Cooperation in trade, transport and energy will be developed step by step.",
    "The next meeting will be held in Moscow in 2003 at the invitation of Russia.",
]


def test_criticmarkup_for_every_kind_of_change() -> None:
    new = [
        P[1],
        "A new paragraph.",
        P[2].replace("Moscow", "Astana"),
        P[0].replace(" today", ""),
    ]
    out = render(compare(document(P), document(new)), "md")
    assert out.startswith("# Comparison of test and test\n")
    assert "{++A new paragraph.++}" in out
    assert "{~~Moscow~>Astana~~}" in out
    assert (
        "{>>moved from old ¶ 1<<} The heads of state signed the Charter of the Organization "
        "{--today --}in" in out
    )


def test_cosmetic_changes_show_the_new_text() -> None:
    out = render(compare(document(["“Quoted” text."]), document(['"Quoted" text.'])), "md")
    assert out.splitlines()[-1] == '"Quoted" text.'


def test_split_is_annotated() -> None:
    new = ["The heads of state signed the Charter.", "Of the Organization today in St. Petersburg."]
    out = render(compare(document(P[:1]), document(new)), "md")
    assert "{>>old ¶ 1 split in 2<<}" in out


def test_brackets_are_escaped_so_they_never_read_as_links() -> None:
    old = ["Parties act in [furtherance][pursuit] of the goal."]
    new = ["Parties act in [pursuit] of the goal."]
    body = render(compare(document(old), document(new)), "md").splitlines()[-1]
    assert body == r"Parties act in \[{--furtherance\]\[--}pursuit\] of the goal."
    assert "[" not in body.replace("\\[", "")
