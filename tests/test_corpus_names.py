"""Document ids, version labels and references: what is accepted and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diffdoc.corpus.names import (
    InvalidNameError,
    case_collision,
    check_doc_id,
    check_label,
    check_lang,
    check_one_line,
    check_series,
)
from diffdoc.corpus.refs import Ref, looks_like_ref, parse_ref
from diffdoc.corpus.store import DOCUMENT_FILE
from diffdoc.errors import CorpusError, UnknownRefError


@pytest.mark.parametrize(
    "name", ["sco-declaration-2002", "Paris_2015", "a", "v1.2", "x" * 100, "draft-2"]
)
def test_good_ids_pass(name: str) -> None:
    assert check_doc_id(name) == name


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "empty"),
        ("a/b", "path separator"),
        ("a\\b", "path separator"),
        ("..", "'..'"),
        ("a..b", "'..'"),
        ("new\nline", "control character"),
        ("tab\there", "control character"),
        ("nul\x00", "control character"),
        ("CON", "reserved device name"),
        ("nul.txt", "reserved device name"),
        ("com1", "reserved device name"),
        ("Lpt9.md", "reserved device name"),
        ("doc@v1", "reserved for references"),
        ("doc~1", "reserved for references"),
        (".hidden", "ASCII letters"),
        ("-dash", "ASCII letters"),
        ("space here", "ASCII letters"),
        ("déclaration", "ASCII letters"),
        ("trailing.", "ends with '.'"),
        ("x" * 101, "longer than 100"),
    ],
)
def test_bad_ids_are_refused_with_the_reason(name: str, problem: str) -> None:
    with pytest.raises(InvalidNameError, match=problem.replace(".", r"\.")) as caught:
        check_doc_id(name)
    assert isinstance(caught.value, CorpusError)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("label", ["2", "latest", "LATEST", "0"])
def test_labels_that_would_read_as_references_are_refused(label: str) -> None:
    with pytest.raises(InvalidNameError):
        check_label(label)


def test_labels_and_series_share_the_id_rules() -> None:
    assert check_label("as-published") == "as-published"
    assert check_series("sco-summit-declarations") == "sco-summit-declarations"
    with pytest.raises(InvalidNameError, match="path separator"):
        check_label("../x")
    with pytest.raises(InvalidNameError, match="path separator"):
        check_series("a/b")


def test_case_collision_finds_the_other_spelling() -> None:
    assert case_collision("SCO-2002", ["paris", "sco-2002"]) == "sco-2002"
    assert case_collision("sco-2002", ["sco-2002"]) is None
    assert case_collision("new", ["old"]) is None


@given(st.text(max_size=40))
def test_an_accepted_id_is_one_path_component_inside_the_corpus(name: str) -> None:
    try:
        check_doc_id(name)
    except InvalidNameError:
        return
    root = Path("/corpus/documents")
    resolved = (root / name).resolve()
    assert resolved.parent == root
    assert Path(name).name == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sco-declaration-2002", Ref("sco-declaration-2002")),
        ("doc@draft-1", Ref("doc", label="draft-1")),
        ("doc@2", Ref("doc", number=2)),
        ("doc@latest", Ref("doc", back=0)),
        ("doc@latest~1", Ref("doc", back=1)),
        ("doc@LATEST~12", Ref("doc", back=12)),
    ],
)
def test_references_parse(text: str, expected: Ref) -> None:
    assert parse_ref(text) == expected
    assert looks_like_ref(text)


def test_references_print_back() -> None:
    for text in ["doc", "doc@draft-1", "doc@2", "doc@latest", "doc@latest~3"]:
        assert str(parse_ref(text)) == text
    assert parse_ref("doc").is_bare
    assert not parse_ref("doc@latest").is_bare


@pytest.mark.parametrize(
    "text", ["", "@v1", "doc@", "doc@0", "a/b.txt", "doc@v1@v2", "doc@latest~", "../x", "x.txt~"]
)
def test_non_references_are_refused(text: str) -> None:
    with pytest.raises(UnknownRefError):
        parse_ref(text)
    assert not looks_like_ref(text)


@pytest.mark.parametrize("label", ["document.json", "Document.JSON", "DOCUMENT.json"])
def test_a_label_cannot_be_a_file_name_of_the_document_folder(label: str) -> None:
    assert DOCUMENT_FILE == "document.json"
    with pytest.raises(InvalidNameError, match="uses that name for its metadata"):
        check_label(label)


@pytest.mark.parametrize("lang", ["en", "ru", "zh-Hans", "zh-CN", "sr-Latn-RS", "fil", "es-419"])
def test_language_tags_pass(lang: str) -> None:
    assert check_lang(lang) == lang


@pytest.mark.parametrize(
    "lang", ["", "e", "english", "en_US", "en-", "-en", "zh-Hans-toolongsubtag"]
)
def test_bad_language_tags_are_refused(lang: str) -> None:
    with pytest.raises(CorpusError, match="invalid language"):
        check_lang(lang)


@pytest.mark.parametrize("text", ["a\nb", "a\rb", "a\tb", "a\x00b", "a\x85b", "a\u2029b"])
def test_titles_and_notes_stay_on_one_line(text: str) -> None:
    with pytest.raises(CorpusError, match="invalid note"):
        check_one_line("note", text)
    assert (
        check_one_line("title", "Déclaration « finale » — 2015") == "Déclaration « finale » — 2015"
    )
