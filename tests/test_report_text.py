from __future__ import annotations

from helpers.compare import document

from diffdoc.compare import compare
from diffdoc.models import CompareOptions
from diffdoc.report import render
from diffdoc.report.text import CONTEXT, escape_markers, summary

OLD = ["Title", "We firmly support the “Charter”.", "Unchanged one.", "Unchanged two.", "Gone."]
NEW = ["Title", 'We strongly support the "Charter".', "Unchanged one.", "Unchanged two."]


def test_changed_blocks_are_labelled_and_unchanged_ones_summarised() -> None:
    out = render(compare(document(OLD), document(NEW)), "text")
    assert out.splitlines() == [
        "--- test",
        "+++ test",
        "1 modified, 1 deleted; 3 equal; +1 −2 words",
        "",
        "   1 unchanged paragraph (new ¶ 1)",
        "",
        "@@ modified: old ¶ 2 → new ¶ 2",
        'We [-firmly-]{+strongly+} support the "Charter".',
        "",
        "   2 unchanged paragraphs (new ¶ 3–4)",
        "",
        "@@ deleted: old ¶ 5 → new —",
        "[-Gone.-]",
    ]


def test_colour_wraps_the_markers() -> None:
    out = render(compare(document(OLD), document(NEW)), "text", color=True)
    assert "\x1b[31m[-firmly-]\x1b[0m\x1b[32m{+strongly+}\x1b[0m" in out


def test_long_unchanged_text_is_trimmed_around_changes() -> None:
    filler = " ".join(f"word{n}" for n in range(400))
    old, new = f"{filler} alpha {filler}", f"{filler} beta {filler}"
    out = render(compare(document([old]), document([new])), "text")
    body = out.splitlines()[-1]
    assert body.startswith("[…] ") and body.endswith(" […]")
    assert "[-alpha-]{+beta+}" in body
    assert len(body) < 2 * CONTEXT + 40


def test_colour_underlines_bracketed_passages_on_both_sides() -> None:
    old = ["Parties [shall][should] take action to reduce emissions."]
    new = ["Parties [shall] take action to reduce emissions [fully]."]
    out = render(compare(document(old), document(new)), "text", color=True)
    assert out.splitlines()[-1] == (
        "Parties \x1b[4m[shall]\x1b[24m\x1b[31m[-\x1b[4m[should]\x1b[24m-]\x1b[0m take action"
        " to reduce emissions\x1b[32m{+ \x1b[4m[fully]\x1b[24m+}\x1b[0m."
    )
    plain = render(compare(document(old), document(new)), "text").splitlines()[-1]
    assert plain == "Parties [shall][-[should]-] take action to reduce emissions{+ [fully]+}."


def test_underline_survives_trimming_of_long_unchanged_text() -> None:
    filler = " ".join(f"word{n}" for n in range(400))
    old, new = f"[{filler}] alpha", f"[{filler}] beta"
    body = render(compare(document([old]), document([new])), "text", color=True).splitlines()[-1]
    assert body.startswith("[…] ") and body.endswith(
        "\x1b[24m \x1b[31m[-alpha-]\x1b[0m\x1b[32m{+beta+}\x1b[0m"
    )


def test_markers_in_the_text_are_escaped() -> None:
    old = ["Cut [-[£ 1.2 trillion] -] and {+x+} ok"]
    new = ["Cut [-[£ 1.3 trillion] -] and {+y+} ok"]
    body = render(compare(document(old), document(new)), "text").splitlines()[-1]
    assert body == r"Cut \[-[£ [-1.2-]{+1.3+} trillion] \-] and \{+[-x-]{+y+}\+} ok"


def test_escapes_depend_on_the_markers_next_to_the_text() -> None:
    deleted = render(compare(document(["a ]b c"]), document(["a c"])), "text")
    assert deleted.splitlines()[-1] == r"a [-\]b -]c"
    inserted = render(compare(document(["a b c"]), document(["a }b c"])), "text")
    assert inserted.splitlines()[-1] == r"a {+\}+}b c"
    assert escape_markers("[-]") == r"\[\-]"
    assert escape_markers("a\\[-b") == r"a\\\[-b"
    assert escape_markers("end\\", after="-") == r"end\\"
    assert escape_markers("end\\") == "end\\"
    assert escape_markers("a[", after="-") == r"a\["


def test_summary_counts_punctuation_changed_where_no_word_changed() -> None:
    old, new = ["The Parties agree, to consult."], ["The Parties agree to consult;"]
    comparison = compare(document(old), document(new))
    assert comparison.stats.punctuation_changed == 2
    assert summary(comparison) == "1 modified; 0 equal; +0 −0 words; 2 punctuation marks changed"
    mixed = compare(document(["We firmly, agree."]), document(["We strongly agree!"]))
    assert summary(mixed) == "1 modified; 0 equal; +1 −1 words; 1 punctuation mark changed"
    ignored = compare(document(old), document(new), CompareOptions(ignore_punctuation=True))
    assert ignored.stats.punctuation_changed == 0
