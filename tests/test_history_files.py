"""`history FILE1 FILE2 FILE3 ...` without a corpus, `trace` in context, and the evolution
page's heat-map labels cut at words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diffdoc.cli import main
from diffdoc.cli.drafts import file_labels
from diffdoc.report.page import shorten_words

TEXTS = [
    "Preamble.\n\nParties [shall][should] act [promptly].\n\nOption 1: report yearly.\n",
    "Preamble.\n\nParties shall act [promptly].\n\nThe secretariat keeps a registry.\n",
    "Preamble.\n\nParties shall act promptly and fairly.\n\nThe secretariat keeps a record.\n",
]


def run(*args: str | Path, corpus: Path | None = None) -> Result:
    extra = ["--corpus", str(corpus)] if corpus else []
    return CliRunner().invoke(main, [*map(str, args), *extra], catch_exceptions=False)


@pytest.fixture
def drafts(tmp_path: Path) -> list[Path]:
    paths = []
    for n, text in enumerate(TEXTS, 1):
        path = tmp_path / f"draft-{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_summary_of_files_in_the_order_given(drafts: list[Path], tmp_path: Path) -> None:
    result = run("history", *drafts, corpus=tmp_path / "no-corpus")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("draft-3: ")
    assert [line.split()[0] for line in lines[1:]] == ["@draft-1", "@draft-2", "@draft-3"]
    assert "[3 open brackets, 1 options]" in lines[1]
    assert "+1 new, 1 changed, 0 moved, 1 removed" in lines[2]
    data = json.loads(run("history", *drafts, "--format", "json").output)
    assert [v["label"] for v in data["versions"]] == ["draft-1", "draft-2", "draft-3"]
    assert data["versions"][1]["brackets"]["resolved"] == 1
    backwards = run("history", *reversed(drafts)).output.splitlines()
    assert [line.split()[0] for line in backwards[1:]] == ["@draft-3", "@draft-2", "@draft-1"]


def test_paragraph_and_report_of_files(drafts: list[Path], tmp_path: Path) -> None:
    steps = run("history", *drafts, "--paragraph", "2").output.splitlines()
    assert steps[0] == "@draft-1  ¶2  (insert)"
    assert "    Parties {+shall act [promptly].+}" not in steps
    assert any("[-[promptly]-]{+promptly and fairly+}" in line for line in steps)
    out = tmp_path / "evolution.html"
    result = run("history", *drafts, "-o", out)
    assert result.exit_code == 0 and result.output == f"wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert "@draft-1 → @draft-2" in page and "@draft-2 → @draft-3" in page
    missing = run("history", drafts[0], tmp_path / "nope.txt")
    assert missing.exit_code == 2 and "nope.txt" in missing.output


def test_file_labels_stay_distinct() -> None:
    assert file_labels([Path("a/v1.md"), Path("a/v2.md")]) == ["v1", "v2"]
    assert file_labels([Path("v1.md"), Path("v1.txt")]) == ["v1.md", "v1.txt"]
    assert file_labels([Path("a/v1.md"), Path("b/v1.md")]) == ["a/v1.md", "b/v1.md"]


def test_trace_shows_each_hit_in_context(tmp_path: Path, drafts: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    assert run("init", corpus).exit_code == 0
    for n, path in enumerate(drafts, 1):
        assert run("add", path, "--doc", "pact", "--version", f"v{n}", corpus=corpus).exit_code == 0
    lines = run("trace", "secretariat keeps", corpus=corpus).output.splitlines()
    assert lines == [
        "pact: first in @v2",
        "  @v1  ----------  -",
        "  @v2  ----------  1 hit(s): ¶3",
        "      ¶3  The [secretariat keeps] a registry.",
        "  @v3  ----------  1 hit(s): ¶3",
        "      ¶3  The [secretariat keeps] a record.",
    ]
    data = json.loads(run("trace", "act promptly", "--format", "json", corpus=corpus).output)
    hits = [v["hits"] for v in data[0]["versions"]]
    assert hits[0] == [
        {"paragraph": 2, "before": "Parties [shall][should] ", "match": "act [promptly]",
         "after": "."}
    ]  # fmt: skip
    assert hits[2][0]["match"] == "act promptly"


def test_heat_map_labels_are_cut_at_a_word() -> None:
    text = "The Parties agree to strengthen cooperation in the fields of trade and energy"
    assert shorten_words(text, 40) == "The Parties agree to strengthen…"
    assert shorten_words("成员国元首宣言" * 10, 12) == "成员国元首宣言成员国元…"


def test_context_follows_the_words_across_dashes_and_quotes() -> None:
    from diffdoc.drafts.trace import fold_key, in_context, match_key
    from diffdoc.normalize import comparison_key

    text = "Our shared prosperity—a free and open Indo-Pacific, which is “inclusive” and resilient."
    key = fold_key(comparison_key(text))
    phrase = match_key("free and open Indo-Pacific")
    hit = in_context(text, key, key.find(phrase), len(phrase), 0, words=3)
    assert (hit.before, hit.match, hit.after) == (
        "shared prosperity—a ",
        "free and open Indo-Pacific",
        ", which is “inclusive",
    )
    assert hit.more_before and hit.more_after
    cjk = "我们欢迎2025年通过的计划和行动。"
    key = fold_key(comparison_key(cjk))
    hit = in_context(cjk, key, key.find("通过"), 2, 0, words=3)
    assert (hit.before, hit.match, hit.after) == ("迎2025年", "通过", "的计划")
