"""HTML report: golden files of small hand-built cases, and the page's structure.

Regenerate the golden files with DIFFDOC_REGENERATE_GOLDEN=1 (then read the diff before
committing them).
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.golden import check_golden
from helpers.html import comparison, doc, eq, ids, must, parse, tag, without_assets
from helpers.paths import ROOT, SEED

from diffdoc.compare import compare_files
from diffdoc.models import BlockChange, Comparison, Document, Segment
from diffdoc.report import render
from diffdoc.report.html import unchanged_share
from diffdoc.report.html_rows import MIN_RUN

GOLDEN = ROOT / "tests" / "golden" / "html"
DEMO_DRAFT = ROOT / "demo" / "sco-2002-illustrative-edited-draft.md"


def basic_case() -> Comparison:
    """Modify, a collapsed run, delete, insert, a heading, a typography-only difference."""
    old = doc(
        [
            ("title", "Declaration", None),
            ("heading", "I", "I"),
            ("paragraph", "The parties agree to cooperate.", "I"),
            ("paragraph", "Unchanged one.", "I"),
            ("paragraph", "Unchanged two.", "I"),
            ("paragraph", "Unchanged three.", "I"),
            ("paragraph", "This paragraph goes.", "I"),
            ("heading", "II", "II"),
            ("paragraph", "They reject “double standards”.", "II"),
        ],
        "v1.md",
        {"date": "2002-06-01", "lang": "en"},
    )
    new = doc(
        [
            ("title", "Declaration", None),
            ("heading", "I", "I"),
            ("paragraph", "The parties firmly agree to cooperate closely.", "I"),
            ("paragraph", "Unchanged one.", "I"),
            ("paragraph", "Unchanged two.", "I"),
            ("paragraph", "Unchanged three.", "I"),
            ("paragraph", "A new paragraph.", "I"),
            ("heading", "II", "II"),
            ("paragraph", 'They reject "double standards".', "II"),
        ],
        "v2.md",
        {"date": "2002-06-07", "lang": "en"},
    )
    modify = BlockChange(
        "modify",
        (2,),
        (2,),
        (
            Segment("equal", "The parties "),
            Segment("insert", "firmly "),
            Segment("equal", "agree to cooperate"),
            Segment("insert", " closely"),
            Segment("equal", "."),
        ),
    )
    typography = BlockChange(
        "equal",
        (8,),
        (8,),
        (
            Segment("equal", "They reject "),
            Segment("delete", "“", cosmetic=True),
            Segment("insert", '"', cosmetic=True),
            Segment("equal", "double standards"),
            Segment("delete", "”", cosmetic=True),
            Segment("insert", '"', cosmetic=True),
            Segment("equal", "."),
        ),
    )
    blocks = [
        eq(0, 0, "Declaration"),
        eq(1, 1, "I"),
        modify,
        eq(3, 3, "Unchanged one."),
        eq(4, 4, "Unchanged two."),
        eq(5, 5, "Unchanged three."),
        BlockChange("delete", (6,), (), (Segment("delete", "This paragraph goes."),)),
        BlockChange("insert", (), (6,), (Segment("insert", "A new paragraph."),)),
        eq(7, 7, "II"),
        typography,
    ]
    return comparison(old, new, blocks, (5, 3))


def moves_case() -> Comparison:
    """A paragraph moved far (and edited), a split and a merge."""
    old = doc(
        [
            ("paragraph", "Alpha paragraph.", None),
            ("paragraph", "Beta paragraph moves far.", None),
            ("paragraph", "Gamma.", None),
            ("paragraph", "Delta one. Delta two.", None),
            ("paragraph", "Epsilon first.", None),
            ("paragraph", "Epsilon second.", None),
            ("paragraph", "Zeta.", None),
        ],
        "old.txt",
    )
    new = doc(
        [
            ("paragraph", "Alpha paragraph.", None),
            ("paragraph", "Gamma.", None),
            ("paragraph", "Delta one.", None),
            ("paragraph", "Delta two.", None),
            ("paragraph", "Epsilon first. Epsilon second.", None),
            ("paragraph", "Zeta.", None),
            ("paragraph", "Beta paragraph moved far.", None),
        ],
        "new.txt",
    )
    blocks = [
        eq(0, 0, "Alpha paragraph."),
        eq(2, 1, "Gamma."),
        BlockChange(
            "split",
            (3,),
            (2, 3),
            (
                Segment("equal", "Delta one."),
                Segment("delete", " ", cosmetic=True),
                Segment("insert", "\n\n", cosmetic=True),
                Segment("equal", "Delta two."),
            ),
        ),
        BlockChange(
            "merge",
            (4, 5),
            (4,),
            (
                Segment("equal", "Epsilon first."),
                Segment("delete", "\n\n", cosmetic=True),
                Segment("insert", " ", cosmetic=True),
                Segment("equal", "Epsilon second."),
            ),
        ),
        eq(6, 5, "Zeta."),
        BlockChange(
            "move",
            (1,),
            (6,),
            (
                Segment("equal", "Beta paragraph "),
                Segment("delete", "moves"),
                Segment("insert", "moved"),
                Segment("equal", " far."),
            ),
        ),
    ]
    return comparison(old, new, blocks, (1, 1))


HOSTILE = [
    "<script>alert('title')</script>",
    '<img src=x onerror="alert(1)"> and [a link](javascript:alert(2))',
    "Tom & Jerry </p></div><a href='javascript:alert(3)'>click</a>",
]


def hostile_case() -> Comparison:
    """Document text, labels and metadata that would run code if they were not escaped."""
    old = doc(
        [("title", HOSTILE[0], None), ("paragraph", HOSTILE[1], None)],
        "old<script>.md",
        {"lang": 'en" onmouseover="alert(4)', "date": "<b>2002</b>"},
    )
    new = doc(
        [("title", HOSTILE[0], None), ("paragraph", HOSTILE[2], None)],
        '"><img src=x onerror=alert(5)>.md',
    )
    blocks = [
        eq(0, 0, HOSTILE[0]),
        BlockChange(
            "modify", (1,), (1,), (Segment("delete", HOSTILE[1]), Segment("insert", HOSTILE[2]))
        ),
    ]
    return comparison(old, new, blocks, (6, 7))


CASES = {"basic": basic_case, "moves": moves_case, "hostile": hostile_case}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    html = without_assets(render(CASES[name](), "html"))
    check_golden(GOLDEN / f"{name}.html", html)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_is_deterministic(name: str) -> None:
    assert render(CASES[name](), "html") == render(CASES[name](), "html")


# --- structure --------------------------------------------------------------------------------


def check_structure(result: Comparison, soup: BeautifulSoup) -> None:
    """Every change once and in order, every paragraph number once per side, links resolve,
    header counts equal the JSON stats."""
    all_ids = ids(soup)
    assert len(all_ids) == len(set(all_ids)), "duplicate ids"
    changed = [block for block in result.blocks if block.op != "equal"]
    rows = soup.select(".row.change")
    assert [row["id"] for row in rows] == [f"change-{k}" for k in range(1, len(changed) + 1)]
    for block, row in zip(changed, rows, strict=True):
        assert f"op-{block.op}" in row["class"]
        numbers = [int(a.get_text()) for a in row.select(".side.new .pn")]
        assert numbers == [j + 1 for j in block.new]
        if block.op != "move":
            assert [int(a.get_text()) for a in row.select(".side.old .pn")] == [
                i + 1 for i in block.old
            ]
    # Every number once per side: an anchor (old-N, new-N), or for an unchanged paragraph its
    # one element's data-o (old number, shown by the style sheet) and id new-N.
    unchanged = soup.select(".same")
    assert all(
        p["id"] == f"new-{p['data-n']}" or p.select_one(f"#new-{p['data-n']}") for p in unchanged
    )
    for side, document in (("old", result.old), ("new", result.new)):
        anchors = [int(i.split("-")[1]) for i in all_ids if i.startswith(f"{side}-")]
        if side == "old":
            anchors += [int(str(p["data-o"])) for p in unchanged]
        assert sorted(anchors) == list(range(1, len(document.blocks) + 1)), side
    assert all(p.get_text().strip() for p in soup.select(".para")), "empty paragraph"
    for link in soup.select('a[href^="#"]'):
        assert str(link["href"])[1:] in all_ids, f"dangling link {link['href']}"
    nav = [str(a["href"]) for a in soup.select("nav.changes li > a")]
    assert nav == [f"#{row['id']}" for row in rows]
    stats = json.loads(render(result, "json"))["stats"]
    shown = {str(dd["data-stat"]): dd.get_text() for dd in soup.select("dd[data-stat]")}
    for name, value in stats.items():
        assert shown[name] == str(value), name


@pytest.mark.parametrize("name", sorted(CASES))
def test_structure_of_small_cases(name: str) -> None:
    result = CASES[name]()
    check_structure(result, parse(render(result, "html")))


def test_moved_paragraph_is_linked_at_both_places() -> None:
    soup = parse(render(moves_case(), "html"))
    away = tag(soup, ".row.moved-away")
    assert away.select_one("#old-2") is not None
    assert "Beta paragraph moves far." in away.get_text()
    assert [str(a["href"]) for a in away.select(".caption a")] == ["#change-3"]
    assert "moved to ¶ 7" in " ".join(tag(away, ".caption").get_text().split())
    move = tag(soup, "#change-3")
    assert "op-move" in move["class"]
    assert [str(a["href"]) for a in move.select(".caption .note a")] == ["#old-2"]
    assert "moved from old ¶ 2" in " ".join(move.get_text().split())
    assert [d.get_text() for d in move.select(".side.old del")] == ["moves"]
    assert [i.get_text() for i in move.select(".side.new ins")] == ["moved"]
    # the old place comes right after the paragraph that preceded it in the old text
    rows = soup.select("main > .row, main > details, main > .same")
    assert rows.index(away) == 1


def test_split_and_merge_are_one_row_each() -> None:
    soup = parse(render(moves_case(), "html"))
    split, merge = tag(soup, "#change-1"), tag(soup, "#change-2")
    assert len(split.select(".side.old .para")) == 1
    assert [p.get_text() for p in split.select(".side.new .para")] == ["3Delta one.", "4Delta two."]
    assert "old ¶ 4 split into ¶ 3–4" in tag(split, ".caption").get_text()
    assert len(merge.select(".side.old .para")) == 2
    assert [p.get_text() for p in merge.select(".side.new .para")] == [
        "5Epsilon first. Epsilon second."
    ]
    assert "old ¶ 5–6 merged into ¶ 5" in tag(merge, ".caption").get_text()
    # inline view: the new side's paragraphs; a break against a space is not marked
    assert [p.get_text() for p in merge.select(".inline .para")] == [
        "5–6 → 5Epsilon first. Epsilon second."
    ]
    assert [p.get_text() for p in split.select(".inline .para")] == [
        "4 → 3Delta one.",
        "4 → 4Delta two.",
    ]
    assert merge.select(".typo, del, ins") == []


def test_unchanged_runs_are_collapsed_and_headings_are_anchors() -> None:
    soup = parse(render(basic_case(), "html"))
    runs = soup.select("details.run")
    assert len(runs) == 1
    assert runs[0].get("open") is None
    assert " ".join(tag(runs[0], "summary").get_text().split()) == "3 unchanged paragraphs (¶ 4–6)"
    assert len(runs[0].select(".same")) == MIN_RUN
    assert [(p["data-o"], p["data-n"], p["id"]) for p in runs[0].select(".same")] == [
        ("4", "4", "new-4"),
        ("5", "5", "new-5"),
        ("6", "6", "new-6"),
    ]
    heading = tag(soup, "#section-I")
    assert (heading.name, heading["data-o"], heading["data-n"]) == ("h2", "2", "2")
    assert heading.get_text() == "I" and heading.select_one("#new-2") is not None
    assert [a["href"] for a in soup.select("nav.changes h3 a")] == ["#section-I"]


def test_marks_and_typography() -> None:
    soup = parse(render(basic_case(), "html"))
    change = tag(soup, "#change-1")
    assert [i.get_text() for i in change.select(".side.new ins")] == ["firmly ", " closely"]
    assert change.select(".side.old del") == []
    assert [i.get_text() for i in change.select(".inline ins")] == ["firmly ", " closely"]
    # a typography-only difference is no change, only a dotted hint with the other version
    typo = soup.select(".same.typo-only .typo")
    assert [t.get_text() for t in typo] == ['"', '"']
    assert "other version: “" in str(typo[0]["title"])
    assert len(soup.select(".row.change")) == 3


def test_header_shows_both_versions_and_the_share_unchanged() -> None:
    result = basic_case()
    soup = parse(render(result, "html"))
    old, new = tag(soup, ".version.old"), tag(soup, ".version.new")
    assert "v1.md" in old.get_text() and "2002-06-01" in old.get_text()
    assert "v2.md" in new.get_text() and "2002-06-07" in new.get_text()
    assert tag(soup, "title").get_text() == "Comparison of v1.md and v2.md"
    share = unchanged_share(result)
    assert 0.8 < share < 1.0
    assert tag(soup, 'dd[data-stat="unchanged_share"]').get_text() == (
        f"{int(share * 1000) / 10:.1f} %"
    )


def test_each_side_has_its_language_and_auto_direction() -> None:
    ru = doc([("paragraph", "Государства-члены ШОС", None)], "ru.txt", {"lang": "ru"})
    zh = doc([("paragraph", "上海合作组织成员国", None)], "zh.txt", {"lang": "zh"})
    block = BlockChange(
        "modify",
        (0,),
        (0,),
        (Segment("delete", ru.texts[0]), Segment("insert", zh.texts[0])),
    )
    soup = parse(render(comparison(ru, zh, [block], (1, 2)), "html"))
    assert tag(soup, ".side.old")["lang"] == "ru"
    assert tag(soup, ".side.new")["lang"] == "zh"
    assert all(side["dir"] == "auto" for side in soup.select(".side, .inline"))


def test_hostile_text_is_shown_as_text_and_runs_nothing() -> None:
    html = render(hostile_case(), "html")
    soup = parse(html)
    assert len(soup.find_all("script")) == 1  # the report's own script, allowed by hash
    assert soup.find_all("img") == []
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element.name
    for element in soup.find_all(href=True):
        assert str(element["href"]).startswith(("#", "data:")), element
    assert soup.find_all(src=True) == []
    text = soup.get_text()
    for hostile in HOSTILE:
        assert hostile in text
    assert tag(soup, ".side.old")["lang"] == 'en" onmouseover="alert(4)'
    assert "&lt;b&gt;2002&lt;/b&gt;" in html


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def test_content_security_policy_allows_exactly_the_inline_style_and_script() -> None:
    soup = parse(render(basic_case(), "html"))
    csp = str(tag(soup, 'meta[http-equiv="Content-Security-Policy"]')["content"])
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == f"'sha256-{_sha256(tag(soup, 'style').string or '')}'"
    assert directives["script-src"] == f"'sha256-{_sha256(tag(soup, 'script').string or '')}'"
    assert "unsafe" not in csp
    assert soup.find_all(style=True) == []  # style attributes would be blocked


def test_no_external_resources() -> None:
    html = render(moves_case(), "html")
    for scheme in ("http:", "https:", 'src="//', "url("):
        assert scheme not in html


# --- real comparisons -------------------------------------------------------------------------


def test_demo_draft_shows_every_kind_of_change() -> None:
    result = compare_files(SEED, DEMO_DRAFT)
    stats = result.stats
    for op in ("modify", "insert", "delete", "move", "split", "merge"):
        assert getattr(stats, op) >= 1, op
    soup = parse(render(result, "html"))
    check_structure(result, soup)
    assert "ILLUSTRATIVE" in tag(soup, ".version.new .doc-title").get_text()
    assert "Never cite it as a real draft" in tag(soup, ".version.new .doc-note").get_text()
    assert soup.select(".row.moved-away")
    assert soup.select("details.run")


@pytest.mark.parametrize(
    "old, new",
    [
        ("paris-2015-12-09-draft-agreement", "paris-2015-12-12-paris-agreement-adopted"),
        (
            "us-uk-2023-06-08-atlantic-declaration.wh-md.v1",
            "us-uk-2023-06-08-atlantic-declaration.wh-md.v2",
        ),
    ],
)
def test_real_texts_keep_the_structure(texts_dir: Path, old: str, new: str) -> None:
    (old_path,) = texts_dir.glob(f"{old}*.txt")
    (new_path,) = texts_dir.glob(f"{new}*.txt")
    result = compare_files(old_path, new_path)
    assert result.stats.changed
    check_structure(result, parse(render(result, "html")))


def test_empty_comparison_renders() -> None:
    empty = doc([], "empty.txt")
    soup = parse(render(comparison(empty, empty, [], (0, 0)), "html"))
    assert soup.select(".row") == []
    assert "No wording differences." in soup.get_text()
    assert tag(soup, 'dd[data-stat="unchanged_share"]').get_text() == "100.0 %"


def test_bracketed_negotiation_text_has_its_own_class() -> None:
    old = doc(
        [
            ("paragraph", "Parties shall act.", None),
            ("paragraph", "Keep [this [nested] text] and a note[^3].", None),
        ],
        "draft1.md",
    )
    new = doc(
        [
            ("paragraph", "Parties [shall][should] act.", None),
            ("paragraph", "Keep [this [nested] text] and a note[^3].", None),
        ],
        "draft2.md",
    )
    modify = BlockChange(
        "modify",
        (0,),
        (0,),
        (
            Segment("equal", "Parties "),
            Segment("insert", "["),
            Segment("equal", "shall"),
            Segment("insert", "][should]"),
            Segment("equal", " act."),
        ),
    )
    result = comparison(old, new, [modify, eq(1, 1, new.texts[1])], (1, 0))
    soup = parse(render(result, "html"))
    spans = soup.select(".side.new .neg-bracket")
    assert [s.get_text() for s in spans] == ["[", "shall", "]", "[should]"]
    assert [s.get_text() for s in soup.select(".inline .neg-bracket")] == [
        "[", "shall", "]", "[should]",
    ]  # fmt: skip
    assert soup.select(".side.old .neg-bracket") == []
    same = soup.select(".same .neg-bracket")
    assert [s.get_text() for s in same] == ["[this [nested] text]"]  # the footnote marker is not


def test_inline_view_cites_old_and_new_paragraph_numbers() -> None:
    soup = parse(render(moves_case(), "html"))
    numbers = {
        str(row["id"]): [(pn.get_text(), pn["title"]) for pn in row.select(".inline .pn")]
        for row in soup.select(".row.change")
    }
    assert numbers["change-1"] == [("4 → 3", "old ¶ 4, new ¶ 3"), ("4 → 4", "old ¶ 4, new ¶ 4")]
    assert numbers["change-2"] == [("5–6 → 5", "old ¶ 5–6, new ¶ 5")]
    assert numbers["change-3"] == [("2 → 7", "old ¶ 2, new ¶ 7")]
    basic = parse(render(basic_case(), "html"))
    assert [pn.get_text() for pn in basic.select("#change-2 .inline .pn")] == ["old 7"]
    assert [pn.get_text() for pn in basic.select("#change-3 .inline .pn")] == ["new 7"]


def test_collapsed_run_names_old_and_new_numbers_when_they_differ() -> None:
    texts = ["Kept.", "Dropped.", "One.", "Two.", "Three."]
    old = doc([("paragraph", text, None) for text in texts], "old.txt")
    new = doc([("paragraph", text, None) for text in texts[:1] + texts[2:]], "new.txt")
    blocks = [
        eq(0, 0, "Kept."),
        BlockChange("delete", (1,), (), (Segment("delete", "Dropped."),)),
        *(eq(i, i - 1, texts[i]) for i in range(2, 5)),
    ]
    soup = parse(render(comparison(old, new, blocks, (0, 1)), "html"))
    ranges = [
        " ".join(tag(run, "summary").get_text().split()) for run in soup.select("details.run")
    ]
    assert ranges == ["3 unchanged paragraphs (old ¶ 3–5, new ¶ 2–4)"]
    # where nothing shifted, one range says it (basic case: ¶ 4–6 on both sides)
    basic = parse(render(basic_case(), "html"))
    assert [tag(run, "summary").get_text() for run in basic.select("details.run")] == [
        "3 unchanged paragraphs (¶ 4–6)"
    ]


def test_inline_insertion_after_a_deletion_is_set_apart() -> None:
    soup = parse(render(moves_case(), "html"))
    inline = tag(soup, "#change-3 .inline")
    assert [(m.name, m.get_text(), m.get("class")) for m in inline.select("del, ins")] == [
        ("del", "moves", None),
        ("ins", "moved", ["after-del"]),
    ]
    assert "ins.after-del { margin-left: .35em; }" in render(moves_case(), "html")
    # the side-by-side columns and an insertion on its own are unmarked
    assert soup.select(".side ins.after-del") == []
    assert tag(parse(render(basic_case(), "html")), "#change-3 .inline ins").get("class") is None


def header_languages(soup: BeautifulSoup) -> list[str]:
    return [
        must(dt.find_next("dd")).get_text()
        for dt in soup.select(".version dt")
        if dt.get_text() == "Language"
    ]


def test_language_from_front_matter_file_name_or_script_and_never_empty() -> None:
    def one(text: str, label: str, metadata: dict[str, str] | None = None) -> Document:
        return doc([("paragraph", text, None)], label, metadata)

    def page_for(old: Document, new: Document) -> str:
        block = BlockChange(
            "modify", (0,), (0,), (Segment("delete", old.texts[0]), Segment("insert", new.texts[0]))
        )
        return render(comparison(old, new, [block], (1, 1)), "html")

    html = page_for(one("Hello there.", "decl.en.md"), one("Hi there.", "notes.md"))
    assert 'lang=""' not in html
    soup = parse(html)
    assert tag(soup, ".side.old")["lang"] == "en"
    assert tag(soup, ".side.new").get("lang") is None
    assert header_languages(soup) == ["en (from the file name)", "not stated"]
    zh = parse(
        page_for(
            one("上海合作组织成员国", "a.txt"), one("الدول الأعضاء", "b.txt", {"lang": "ar-EG"})
        )
    )
    assert (tag(zh, ".side.old")["lang"], tag(zh, ".side.new")["lang"]) == ("zh", "ar-EG")
    assert "zh (guessed from the script)" in zh.get_text()
    # Cyrillic and Latin name no single language: no guess
    ru = parse(page_for(one("Государства-члены", "a.txt"), one("Государства", "b.v2.txt")))
    assert ru.select(".side[lang], .inline[lang], .same[lang]") == []


def test_seed_and_demo_header_languages_agree() -> None:
    html = render(compare_files(SEED, DEMO_DRAFT), "html")
    soup = parse(html)
    assert header_languages(soup) == ["en (from the file name)", "en"]


@pytest.mark.parametrize(
    ("section", "title"),
    [
        ("I", "Section I"),
        ("12.", "Section 12."),
        ("Article 1", "Article 1"),
        ("Part II", "Part II"),
        ("Annex", "Annex"),
        (None, "Opening"),
    ],
)
def test_list_of_changes_names_sections_without_doubling_the_word(
    section: str | None, title: str
) -> None:
    old = doc([("paragraph", "Old words.", section)], "old.txt")
    new = doc([("paragraph", "New words.", section)], "new.txt")
    block = BlockChange(
        "modify",
        (0,),
        (0,),
        (Segment("delete", "Old"), Segment("insert", "New"), Segment("equal", " words.")),
    )
    soup = parse(render(comparison(old, new, [block], (1, 1)), "html"))
    assert [h.get_text() for h in soup.select("nav.changes h3")] == [title]


def header_counts(html: str) -> dict[str, str]:
    soup = parse(html)
    return {
        str(dd["data-stat"]): must(dd.find_previous("dt")).get_text()
        for dd in soup.select(".counts dd")
    }


def test_header_counts_are_grammatical_and_say_what_splits_and_merges_join() -> None:
    demo = header_counts(render(compare_files(SEED, DEMO_DRAFT), "html"))
    assert demo["modify"] == "paragraphs modified"
    assert demo["delete"] == "paragraph deleted"
    assert demo["move"] == "paragraph moved"
    assert demo["split"] == "split (1 paragraph into 2)"
    assert demo["merge"] == "merge (2 paragraphs into 1)"
    basic = header_counts(render(basic_case(), "html"))
    assert (basic["merge"], basic["split"], basic["move"]) == (
        "merges",
        "splits",
        "paragraphs moved",
    )


def test_legend_explains_every_mark() -> None:
    legend = tag(parse(render(basic_case(), "html")), ".legend")
    assert [m.name for m in legend.select("del, ins")] == ["del", "ins"]
    assert "differs only in typography" in must(tag(legend, ".typo").parent).get_text()
    assert tag(legend, ".neg-bracket").get_text() == "shaded box with a dashed edge"
    assert "[bracketed] negotiation text" in legend.get_text()


def test_short_marks_are_outlined_and_print_tells_deletions_from_insertions() -> None:
    old = doc([("paragraph", "We agree. Next", None)], "old.txt")
    new = doc([("paragraph", "We agree; Next", None)], "new.txt")
    segments = (
        Segment("equal", "We agree"),
        Segment("delete", "."),
        Segment("insert", ";"),
        Segment("equal", " Next"),
    )
    html = render(
        comparison(old, new, [BlockChange("modify", (0,), (0,), segments)], (1, 1)), "html"
    )
    soup = parse(html)
    assert [(m.name, m.get("class")) for m in soup.select(".side del, .side ins")] == [
        ("del", ["short"]),
        ("ins", ["short"]),
    ]
    assert [m.get("class") for m in soup.select(".inline ins")] == [["after-del", "short"]]
    assert "del.short, ins.short { padding: 0 .18em; outline: 1px solid currentColor;" in html
    # longer marks are unmarked (basic case: "firmly ", " closely")
    assert tag(parse(render(basic_case(), "html")), "#change-1 .side.new ins").get("class") is None
    print_css = html[html.index("@media print") :]
    del_rule = print_css[print_css.index("  del {") :].split("\n")[0]
    ins_rule = print_css[print_css.index("  ins {") :].split("\n")[0]
    assert "background: none" in del_rule and "background: #e4e4e4" in ins_rule


def test_bracketed_insertion_is_not_cut_into_outlined_short_marks() -> None:
    soup = parse(render(compare_files(SEED, DEMO_DRAFT), "html"))
    inserted = soup.select("#change-9 .side.new ins")
    assert len(inserted) > 2  # cut at the bracket edges
    assert [i for i in inserted if i.get("class")] == []
