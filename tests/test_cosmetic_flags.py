"""The comparison records which changes are cosmetic and how many punctuation marks changed
where no word did, so renderers never compare: both must equal what judging every displayed
change afresh from its comparison keys gives (as the renderers did before)."""

from __future__ import annotations

from helpers.compare import document
from hypothesis import given, settings
from hypothesis import strategies as st

from diffdoc.compare import compare
from diffdoc.models import CompareOptions, Comparison, changes
from diffdoc.normalize import KeyConfig
from diffdoc.segment import is_word, tokenize
from diffdoc.wordiff import LONG_TEXT, flag_cosmetic

PIECES = ["the", "The", "Parties", "agree", "1.5", "shall", ",", ";", ".", "“", '"', "’", "'",
          "—", "-", " ", "  ", "\u00a0", "[", "]", "(a)", "*", "\n"]  # fmt: skip
OPTIONS = [
    CompareOptions(),
    CompareOptions(strict=True),
    CompareOptions(ignore_case=True),
    CompareOptions(ignore_punctuation=True),
]


def judged_afresh(comparison: Comparison) -> int:
    """The punctuation count as the text report computed it from the segments."""
    config = KeyConfig.from_options(comparison.options)
    count = 0
    for block in comparison.blocks:
        if block.op == "equal":
            continue
        for piece in changes(flag_cosmetic(block.segments, config)):
            if piece.kind != "change":
                continue
            old, new = tokenize(piece.old), tokenize(piece.new)
            if any(map(is_word, old)) or any(map(is_word, new)):
                continue
            marks = [sum(1 for t in side if not t.isspace()) for side in (old, new)]
            count += max(marks)
    return count


def check(old: list[str], new: list[str], options: CompareOptions) -> None:
    comparison = compare(document(old), document(new), options)
    config = KeyConfig.from_options(options)
    for block in comparison.blocks:
        assert block.segments == flag_cosmetic(block.segments, config)
    assert comparison.stats.punctuation_changed == judged_afresh(comparison)


paragraph = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)
paragraph = paragraph.filter(lambda text: bool(text.strip()))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(paragraph, min_size=1, max_size=5),
    st.lists(paragraph, min_size=1, max_size=5),
    st.sampled_from(OPTIONS),
)
def test_flags_and_punctuation_equal_a_fresh_judgement(
    old: list[str], new: list[str], options: CompareOptions
) -> None:
    check(old, new, options)


def test_long_paragraphs_diffed_by_sentences_are_flagged_alike() -> None:
    # Over LONG_TEXT characters the word diff goes sentence by sentence, where a deletion
    # and an insertion of neighbouring sentences meet without equal text between them.
    sentence = "The Parties agree, as “agreed”, to consult. "
    old = sentence * (LONG_TEXT // len(sentence))
    new = old.replace("consult. The", "consult; The", 3).replace("“agreed”", '"agreed"', 5)
    new = new.replace("The Parties agree, as", "Parties agree as", 2)
    for options in OPTIONS:
        check([old, "* * *"], [new, "— —"], options)
    # A sentence deleted alone, then a pair of sentences with equal keys whose word diff
    # starts with an insertion: the deletion and the insertion are shown as one change.
    filler = sentence * (LONG_TEXT // len(sentence) // 2)
    old = filler + "Delete me now. x y. " + filler
    new = filler + ",x y. " + filler
    for options in OPTIONS:
        check([old], [new], options)
