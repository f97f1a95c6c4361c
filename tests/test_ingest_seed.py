"""The founding document normalizes to the title, sections I-V, 38 paragraphs and closing."""

from __future__ import annotations

from pathlib import Path

from diffdoc.ingest import read_document


def test_seed_structure(seed_path: Path) -> None:
    doc = read_document(seed_path)
    kinds = [b.kind for b in doc.blocks]
    assert doc.title == (
        "DECLARATION BY THE HEADS OF THE MEMBER STATES OF THE SHANGHAI COOPERATION ORGANIZATION"
    )
    assert kinds[0] == "title"
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["I", "II", "III", "IV", "V"]
    assert kinds.count("paragraph") == 38
    assert doc.blocks[-1].kind == "closing"
    assert doc.blocks[-1].text == "St. Petersburg, June 7, 2002"
    assert set(kinds) == {"title", "heading", "paragraph", "closing"}


def test_seed_page_cuts_are_joined(seed_path: Path) -> None:
    texts = read_document(seed_path).texts
    for left, right in [
        ("normative documents", "governing the operating procedures"),
        ("by the international", "community towards"),
        ("along with the existing", "Asian structures"),
    ]:
        assert any(f"{left} {right}" in text for text in texts)
        assert not any(text.startswith(right) for text in texts)


def test_seed_sections_and_typography(seed_path: Path) -> None:
    doc = read_document(seed_path)
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs[0].section is None
    assert paragraphs[2].section == "I"
    assert paragraphs[-1].section == "V"
    starred = [b for b in paragraphs if "inter alia" in b.text]
    assert starred and all("*" not in b.text for b in starred)
    quoted = next(b for b in paragraphs if "double standards" in b.text)
    assert "\u201cdouble standards\u201d" in quoted.text  # curly quotes kept as written
    assert '"double standards"' in quoted.key  # and unified in the key
