"""Markdown: front matter, kramdown furniture, footnotes, links, escapes, inline markup."""

from __future__ import annotations

import pytest

from diffdoc.errors import InputError
from diffdoc.ingest import parse_bytes
from diffdoc.ingest.markup import emphasis_of, strip_inline
from diffdoc.models import Document

PARIS_LIKE = """\
---
title: Draft Agreement 4 December 2015
edit: true
---

*This is the [first draft agreement][source] on workstreams 1 and 2. It marked the final
session of the ADP.*

[source]: http://unfccc.int/resource/docs/2015/adp2/eng/l06.pdf

## Draft agreement on workstreams 1 and 2
{:.no_toc}

* TOC
{:toc}

## Preamble

The Parties to this Agreement,

*In [furtherance][pursuit]* of the objective of the Convention,[^1]

## Article 2

1\\. This Agreement, in enhancing the implementation of the Convention:

    - (a) Holding the increase <sup>st</sup> well below 2 \\[°C\\];

[^1]: One Party proposed deleting this paragraph.
"""


def read(text: str) -> Document:
    return parse_bytes(text.encode(), name="draft.md")


def test_kramdown_file_structure() -> None:
    doc = read(PARIS_LIKE)
    assert doc.title == "Draft Agreement 4 December 2015"
    assert dict(doc.metadata) == {"title": "Draft Agreement 4 December 2015", "edit": "true"}
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (
            "note",
            "This is the first draft agreement on workstreams 1 and 2. It marked the "
            "final session of the ADP.",
        ),
        ("heading", "Draft agreement on workstreams 1 and 2"),
        ("heading", "Preamble"),
        ("paragraph", "The Parties to this Agreement,"),
        ("paragraph", "In [furtherance][pursuit] of the objective of the Convention,1"),
        ("heading", "Article 2"),
        ("paragraph", "1. This Agreement, in enhancing the implementation of the Convention:"),
        ("list_item", "(a) Holding the increase st well below 2 [°C];"),
        ("footnote", "One Party proposed deleting this paragraph."),
    ]
    item = doc.blocks[7]
    assert (item.section, item.label) == ("Article 2", "(a)")
    assert doc.blocks[-1].label == "1"


def test_hard_breaks_nbsp_blank_lines_and_escapes() -> None:
    text = (
        "---\ntitle: Joint Statement\n---\n\u00a0\n"
        "1.\u202fWe have\u202fconvened to reaffirm our commitment to quadrilateral\n"
        "cooperation.  \n\u00a0  \n2\\. Together, we commit \\[to\\] a free order.\n\n\\###\n"
    )
    doc = read(text)
    assert [(b.kind, b.text, b.label) for b in doc.blocks] == [
        (
            "paragraph",
            "1.\u202fWe have\u202fconvened to reaffirm our commitment to "
            "quadrilateral cooperation.",
            "1.",
        ),
        ("paragraph", "2. Together, we commit [to] a free order.", "2."),
        ("note", "###", None),
    ]
    assert doc.blocks[0].key.startswith("1. We have convened")


def test_seed_like_title_and_bold_headings() -> None:
    text = "**DECLARATION**  \n**BY THE HEADS OF STATE**\n\nText one.\n\n**I**\n\nText two.\n"
    doc = read(text)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "DECLARATION BY THE HEADS OF STATE"),
        ("paragraph", "Text one."),
        ("heading", "I"),
        ("paragraph", "Text two."),
    ]


def test_setext_and_atx_headings() -> None:
    doc = read(
        "Declaration\n===========\n\nPart I\n------\n\nText.\n\n### Article 5 ###\n\nMore.\n"
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "Declaration"),
        ("heading", "Part I"),
        ("paragraph", "Text."),
        ("heading", "Article 5"),
        ("paragraph", "More."),
    ]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("*inter alia*, the UN", "inter alia, the UN"),
        ("**Option 1:** [There shall be]", "Option 1: [There shall be]"),
        ("r*eaffirming* that", "reaffirming that"),
        ("[text](https://example.org) and ![logo](a.png)", "text and logo"),
        ("snake_case_name and _emphasis_", "snake_case_name and emphasis"),
        ("1\\. \\*not emphasis\\*", "1. *not emphasis*"),
        ("Change[^6] and Agreement", "Change6 and Agreement"),
        ("21<sup>st</sup> century &amp; more", "21st century & more"),
        ("text {: .class}", "text"),
        ("“double standards” \u2013 NBSP\u00a0kept", "“double standards” \u2013 NBSP\u00a0kept"),
        # Literal asterisks are wording: only flanking runs that pair up are emphasis.
        ("The ratio shall be 2*3 as agreed.", "The ratio shall be 2*3 as agreed."),
        ("5 * 3 = 15", "5 * 3 = 15"),
        ("Resolution 80/3*", "Resolution 80/3*"),
        ("its [NDMC*][INDC]", "its [NDMC*][INDC]"),
        ("***both*** and *a **b** c*", "both and a b c"),
        # Loose markup of converted documents.
        ("**Option 3:**Building on", "Option 3:Building on"),
        ("**2. Advancing Cooperation **", "2. Advancing Cooperation"),
        ("Article 24 *(RESERVATIONS) *", "Article 24 (RESERVATIONS)"),
        ("3. *Consultative period", "3. Consultative period"),
        # Tag-like text is wording unless it is a known inline tag.
        ("<see annex> vs <see annex 2>", "<see annex> vs <see annex 2>"),
        ('<img src=x onerror="alert(1)"> text', '<img src=x onerror="alert(1)"> text'),
        ('a<br/>b <span class="x">c</span><!-- note --> <u>d</u>', "a b c d"),
        ("Hello\0 world \\[x\\]", "Hello\0 world [x]"),
    ],
)
def test_strip_inline(raw: str, text: str) -> None:
    assert strip_inline(raw) == text


def test_reference_links_only_when_defined() -> None:
    assert strip_inline("[published][12dec] text", {"12dec"}) == "published text"
    assert strip_inline("[furtherance][pursuit]", {"12dec"}) == "[furtherance][pursuit]"
    assert strip_inline("the [Paris Agreement] as [adapted]", {"paris agreement"}) == (
        "the Paris Agreement as [adapted]"
    )


def test_emphasis_of() -> None:
    assert emphasis_of("**I**") == "strong"
    assert emphasis_of("**A**  **B**") == "strong"
    assert emphasis_of("*St. Petersburg, June 7, 2002*") == "em"
    assert emphasis_of("*Being* Parties") == ""


def test_markdown_keeps_tag_like_text_as_wording() -> None:
    old, new = read("See <annex> here.\n"), read("See <annex 2> here.\n")
    assert (old.texts, new.texts) == (["See <annex> here."], ["See <annex 2> here."])


def test_invalid_yaml_front_matter_is_an_error() -> None:
    with pytest.raises(
        InputError,
        match=r"^draft\.md: invalid YAML front matter: expected ',' or '\]', but got ':' "
        r"\(line 3\)$",
    ):
        read("---\ntitle: [unclosed\nfoo: : :\n---\n\nText.\n")


def test_prose_between_rules_is_not_front_matter() -> None:
    assert read("---\nSome prose: with a colon: here.\n---\n\nText.\n").texts == [
        "Some prose: with a colon: here.",
        "Text.",
    ]


def test_plain_text_list_is_not_markdown() -> None:
    data = b"The Parties agree:\n\n- to cooperate on 2*3 matters;\n- to meet.\n"
    doc = parse_bytes(data, name="list.txt")
    assert doc.source is not None and doc.source.format == "text"
    assert "2*3" in " ".join(doc.texts)
