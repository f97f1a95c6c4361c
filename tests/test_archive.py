"""import-git and changes on small generated repositories with known edits."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

import pytest
from archive_helpers import Repo, rewrapped, statement
from click.testing import CliRunner, Result

from diffdoc.archive.importer import base_id, label_for
from diffdoc.archive.tracks import glob_pattern
from diffdoc.cli import main
from diffdoc.corpus import Corpus


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Repo, dict[str, str]]:
    """A repository whose history holds one of each kind of edit; the commit of each."""
    repo = Repo(tmp_path / "archive")
    for name, topic in [("a", "harbour"), ("b", "border"), ("c", "river"), ("d", "treaty"),
                        ("e", "railway"), ("f", "fisheries")]:  # fmt: skip
        repo.write(f"statements/{name}.md", statement(topic))
    repo.write("README.txt", "not a statement\n")
    commits = {"first": repo.commit("First scrape")}
    repo.write("statements/a.md", statement("harbour").replace("agreed to", "decided to"))
    commits["wording"] = repo.commit("Update a")
    repo.write("statements/b.md", rewrapped(statement("border")))
    commits["rewrap"] = repo.commit("Update b")
    repo.write("statements/c.md", statement("river", url="https://archive.example.org/a"))
    commits["front"] = repo.commit("Update c")
    repo.write("statements/d.md", statement("treaty", link="https://archive.example.org/s"))
    commits["link"] = repo.commit("Update d")
    (repo.root / "statements/2024").mkdir()
    repo.git("mv", "statements/e.md", "statements/2024/e-moved.md")
    commits["rename"] = repo.commit("Move e")
    repo.write("statements/2024/e-moved.md", statement("railway").replace("Geneva", "Vienna"))
    commits["renamed-wording"] = repo.commit("Update e")
    (repo.root / "statements/f.md").unlink()
    commits["delete"] = repo.commit("Remove f")
    repo.write("statements/f.md", statement("fisheries").replace("the progress", "progress"))
    commits["re-add"] = repo.commit("Restore f")
    return repo, commits


def corpus_at(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    assert run("init", str(root)).exit_code == 0
    return root


def import_repo(root: Path, repo: Repo, *extra: str) -> Result:
    return run("import-git", str(repo.root), "--glob", "statements/**/*.md", "--corpus",
               str(root), *extra)  # fmt: skip


def changes_json(root: Path, *extra: str) -> dict[str, Any]:
    result = run("changes", "-f", "json", "--corpus", str(root), *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_import_follows_renames_and_stores_versions_only_where_bytes_changed(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, commits = repo
    root = corpus_at(tmp_path)
    result = import_repo(root, archive, "--series", "wh")
    assert result.exit_code == 0, result.output
    # 6 first versions + a, b, c, d edits + e's edit after the rename + f re-added = 12
    assert "added 12 version(s) (6 new document(s))" in result.output
    corpus = Corpus.open(root)
    assert sorted(s.document.id for s in corpus.summaries("wh")) == list("abcdef")
    _, e_versions = corpus.history("e")
    # The rename alone stored nothing; the edit after it is e's second version.
    assert [v.label for v in e_versions] == [commits["first"], commits["renamed-wording"]]
    assert [v.source_name for v in e_versions] == [
        "statements/e.md",
        "statements/2024/e-moved.md",
    ]
    assert e_versions[1].note == "Update e"
    assert e_versions[1].date == "2024-03-07"  # the committer date, UTC
    _, f_versions = corpus.history("f")
    assert [v.label for v in f_versions] == [commits["first"], commits["re-add"]]


def test_second_run_imports_only_new_commits(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, _ = repo
    root = corpus_at(tmp_path)
    assert import_repo(root, archive).exit_code == 0
    again = import_repo(root, archive)
    assert again.exit_code == 0, again.output
    assert "added 0 version(s) (0 new document(s)), 12 already imported" in again.output
    archive.write("statements/a.md", statement("harbour").replace("agreed to", "resolved to"))
    archive.write("statements/g.md", statement("airport"))
    new = archive.commit("Later scrape")
    third = import_repo(root, archive)
    assert "added 2 version(s) (1 new document(s)), 12 already imported" in third.output
    _, versions = Corpus.open(root).history("a")
    assert versions[-1].label == new


def test_changes_lists_exactly_the_wording_edits(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, commits = repo
    root = corpus_at(tmp_path)
    assert import_repo(root, archive).exit_code == 0
    data = changes_json(root)
    assert data["format"] == "diffdoc-changes/1"
    assert data["pairs"] == 6  # a, b, c, d, e, f each have two versions
    changes = data["changes"]
    assert isinstance(changes, list)
    wording = [(c["doc"], c["new"]) for c in changes if not c["metadata_only"]]
    # Newest first: f re-added (day 9), e after its rename (day 7), a (day 2).
    assert wording == [
        ("f", f"f@{commits['re-add']}"),
        ("e", f"e@{commits['renamed-wording']}"),
        ("a", f"a@{commits['wording']}"),
    ]
    a = next(c for c in changes if c["doc"] == "a")
    assert (a["words_inserted"], a["words_deleted"]) == (1, 1)
    assert a["first_changes"][0] == {"op": "modify", "deleted": "agreed", "inserted": "decided"}
    assert a["path"] == "statements/a.md"
    assert (a["old_date"], a["new_date"]) == ("2024-03-01", "2024-03-02")
    e = next(c for c in changes if c["doc"] == "e")
    assert e["path"] == "statements/2024/e-moved.md"
    # Only the front matter of c changed: listed apart, flagged, with the key.
    metadata = [c for c in changes if c["metadata_only"]]
    assert [(c["doc"], [m["key"] for m in c["metadata_changes"]]) for c in metadata] == [
        ("c", ["source_url"])
    ]
    # b (re-wrapped) and d (a link target) are not listed at all.
    assert not {"b", "d"} & {c["doc"] for c in changes}


def test_changes_text_and_filters(tmp_path: Path, repo: tuple[Repo, dict[str, str]]) -> None:
    archive, commits = repo
    root = corpus_at(tmp_path)
    assert import_repo(root, archive).exit_code == 0
    text = run("changes", "--corpus", str(root))
    assert text.exit_code == 0, text.output
    assert text.output.startswith("3 of 6 version pair(s) changed wording; 1 changed metadata")
    assert (
        f"2024-03-02  a  @{commits['first']} -> @{commits['wording']}  +1 -1 words" in text.output
    )
    assert "modify: -[agreed] +[decided]" in text.output
    assert "Metadata only (1):" in text.output
    since = changes_json(root, "--since", "2024-03-05", "--until", "2024-03-08")
    assert [c["doc"] for c in since["changes"]] == ["e"]
    one = changes_json(root, "--doc", "a")
    assert [c["doc"] for c in one["changes"]] == ["a"]


def test_warm_run_compares_only_new_pairs(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, _ = repo
    root = corpus_at(tmp_path)
    assert import_repo(root, archive).exit_code == 0
    cold = changes_json(root)
    assert cold["engine"]["cached"] == 0
    warm = changes_json(root)
    assert warm["engine"]["cached"] == 6
    archive.write("statements/b.md", statement("border").replace("Geneva", "Bern"))
    archive.commit("Update b again")
    assert import_repo(root, archive).exit_code == 0
    later = changes_json(root)
    assert later["pairs"] == 7
    assert later["engine"]["cached"] == 6
    assert {k: v for k, v in warm.items() if k != "engine"} == {
        k: v for k, v in cold.items() if k != "engine"
    }


def test_results_do_not_depend_on_the_engine(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, _ = repo
    root = corpus_at(tmp_path)
    assert import_repo(root, archive, "--workers", "2").exit_code == 0
    runs = [
        changes_json(root, "--workers", "1"),
        changes_json(root, "--workers", "2"),
        changes_json(root, "--dask", "local", "--workers", "2"),
    ]
    bodies = [json.dumps({k: v for k, v in r.items() if k != "engine"}) for r in runs]
    assert bodies[0] == bodies[1] == bodies[2]
    assert [r["engine"]["kind"] for r in runs] == ["local", "local", "dask"]


def test_html_index_links_each_wording_pair(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, commits = repo
    root = corpus_at(tmp_path)
    assert import_repo(root, archive).exit_code == 0
    out = tmp_path / "site"
    result = run("changes", "-f", "html", "-o", str(out), "--corpus", str(root))
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text()
    href = f"pairs/a--{commits['first']}-{commits['wording']}.html"
    assert f'href="{href}"' in index
    assert (out / href).is_file()
    assert "decided" in (out / href).read_text()
    assert sorted(p.name for p in (out / "pairs").iterdir()) == sorted(
        [
            f"a--{commits['first']}-{commits['wording']}.html",
            f"e--{commits['first']}-{commits['renamed-wording']}.html",
            f"f--{commits['first']}-{commits['re-add']}.html",
        ]
    )
    csp = html.unescape(index.split('Content-Security-Policy" content="')[1].split('"')[0])
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "script-src 'sha256-" in csp
    assert "source_url" in index  # the metadata-only pair of c


def test_html_needs_a_folder_and_refuses_a_link(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, _ = repo
    root = corpus_at(tmp_path)
    assert import_repo(root, archive).exit_code == 0
    no_dir = run("changes", "-f", "html", "--corpus", str(root))
    assert no_dir.exit_code == 2
    assert "-o DIR" in no_dir.output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere)
    linked = run("changes", "-f", "html", "-o", str(tmp_path / "link"), "--corpus", str(root))
    assert linked.exit_code == 2
    assert "symbolic link" in linked.output
    assert list(elsewhere.iterdir()) == []


def test_bad_input_exits_2_with_nothing_imported(
    tmp_path: Path, repo: tuple[Repo, dict[str, str]]
) -> None:
    archive, _ = repo
    root = corpus_at(tmp_path)
    plain = tmp_path / "plain"
    plain.mkdir()
    not_repo = run("import-git", str(plain), "--corpus", str(root))
    assert not_repo.exit_code == 2
    assert not_repo.output.strip() == f"diffdoc: error: {plain}: not a git repository"
    nothing = run("import-git", str(archive.root), "--glob", "*.docx", "--corpus", str(root))
    assert nothing.exit_code == 2
    assert "--glob '*.docx' matches no file" in nothing.output
    archive.write("statements/z.md", b"\x00\x01\x02binary\xff\xfe" * 40)
    archive.commit("A binary file")
    binary = import_repo(root, archive)
    assert binary.exit_code == 2, binary.output
    assert "statements/z.md (commit" in binary.output
    assert "nothing imported" in binary.output
    assert "Traceback" not in binary.output
    assert Corpus.open(root).summaries() == []
    assert os.listdir(root / "documents") == []


def test_ids_labels_and_globs() -> None:
    assert base_id("news/2024-01/Statement on the Harbour.md") == "statement-on-the-harbour"
    long = "x/" + "a" * 150 + ".md"
    assert len(base_id(long)) <= 100
    assert base_id(long) != base_id("y/" + "a" * 150 + ".md")
    assert base_id("con.md").startswith("doc-")
    assert label_for("1234567abc", set()) == "c1234567"
    assert label_for("abcdef0123", {"abcdef0"}) == "abcdef0123"
    assert glob_pattern("*.md").match("a/b/c.md")
    assert glob_pattern("news/**/*.md").match("news/c.md")
    assert glob_pattern("news/**/*.md").match("news/2024/01/c.md")
    assert not glob_pattern("news/*.md").match("news/2024/c.md")
    assert not glob_pattern("news/*.md").match("other/news/c.md")
