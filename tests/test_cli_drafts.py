"""The drafts commands end to end on a corpus: blame, history, trace and log --brackets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers.drafts import PARIS, PARIS_LABELS

from diffdoc.cli import main


def run(corpus: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--corpus", str(corpus)], catch_exceptions=False)


def add(corpus: Path, path: Path, label: str, date: str | None = None) -> None:
    extra = ["--date", date] if date else []
    result = run(corpus, "add", str(path), "--doc", "pact", "--version", label, *extra)
    assert result.exit_code == 0, result.output


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    assert run(corpus, "init", str(corpus)).exit_code == 0
    texts = [
        "Preamble.\n\nParties [shall][should] act [promptly].\n\nOption 1: report yearly.\n",
        "Preamble.\n\nParties shall act [promptly].\n\nThe secretariat keeps a registry.\n",
        "Preamble.\n\nParties shall act promptly and fairly.\n\nThe secretariat keeps a record.\n",
    ]
    for n, text in enumerate(texts, 1):
        path = tmp_path / f"v{n}.txt"
        path.write_text(text, encoding="utf-8")
        add(corpus, path, f"v{n}", f"2020-01-0{n}")
    return corpus


def test_log_brackets(pact: Path) -> None:
    result = run(pact, "log", "pact", "--brackets")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "[3 open, 3 new, 0 resolved, 0 dropped; 1 options]" in lines[1]
    assert "[1 open, 0 new, 1 resolved, 1 dropped; 0 options]" in lines[2]
    assert "[0 open, 0 new, 1 resolved, 0 dropped; 0 options]" in lines[3]
    data = json.loads(run(pact, "log", "pact", "--brackets", "--format", "json").output)
    assert [v["brackets"]["open"] for v in data["versions"]] == [3, 1, 0]
    assert data["versions"][1]["brackets"] == {
        "open": 1, "resolved": 1, "dropped": 1, "new": 0, "options": 0
    }  # fmt: skip
    plain = json.loads(run(pact, "log", "pact", "--format", "json").output)
    assert "brackets" not in plain["versions"][0]


def test_blame(pact: Path) -> None:
    result = run(pact, "blame", "pact@v3")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["1", "@v1", "2020-01-01", "@v1", "2020-01-01"]
    assert lines[1].split()[:5] == ["2", "@v1", "2020-01-01", "@v3", "2020-01-03"]
    assert lines[2].split()[:5] == ["3", "@v2", "2020-01-02", "@v3", "2020-01-03"]
    phrases = run(pact, "blame", "pact@v3", "--words").output.splitlines()
    assert any(line.split()[:2] == ["@v3", "2020-01-03"] and "fairly" in line for line in phrases)
    words = run(pact, "blame", "pact@v3", "--words", "--format", "json")
    rows = json.loads(words.output)["paragraphs"]
    assert rows[1]["changed_in"] == ["v1", "v2", "v3"]
    assert [p["label"] for p in rows[1]["phrases"] if "fairly" in p["text"]] == ["v3"]


def test_blame_of_an_older_version_ignores_later_ones(pact: Path) -> None:
    rows = json.loads(run(pact, "blame", "pact@v2", "--format", "json").output)["paragraphs"]
    assert [r["last_changed"]["label"] for r in rows] == ["v1", "v2", "v2"]


def test_history_of_a_paragraph(pact: Path) -> None:
    result = run(pact, "history", "pact", "--paragraph", "2")
    assert result.exit_code == 0
    assert "@v1 2020-01-01  ¶2" in result.output
    assert "[-[shall][should]-]{+shall+}" in result.output
    assert "and fairly+}" in result.output
    steps = json.loads(
        run(pact, "history", "pact@v1", "--paragraph", "3", "--format", "json").output
    )
    assert [s["label"] for s in steps] == ["v1", "v2"]


def test_history_summary_and_errors(pact: Path) -> None:
    result = run(pact, "history", "pact")
    assert result.exit_code == 0
    assert "@v1" in result.output and "[3 open brackets, 1 options]" in result.output
    bad = CliRunner().invoke(main, ["history", "pact", "--paragraph", "9", "--corpus", str(pact)])
    assert bad.exit_code == 2 and "no paragraph 9 (it has 3)" in bad.output
    missing = CliRunner().invoke(main, ["blame", "nope", "--corpus", str(pact)])
    assert missing.exit_code == 2 and "no document 'nope'" in missing.output


def test_history_report(pact: Path, tmp_path: Path) -> None:
    out = tmp_path / "evolution.html"
    result = run(pact, "history", "pact", "-o", str(out))
    assert result.exit_code == 0 and out.is_file()
    page = out.read_text(encoding="utf-8")
    assert "@v1 → @v2" in page and 'id="c2"' in page


def test_trace(pact: Path) -> None:
    result = run(pact, "trace", "registry")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "pact: first in @v2; gone from @v3"
    gone = run(pact, "trace", "report yearly", "--doc", "pact")
    assert gone.output.splitlines()[0] == "pact: first in @v1; gone from @v2"
    missing = run(pact, "trace", "unicorn")
    assert missing.exit_code == 1 and "pact: not found" in missing.output
    data = json.loads(run(pact, "trace", "PREAMBLE", "--ignore-case", "--format", "json").output)
    assert data[0]["first"] == "v1" and [v["count"] for v in data[0]["versions"]] == [1, 1, 1]


def test_trace_over_a_series(pact: Path, tmp_path: Path) -> None:
    for n, text in enumerate(["A registry of pledges.", "No such thing."], 1):
        path = tmp_path / f"other{n}.txt"
        path.write_text(text, encoding="utf-8")
        args = ["add", str(path), "--doc", "other", "--series", "pledges"]
        assert run(pact, *args).exit_code == 0
    result = run(pact, "trace", "registry", "--series", "pledges")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "other: first in @v1; gone from @v2"
    assert "pact" not in result.output
    both = CliRunner().invoke(main, ["trace", "x", "--doc", "a", "--series", "b"])
    assert both.exit_code == 2 and "not both" in both.output


def test_cache_is_reused_and_rebuilt(pact: Path) -> None:
    run(pact, "blame", "pact")
    cached = sorted((pact / "cache" / "compare").glob("*.json"))
    assert len(cached) == 2
    before = run(pact, "blame", "pact").output
    for path in cached:
        path.write_text("damaged", encoding="utf-8")
    assert run(pact, "blame", "pact").output == before
    assert json.loads(cached[0].read_text(encoding="utf-8"))["format"].startswith("diffdoc-")


@pytest.mark.slow
def test_paris_series(texts_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    run(corpus, "init", str(corpus))
    for label, name in zip(PARIS_LABELS, PARIS, strict=True):
        add(corpus, texts_dir / name, label, name[6:16])
    log = json.loads(run(corpus, "log", "pact", "--brackets", "--format", "json").output)
    opened = [v["brackets"]["open"] for v in log["versions"]]
    assert opened[0] > 1000 and opened[3:] == [0, 0]
    blame = json.loads(run(corpus, "blame", "pact@adopted", "--format", "json").output)[
        "paragraphs"
    ]
    articles = [r for r in blame if r["kind"] == "heading" and r["text"].startswith("Article")]
    assert len(articles) == 29
    assert {r["introduced"]["label"] for r in blame} == set(PARIS_LABELS[:4])
    trace = run(corpus, "trace", "well below 2 °C above pre-industrial levels", "--doc", "pact")
    assert trace.output.splitlines()[0] == "pact: first in @draft-2015-12-09"
    out = tmp_path / "paris.html"
    assert run(corpus, "history", "pact", "-o", str(out)).exit_code == 0
    assert out.stat().st_size > 100_000


def test_verify_accepts_the_comparison_cache(pact: Path) -> None:
    run(pact, "blame", "pact")
    result = run(pact, "verify")
    assert result.exit_code == 0, result.output
    assert "cache/" in (pact / ".gitignore").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--series", "nosuch"], "no series 'nosuch'"),
        ([""], "PHRASE is empty"),
        (["[ ]"], "PHRASE is empty"),
        (["x", "--doc", "pact@v2"], "--doc takes a document id, not a version: pact@v2"),
    ],
)
def test_trace_refuses_what_it_cannot_search(pact: Path, args: list[str], message: str) -> None:
    result = run(pact, "trace", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_history_honours_a_version_and_refuses_paragraph_with_report(
    pact: Path, tmp_path: Path
) -> None:
    data = json.loads(run(pact, "history", "pact@v2", "--format", "json").output)
    assert [v["label"] for v in data["versions"]] == ["v1", "v2"]
    out = tmp_path / "upto.html"
    assert run(pact, "history", "pact@v2", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "@v2" in page and "@v3" not in page
    both = run(pact, "history", "pact", "--paragraph", "2", "-o", str(tmp_path / "x.html"))
    assert both.exit_code == 2 and "--paragraph or -o, not both" in both.output
    assert not (tmp_path / "x.html").exists()
