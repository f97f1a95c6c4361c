"""`diffdoc import`: files, folders and JSON lines; ids, clashes, skipping, killed imports."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from diffdoc.cli import main
from diffdoc.corpus import Corpus, verify
from diffdoc.corpus.import_sources import safe_id
from diffdoc.corpus.safeio import CRASH_ENV

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def make_files(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"statement {i}.md").write_text(f"# Statement {i}\n\nWords number {i}.\n")
    return folder


def test_safe_ids() -> None:
    assert safe_id("statement 1") == "statement-1"
    assert safe_id("../etc/passwd") == "etc-passwd"
    assert safe_id("con") != "con" and safe_id("con").startswith("con-")
    long = safe_id("x" * 300)
    assert len(long) == 100 and long != safe_id("x" * 301)


def test_import_folder_then_again(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    run("init", str(corpus))
    docs = make_files(tmp_path / "docs", 3)
    (docs / "notes.txt").write_text("not wanted\n")
    code, out = run("import", str(docs), "--glob", "*.md", "--series", "s", "--corpus", str(corpus))
    assert code == 0, out
    assert "imported 3 version(s) (3 new document(s)); 0 already stored" in out
    summaries = Corpus.open(corpus).summaries("s")
    assert [s.document.id for s in summaries] == [f"statement-{i}" for i in range(3)]
    code, out = run("import", str(docs), "--glob", "*.md", "--corpus", str(corpus))
    assert "imported 0 version(s)" in out and "3 already stored" in out


def test_clash_names_both_files_and_stores_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    run("init", str(corpus))
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "same.md").write_text("One.\n")
    (tmp_path / "a" / "same.txt").write_text("Two.\n")
    code, out = run("import", str(tmp_path / "a"), "--corpus", str(corpus))
    assert code == 2
    assert "same.md" in out and "same.txt" in out and "Traceback" not in out
    assert Corpus.open(corpus).summaries() == []


def test_jsonl_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    run("init", str(corpus))
    data = tmp_path / "d.jsonl.gz"
    rows = [
        {"key": "ungd 1970/ARG", "body": "Peace and security.", "day": "1970-09-20", "lang": "en"},
        {"key": "ungd 1971/ARG", "body": "Security and peace.", "day": "1971-09-20", "lang": "en"},
    ]
    data.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    fields = ["--id-field", "key", "--text-field", "body", "--date-field", "day"]
    code, out = run("import", str(data), *fields, "--lang-field", "lang", "--corpus", str(corpus))
    assert code == 0, out
    opened = Corpus.open(corpus)
    version = opened.resolve("ungd-1970-ARG")
    assert version.date == "1970-09-20"
    assert opened.history("ungd-1971-ARG")[0].lang == "en"
    assert opened.load(version).blocks[0].text == "Peace and security."


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("not json", "d.jsonl:2: not JSON"),
        ('{"id": "b"}', "d.jsonl:2: no 'text' field"),
        ('{"id": "b", "text": "x", "day": "1970"}', "d.jsonl:2: invalid date '1970'"),
    ],
)
def test_bad_jsonl_line_stores_nothing(tmp_path: Path, line: str, problem: str) -> None:
    corpus = tmp_path / "c"
    run("init", str(corpus))
    data = tmp_path / "d.jsonl"
    data.write_text('{"id": "a", "text": "Fine."}\n' + line + "\n")
    code, out = run("import", str(data), "--date-field", "day", "--corpus", str(corpus))
    assert code == 2
    assert problem in out and "Traceback" not in out
    assert Corpus.open(corpus).summaries() == []


@pytest.mark.parametrize("crash_at", ["bulk-before-rename", "bulk-after-first-version"])
def test_killed_import_leaves_whole_versions_and_a_rerun_finishes(
    tmp_path: Path, crash_at: str
) -> None:
    corpus = tmp_path / "c"
    run("init", str(corpus))
    docs = make_files(tmp_path / "docs", 5)
    env = {**os.environ, "PYTHONPATH": str(ROOT), CRASH_ENV: crash_at}
    command = [sys.executable, "-m", "diffdoc", "import", str(docs), "--corpus", str(corpus)]
    killed = subprocess.run([*command, "-q", "--workers", "2"], env=env, capture_output=True)
    assert killed.returncode == -9
    opened = Corpus.open(corpus)
    report = verify(opened)
    assert report.ok, report.problems
    stored = [s.document.id for s in opened.summaries()]
    assert len(stored) == (0 if crash_at == "bulk-before-rename" else 1)
    for doc_id in stored:  # each one whole: its text readable and checked against its hash
        assert opened.load(opened.resolve(doc_id)).blocks
    code, out = run("import", str(docs), "--corpus", str(corpus))
    assert code == 0, out
    assert f"imported {5 - len(stored)} version(s)" in out
    final = Corpus.open(corpus)
    assert len(final.summaries()) == 5
    report = verify(final)
    assert report.ok and not report.notes, (report.problems, report.notes)
