"""`diffdoc reuse`: passages found through small edits, sources earliest first, the shingle
index kept up to date, families, and the same JSON whatever the engine."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.reuse import FORMULA, paragraph, sentence, write_corpus_files

from diffdoc.cli import main
from diffdoc.corpus import Corpus
from diffdoc.corpus.store import SHINGLE_FILE
from diffdoc.reuse.index import open_shingles
from diffdoc.reuse.passages import match_documents
from diffdoc.reuse.shingles import words


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    run("init", str(root))
    write_corpus_files(tmp_path / "docs")
    code, out = run("import", str(tmp_path / "docs"), "--workers", "1", "--corpus", str(root))
    assert code == 0, out
    return root


def test_a_changed_word_does_not_cut_a_passage() -> None:
    ours = [words("Intro words first. " + FORMULA.replace("joint", "common") + " Then more.")]
    theirs = [words("Other opening. " + FORMULA + " Something else entirely here.")]
    (match,) = match_documents(ours, theirs, 12)
    text = ours[0].text[match.start : match.end]
    assert text.startswith("We resolutely condemn") and text.endswith("against them")
    assert match.words == len(FORMULA.split())
    assert 0.9 < match.similarity < 1.0


def test_reuse_json_names_the_source_with_offsets(corpus: Path) -> None:
    code, out = run("reuse", "c-2003", "-f", "json", "--workers", "1", "--corpus", str(corpus))
    assert code == 0, out
    data = json.loads(out)
    assert data["format"] == "diffdoc-reuse/1"
    assert data["document"]["ref"] == "c-2003@v1"
    (passage,) = data["passages"]
    text = data["document"]["paragraphs"][passage["paragraph"]][passage["start"] : passage["end"]]
    assert text == FORMULA.replace("joint", "common")[:-1]  # the whole formula, without "."
    assert passage["words"] == 21
    (source,) = passage["sources"]
    assert source["ref"] == "a-2001@v1" and 0.9 < source["similarity"] < 1.0
    source_text = Corpus.open(corpus).load(Corpus.open(corpus).resolve("a-2001")).texts
    assert source_text[source["paragraph"]][source["start"] : source["end"]] == FORMULA[:-1]


def test_sources_earliest_first_and_exit_status(corpus: Path, tmp_path: Path) -> None:
    # a later document copying the formula: for it, both earlier ones are sources, a-2001 first
    late = tmp_path / "e-2005.txt"
    late.write_text("Opening remarks of the delegation today. " + FORMULA + "\n")
    run("add", str(late), "--doc", "e-2005", "--date", "2005-01-01", "--corpus", str(corpus))
    run("add", str(late), "--doc", "f-2006", "--date", "2006-01-01", "--corpus", str(corpus))
    code, out = run("reuse", "e-2005", "-f", "json", "--corpus", str(corpus))
    assert code == 0
    refs = [s["ref"] for s in json.loads(out)["passages"][0]["sources"]]
    # dated versions first by date, then the undated ones in the order they were added
    assert refs == ["f-2006@v1", "a-2001@v1", "c-2003@v1"]
    code, out = run("reuse", "b-2002", "--in", "nothing", "--corpus", str(corpus))
    assert code == 2 and "no document in series 'nothing'" in out  # a typo is not "no reuse"
    code, out = run("reuse", "nope", "--corpus", str(corpus))
    assert code == 2 and "nope" in out
    code, out = run("reuse", "--corpus", str(corpus))
    assert code == 2


def test_shingle_index_follows_add_remove_and_verify(corpus: Path, tmp_path: Path) -> None:
    run("reuse", "c-2003", "--corpus", str(corpus))  # builds the index
    assert (corpus / SHINGLE_FILE).is_file()

    def indexed() -> list[str]:
        index = open_shingles(Corpus.open(corpus))
        try:
            return sorted(f"{i.doc_id}@{i.label}" for i in index.versions())
        finally:
            index.close()

    assert indexed() == ["a-2001@v1", "b-2002@v1", "c-2003@v1", "d-2004@v1"]
    extra = tmp_path / "x.txt"
    extra.write_text(FORMULA + "\n")
    run("add", str(extra), "--doc", "x", "--corpus", str(corpus))
    assert "x@v1" in indexed()
    run("remove", "a-2001", "--yes", "--corpus", str(corpus))
    assert "a-2001@v1" not in indexed()
    code, out = run("verify", "--corpus", str(corpus))
    assert code == 0 and "shingle index rebuilt" in out
    assert indexed() == ["b-2002@v1", "c-2003@v1", "d-2004@v1", "x@v1"]


def test_families_and_the_same_json_on_every_engine(corpus: Path) -> None:
    outputs = []
    for engine in (["--workers", "1"], ["--workers", "2"], ["--dask", "local", "--workers", "2"]):
        code, out = run("reuse", "--all", "-f", "json", *engine, "--corpus", str(corpus))
        assert code == 0, out
        data = json.loads(out)
        outputs.append(json.dumps({k: v for k, v in data.items() if k != "engine"}))
    assert outputs[0] == outputs[1] == outputs[2]
    families = json.loads(outputs[0])["families"]
    assert [[o["ref"] for o in f["occurrences"]] for f in families] == [
        ["a-2001@v1", "c-2003@v1"],
        ["b-2002@v1", "d-2004@v1"],
    ]
    assert families[0]["text"] == FORMULA[:-1]


def test_reuse_ref_same_json_on_every_engine(corpus: Path) -> None:
    outputs = {
        run("reuse", "d-2004", "-f", "json", *engine, "--corpus", str(corpus))[1]
        for engine in (["--workers", "1"], ["--workers", "2"], ["--dask", "local"])
    }
    assert len(outputs) == 1


def test_html_page_is_self_contained(corpus: Path, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    code, _ = run("reuse", "c-2003", "-f", "html", "-o", str(page), "--corpus", str(corpus))
    assert code == 0
    html = page.read_text()
    assert "default-src &#39;none&#39;" in html and "style=" not in html
    assert re.search(r'<mark id="passage-1" data-pair="pair-1"[^>]*class="c0"', html)
    assert "a-2001 — 21 words" in html
    assert "<del>joint</del>" in html and "<ins>common</ins>" in html
    assert not re.search(r"(src|href)=", html)


def test_a_formula_inside_two_longer_passages_does_not_chain_their_families(
    tmp_path: Path,
) -> None:
    # a and d share a long passage holding the formula, b and e another; all four hold the
    # formula. Merging every overlap of one paragraph made one family of all of it.
    rng = random.Random(3)
    first = f"{sentence(rng)} {FORMULA} {sentence(rng)}"
    second = f"{sentence(rng)} {FORMULA} {sentence(rng)}"
    texts = {
        "a-2001": [paragraph(rng), first, paragraph(rng)],
        "b-2002": [paragraph(rng), second],
        "d-2004": [paragraph(rng), first],
        "e-2005": [second, paragraph(rng)],
    }
    folder = tmp_path / "docs"
    folder.mkdir()
    for stem, paragraphs in texts.items():
        (folder / f"{stem}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    root = tmp_path / "c"
    run("init", str(root))
    assert run("import", str(folder), "--workers", "1", "--corpus", str(root))[0] == 0
    code, out = run("reuse", "--all", "-f", "json", "--workers", "1", "--corpus", str(root))
    assert code == 0, out
    found = {
        (f["text"], tuple(o["ref"] for o in f["occurrences"])) for f in json.loads(out)["families"]
    }
    assert found == {
        (first[:-1], ("a-2001@v1", "d-2004@v1")),
        (second[:-1], ("b-2002@v1", "e-2005@v1")),
        (FORMULA[:-1], ("a-2001@v1", "b-2002@v1", "d-2004@v1", "e-2005@v1")),
    }


def test_reports_are_not_written_into_the_corpus(corpus: Path, tmp_path: Path) -> None:
    index = (corpus / "index.sqlite").read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(corpus / "index.sqlite")
    for target in (corpus / "index.sqlite", link, corpus / "objects" / "new.json"):
        code, out = run("reuse", "c-2003", "-f", "json", "-o", str(target), "--corpus", str(corpus))
        assert code == 2 and f"is inside the corpus {corpus}" in out, out
    assert (corpus / "index.sqlite").read_bytes() == index
    assert not (corpus / "objects" / "new.json").exists()
