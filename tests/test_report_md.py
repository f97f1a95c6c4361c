from __future__ import annotations

import re

from helpers.compare import document

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


def test_criticmarkup_in_the_text_is_escaped_and_the_reports_own_stays() -> None:
    old = ["Use {++this++} and ~> markers and *stars* and # hash."]
    new = ["Use {++that++} and ~> markers and *stars* and # hash."]
    body = render(compare(document(old), document(new)), "md").splitlines()[-1]
    assert body == r"Use \{\++{~~this~>that~~}+\+\} and \~\> markers and \*stars\* and # hash."


LITERAL = [
    "# Not a heading, with *stars*, _underscores_, `code` and <b>tags</b> &amp; more",
    "1. Not a list item {>>nor a comment<<} {--nor a deletion--} {==nor a highlight==}",
    "> not a quote, C:\\path\\ and a final backslash\\",
    "- not a bullet",
    "+ nor this",
    "12) nor this",
    "---",
]


def _unescape(markdown: str) -> str:
    """CommonMark's reading of backslash escapes: a backslash before ASCII punctuation."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_document_text_reads_literally_in_commonmark() -> None:
    out = render(compare(document([*LITERAL, "old"]), document([*LITERAL, "new"])), "md")
    body = out.split("\n\n")[2:]
    assert body[: len(LITERAL)] == [
        r"\# Not a heading, with \*stars\*, \_underscores\_, \`code\` and \<b>tags\</b> "
        r"\&amp; more",
        r"1\. Not a list item \{\>>nor a comment\<\<\} \{\--nor a deletion-\-\} "
        r"\{\==nor a highlight=\=\}",
        r"\> not a quote, C:\\path\\ and a final backslash\\",
        r"\- not a bullet",
        r"\+ nor this",
        r"12\) nor this",
        r"\---",
    ]
    assert [_unescape(line) for line in body[: len(LITERAL)]] == LITERAL
    for line in body[: len(LITERAL)]:  # no CriticMarkup delimiter survives, even unescaped
        assert not re.search(r"\{(\+\+|--|~~|>>|==)|(\+\+|--|~~|<<|==)\}|~>", line)
    assert body[-1] == "{~~old~>new~~}\n"


def test_escapes_follow_the_whole_text_across_change_boundaries() -> None:
    body = render(compare(document(["*a* b"]), document(["*a* c"])), "md").splitlines()[-1]
    assert body == r"\*a\* {~~b~>c~~}"
    title = render(compare(document(["x"], "*old*"), document(["y"], "new_1")), "md")
    assert title.startswith(r"# Comparison of \*old\* and new\_1")
