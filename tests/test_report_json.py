from __future__ import annotations

import json

from helpers.compare import document
from hypothesis import given, settings
from hypothesis import strategies as st

from diffdoc.compare import compare
from diffdoc.models import PARAGRAPH_SEPARATOR, CompareOptions, Document, Source
from diffdoc.report import render
from diffdoc.report.json import to_dict


def test_contract_fields() -> None:
    old = document(["A b c.", "Gone."])
    old = Document(old.title, old.blocks, source=Source("old.txt", "ab" * 32))
    comparison = compare(old, document(["A x c."]), CompareOptions(ignore_case=True))
    data = json.loads(render(comparison, "json"))
    assert list(data) == ["format", "old", "new", "options", "stats", "blocks"]
    assert data["format"] == "diffdoc-comparison/1"
    assert data["old"] == {
        "label": "old.txt",
        "sha256": "ab" * 32,
        "paragraphs": ["A b c.", "Gone."],
    }
    assert data["options"] == {"strict": False, "ignore_case": True, "ignore_punctuation": False}
    assert data["stats"] == {
        "equal": 0, "modify": 1, "insert": 0, "delete": 1, "move": 0, "split": 0, "merge": 0,
        "words_inserted": 1, "words_deleted": 2,
    }  # fmt: skip
    assert data["blocks"][0] == {
        "op": "modify",
        "old": [0],
        "new": [0],
        "segments": [
            {"op": "equal", "text": "A "},
            {"op": "delete", "text": "b"},
            {"op": "insert", "text": "x"},
            {"op": "equal", "text": " c."},
        ],
    }
    assert data["blocks"][1] == {
        "op": "delete", "old": [1], "new": [], "segments": [{"op": "delete", "text": "Gone."}]
    }  # fmt: skip


paragraphs = st.lists(st.text(alphabet='ab “”"-—.\n', min_size=1, max_size=20), max_size=8)


@settings(max_examples=100, deadline=None)
@given(paragraphs, paragraphs)
def test_both_sides_rebuild_from_the_json(old: list[str], new: list[str]) -> None:
    data = json.loads(render(compare(document(old), document(new)), "json"))
    for side in ("old", "new"):
        texts = data[side]["paragraphs"]
        skip = "insert" if side == "old" else "delete"
        seen = []
        for block in data["blocks"]:
            rebuilt = "".join(s["text"] for s in block["segments"] if s["op"] != skip)
            assert rebuilt == PARAGRAPH_SEPARATOR.join(texts[i] for i in block[side])
            seen += block[side]
        assert sorted(seen) == list(range(len(texts)))


def test_bracketed_passages_of_the_new_paragraphs_are_listed() -> None:
    new = ["Parties [shall][should] act [now [or later]].", "No brackets.", "See [^1] [x]."]
    comparison = compare(document(["Parties act."]), document(new))
    data = json.loads(render(comparison, "json"))
    spans = {tuple(span) for block in data["blocks"] for span in block.get("brackets", [])}
    assert spans == {(0, 8, 15), (0, 15, 23), (0, 28, 44), (2, 9, 12)}
    assert new[0][28:44] == "[now [or later]]"
    assert all("brackets" not in b for b in data["blocks"] if b["new"] == [1])
    assert to_dict(comparison)["blocks"] == data["blocks"]
