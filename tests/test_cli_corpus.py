"""The corpus commands, run through click: exit statuses, messages and JSON output."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diffdoc.cli import main

DRAFT_1 = "# Joint Statement\n\nThe parties agree to meet.\n\nThey welcome progress.\n"
DRAFT_2 = "# Joint Statement\n\nThe parties agree to meet again.\n\nThey welcome progress.\n"


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    assert run("init", str(root)).exit_code == 0
    for n, text in enumerate((DRAFT_1, DRAFT_2), start=1):
        file = tmp_path / f"draft{n}.md"
        file.write_text(text)
        result = run("add", str(file), "--doc", "js", "--version", f"draft-{n}",
                     "--date", f"2024-05-0{n}", "--series", "statements", "--note", f"n{n}",
                     "--corpus", str(root))  # fmt: skip
        assert result.exit_code == 0, result.output
        assert f"added js@draft-{n} (#{n}" in result.output
    return root


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith("index.sqlite") and p.name != ".lock"
    }


def test_init_defaults_to_the_corpus_option_and_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0 and result.output == "created corpus\n"
    assert Path("corpus/diffdoc-corpus.json").is_file()
    assert run("init").output == "already a corpus: corpus\n"
    result = run("init", env={"DIFFDOC_CORPUS": str(tmp_path / "elsewhere")})
    assert result.exit_code == 0
    assert (tmp_path / "elsewhere" / "diffdoc-corpus.json").is_file()


def test_adding_identical_content_says_so(corpus: Path, tmp_path: Path) -> None:
    before = files_of(corpus)
    result = run("add", str(tmp_path / "draft1.md"), "--doc", "js", "--corpus", str(corpus))
    assert result.exit_code == 0
    assert "already stored as js@draft-1; nothing added" in result.output
    assert files_of(corpus) == before


def test_list_text_and_json(corpus: Path) -> None:
    result = run("list", "--corpus", str(corpus))
    assert result.output == "js  2 version(s), latest @draft-2  [statements]  Joint Statement\n"
    data = json.loads(run("list", "--format", "json", "--corpus", str(corpus)).output)
    assert [(d["id"], d["versions"], d["latest"], d["series"]) for d in data] == [
        ("js", 2, "draft-2", "statements")
    ]
    assert json.loads(run("list", "--series", "none", "--format", "json",
                          "--corpus", str(corpus)).output) == []  # fmt: skip


def test_log_shows_versions_with_changes(corpus: Path) -> None:
    result = run("log", "js", "--corpus", str(corpus))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "js: Joint Statement (2 version(s))"
    assert lines[1].split("  ") == ["", "1", "@draft-1", "2024-05-01", "draft1.md", "“n1”",
                                    "first version"]  # fmt: skip
    assert "@draft-2  2024-05-02" in lines[2] and "+1/-0 words; 1 modified" in lines[2]
    data = json.loads(run("log", "js", "--format", "json", "--corpus", str(corpus)).output)
    assert [v["label"] for v in data["versions"]] == ["draft-1", "draft-2"]
    assert data["versions"][0]["changes"] is None
    assert data["versions"][1]["changes"]["words_inserted"] == 1
    assert data["versions"][1]["changes"]["modify"] == 1


def test_show_normalized_raw_and_json(corpus: Path) -> None:
    text = run("show", "js@latest~1", "--corpus", str(corpus)).output
    assert text.startswith("%diffdoc-normalized 1\n")
    assert "source label: js@draft-1" in text
    assert run("show", "js@1", "--raw", "--corpus", str(corpus)).output == DRAFT_1
    data = json.loads(run("show", "js", "--format", "json", "--corpus", str(corpus)).output)
    assert data["ref"] == "js@draft-2"
    assert data["version"]["note"] == "n2"
    assert "The parties agree to meet again." in [b["text"] for b in data["blocks"]]


def test_export_formats(corpus: Path, tmp_path: Path) -> None:
    txt = run("export", "js@draft-1", "--format", "txt", "--corpus", str(corpus)).output
    assert txt == "Joint Statement\n\nThe parties agree to meet.\n\nThey welcome progress.\n"
    md = run("export", "js@draft-1", "--format", "md", "--corpus", str(corpus)).output
    assert md.startswith('---\ntitle: "Joint Statement"\nref: "js@draft-1"\n')
    assert "\n# Joint Statement\n\nThe parties agree to meet.\n" in md
    out = tmp_path / "export.json"
    result = run("export", "js", "--format", "json", "-o", str(out), "--corpus", str(corpus))
    assert result.exit_code == 0
    assert json.loads(out.read_text())["version"]["label"] == "draft-2"


def test_compare_by_reference_and_a_file_wins(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("compare", "js@draft-1", "js@latest", "--corpus", str(corpus))
    assert result.exit_code == 1
    assert "js@draft-1" in result.output and "js@draft-2" in result.output
    same = run("compare", "js@1", "js@draft-1", "--corpus", str(corpus))
    assert same.exit_code == 0
    # A file named like a reference is read as the file.
    monkeypatch.chdir(tmp_path)
    Path("js@draft-1").write_text(DRAFT_2)
    result = run("compare", "js@draft-1", "js@draft-2", "--corpus", str(corpus))
    assert result.exit_code == 0, result.output


def test_verify_ok_then_tampered(corpus: Path) -> None:
    result = run("verify", "--corpus", str(corpus))
    assert result.exit_code == 0
    assert "ok, 1 document(s), 2 version(s), 2 original(s); index rebuilt" in result.output
    text = corpus / "documents/js/draft-2/normalized.txt"
    text.write_text(text.read_text().replace("again", "never"))
    result = run("verify", "--corpus", str(corpus))
    assert result.exit_code == 1
    assert "problem: documents/js/draft-2/normalized.txt: altered" in result.output


def test_remove_asks_first(corpus: Path) -> None:
    before = files_of(corpus)
    declined = run("remove", "js@draft-2", "--corpus", str(corpus), input="n\n")
    assert declined.exit_code == 1
    assert files_of(corpus) == before
    accepted = run("remove", "js@draft-2", "--corpus", str(corpus), input="y\n")
    assert accepted.exit_code == 0 and "removed js@draft-2" in accepted.output
    gone = run("remove", "js", "--yes", "--corpus", str(corpus))
    assert gone.output == "removed js@draft-1 (document js removed)\n"
    assert run("list", "--corpus", str(corpus)).output == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "js@draft-9"], "js@draft-9: no such version"),
        (["show", "nope"], "no document 'nope'"),
        (["show", "a/b"], "is not a reference"),
        (["log", "js@"], "is not a reference"),
        (["log", "js@draft-2"], "js@draft-2: log takes a document id, not a version"),
        (["log", "js@latest~1"], "(use `diffdoc log js`)"),
        (["show", "js", "--raw", "--format", "json"], "--raw prints the original bytes as added"),
        (["export", "js@latest~5"], "no such version"),
        (["remove", "js@v7", "--yes"], "no such version"),
        (["add", "FILE", "--doc", "../out"], "invalid document id '../out'"),
        (["add", "FILE", "--doc", "CON"], "reserved device name"),
        (["add", "FILE", "--doc", "JS"], "differs only by case"),
        (["add", "FILE", "--doc", "js", "--version", "draft-1"], "already exists"),
        (["add", "FILE", "--doc", "js", "--version", "a\tb"], "control character"),
        (["add", "FILE", "--doc", "js", "--version", "document.json"], "invalid version label"),
        (["add", "FILE", "--doc", "js", "--version", "Document.JSON"], "invalid version label"),
        (["add", "FILE", "--doc", "fresh", "--version", "document.json"], "its metadata"),
        (["add", "FILE", "--doc", "js", "--date", "2024-13-01"], "YYYY-MM-DD"),
        (["add", "FILE", "--doc", "js", "--title", "Two\nlines"], "invalid title"),
        (["add", "FILE", "--doc", "js", "--title", "Bell\x07"], "control character"),
        (["add", "FILE", "--doc", "new", "--note", "tab\there"], "invalid note"),
        (["add", "FILE", "--doc", "js", "--note", "a\u2028b"], "line break"),
        (["add", "FILE", "--doc", "js", "--lang", "english"], "invalid language 'english'"),
        (["add", "FILE", "--doc", "new", "--lang", "en_US"], "language tag"),
        (["add", "FILE", "--doc", "js", "--lang", "e"], "invalid language"),
    ],
)
def test_trouble_is_one_line_exit_2_and_changes_nothing(
    corpus: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    new = tmp_path / "new.md"
    new.write_text("# Other\n\nSomething new.\n")
    args = [str(new) if a == "FILE" else a for a in args]
    before = files_of(corpus)
    outside = sorted(p.name for p in tmp_path.iterdir())
    result = run(*args, "--corpus", str(corpus))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("diffdoc: error: ")
    assert message in result.output
    assert files_of(corpus) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside


def test_not_a_corpus_and_corrupt_metadata(tmp_path: Path, corpus: Path) -> None:
    result = run("list", "--corpus", str(tmp_path))
    assert result.exit_code == 2
    assert "not a diffdoc corpus" in result.output and "diffdoc init" in result.output
    (corpus / "index.sqlite").unlink()
    (corpus / "documents/js/draft-1/version.json").write_text("{")
    result = run("log", "js", "--corpus", str(corpus))
    assert result.exit_code == 2
    assert "draft-1/version.json: corrupt metadata" in result.output


def test_readme_walkthrough_with_the_paris_drafts(texts_dir: Path, tmp_path: Path) -> None:
    drafts = sorted(texts_dir.glob("paris-*.okfn-md.en.txt"))
    assert len(drafts) == 5
    root = tmp_path / "corpus"
    assert run("init", str(root)).exit_code == 0
    for n, draft in enumerate(drafts, start=1):
        result = run("add", str(draft), "--doc", "paris-agreement", "--title", "Paris Agreement",
                     "--series", "unfccc", "--date", draft.name[6:16],
                     "--corpus", str(root))  # fmt: skip
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"added paris-agreement@v{n} (#{n}, ")
    log = run("log", "paris-agreement", "--corpus", str(root))
    assert log.exit_code == 0
    lines = log.output.splitlines()
    assert lines[0] == "paris-agreement: Paris Agreement (5 version(s))"
    assert lines[1] == (
        "  1  @v1  2015-11-06  paris-2015-11-06-adp-draft-agreement.okfn-md.en.txt  first version"
    )
    dates = [line.split("  ")[3] for line in lines[1:]]
    assert dates == ["2015-11-06", "2015-12-04", "2015-12-09", "2015-12-12", "2016-01-29"]
    # Each draft rewrote the text heavily: thousands of words, paragraphs inserted and deleted.
    for line in lines[2:5]:
        words = re.search(r"  \+(\d+)/-(\d+) words; ", line)
        assert words is not None, line
        assert int(words[1]) > 1000 and int(words[2]) > 1000
        assert "inserted" in line and "deleted" in line
    # The adopted text and its editorial corrections differ by small wording changes only: the
    # figures README shows.
    assert lines[5] == (
        "  5  @v5  2016-01-29  "
        "paris-2016-01-29-paris-agreement-editorial-corrections.okfn-md.en.txt  "
        "+80/-89 words; 44 modified"
    )
    result = run("compare", "paris-agreement@latest~1", "paris-agreement@latest",
                 "--corpus", str(root))  # fmt: skip
    assert result.exit_code == 1
    assert "paris-agreement@v4" in result.output
    assert run("verify", "--corpus", str(root)).exit_code == 0


def test_the_bundled_corpus_is_sound(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[1] / "corpus"
    copy = tmp_path / "corpus"
    shutil.copytree(bundled, copy, ignore=shutil.ignore_patterns("index.sqlite*", ".lock"))
    result = run("verify", "--corpus", str(copy))
    assert result.exit_code == 0, result.output
    show = run("show", "sco-declaration-2002@1", "--format", "json", "--corpus", str(copy))
    data = json.loads(show.output)
    assert data["document"]["series"] == "sco-summit-declarations"
    assert data["version"]["source_name"] == "sco-2002-06-07-st-petersburg-declaration.en.md"
    listed = json.loads(run("list", "--format", "json", "--corpus", str(copy)).output)
    titles = {d["id"]: d["title"] for d in listed}
    assert titles["sco-declaration-2002-illustrative-edit"].startswith(
        "Illustrative edit (not a real document)"
    )
    assert {d["series"] for d in listed} == {"sco-summit-declarations"}
    # The originals are the files `make demo` relies on; if one changes, re-add it.
    root = Path(__file__).resolve().parents[1]
    for ref, path in [
        ("sco-declaration-2002@v1", "seeds/sco-2002-06-07-st-petersburg-declaration.en.md"),
        ("sco-declaration-2002-illustrative-edit@v1", "demo/sco-2002-illustrative-edited-draft.md"),
    ]:
        raw = CliRunner().invoke(main, ["show", ref, "--raw", "--corpus", str(copy)])
        assert raw.stdout_bytes == (root / path).read_bytes(), ref


@pytest.mark.parametrize(
    ("path", "content"),
    [("documents/js/draft-1/version.json", "{garbage"), ("documents/js/document.json", "[]")],
)
@pytest.mark.parametrize(
    "args", [["log", "js"], ["show", "js@draft-1"], ["compare", "js@draft-1", "js@draft-2"]]
)
def test_corrupt_metadata_with_a_warm_index_is_one_line_exit_2(
    corpus: Path, path: str, content: str, args: list[str]
) -> None:
    assert run("log", "js", "--corpus", str(corpus)).exit_code == 0  # warms the index
    assert (corpus / "index.sqlite").is_file()
    (corpus / path).write_text(content)
    result = run(*args, "--corpus", str(corpus))
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert f"{path}: corrupt metadata" in result.output


def _tamper_original(corpus: Path) -> str:
    sha = hashlib.sha256(DRAFT_1.encode()).hexdigest()
    path = corpus / "objects" / sha[:2] / sha[2:]
    path.chmod(0o644)
    path.write_text(DRAFT_1.replace("meet", "part"))
    return f"objects/{sha[:2]}/{sha[2:]}"


def _tamper_text(corpus: Path) -> str:
    path = corpus / "documents/js/draft-1/normalized.txt"
    path.write_text(path.read_text().replace("meet", "part"))
    return "documents/js/draft-1/normalized.txt"


@pytest.mark.parametrize(
    ("tamper", "args"),
    [
        (_tamper_original, ["show", "js@draft-1", "--raw"]),
        (_tamper_text, ["show", "js@draft-1"]),
        (_tamper_text, ["show", "js@draft-1", "--format", "json"]),
        (_tamper_text, ["export", "js@draft-1"]),
        (_tamper_text, ["compare", "js@draft-1", "js@draft-2"]),
        (_tamper_text, ["normalize", "js@draft-1"]),
    ],
)
def test_altered_stored_files_are_refused_on_read(
    corpus: Path, tamper: Callable[[Path], str], args: list[str]
) -> None:
    where = tamper(corpus)
    result = run(*args, "--corpus", str(corpus))
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert f"{where}: altered since it was added; run `diffdoc verify`" in result.output


def test_a_reference_without_a_corpus_says_no_corpus_was_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIFFDOC_CORPUS", raising=False)
    Path("v5.md").write_text(DRAFT_2)
    for args in (["paris-agreement@v4", "paris-agreement@v5"], ["paris-agreement", "v5.md"]):
        result = run("compare", *args)
        assert result.exit_code == 2
        assert result.output == (
            f"diffdoc: error: {args[0]}: no such file, and no corpus at ./corpus to look up a "
            "reference in (use --corpus or DIFFDOC_CORPUS)\n"
        )
    elsewhere = tmp_path / "elsewhere"
    result = run("compare", "doc@v1", "v5.md", "--corpus", str(elsewhere))
    assert f"no corpus at {elsewhere} to look up" in result.output
    # A missing file that reads as a file name is just a missing file.
    result = run("compare", "v4.md", "v5.md")
    assert result.exit_code == 2 and "corpus" not in result.output


def test_the_readme_walkthrough_runs_in_posix_sh(texts_dir: Path, tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    start = readme.index("Walkthrough with the Paris Agreement drafts")
    begin = readme.index("```sh\n", start) + len("```sh\n")
    block = readme[begin : readme.index("\n```", begin)]
    assert "diffdoc add" in block
    dash = shutil.which("dash")
    if dash is None:
        pytest.skip("dash (a strict POSIX sh) is not installed")
    script = block.replace("../shared/texts", str(texts_dir))
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "diffdoc").is_file():
        pytest.skip("the diffdoc command is not installed beside this Python")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("DIFFDOC_CORPUS", None)
    (tmp_path / "out").mkdir()
    done = subprocess.run(
        [dash, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert "Bad substitution" not in done.stderr and "not found" not in done.stderr, done.stderr
    assert "ok, 1 document(s), 5 version(s), 5 original(s)" in done.stdout, done.stderr
    log = run("log", "paris-agreement", "--no-stats", "--corpus", str(tmp_path / "corpus"))
    dates = [line.split("  ")[3] for line in log.output.splitlines()[1:]]
    assert dates == ["2015-11-06", "2015-12-04", "2015-12-09", "2015-12-12", "2016-01-29"]
    assert (tmp_path / "out" / "paris.html").is_file()
