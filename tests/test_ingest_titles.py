"""Titles and datelines: a Chinese title is found as a Russian one is, and a place and date
line before numbered paragraphs is not taken for a section heading."""

from __future__ import annotations

from diffdoc.ingest import parse_bytes


def kinds(data: str, name: str) -> list[tuple[str, str]]:
    document = parse_bytes(data.encode("utf-8"), name=name)
    return [(block.kind, block.text) for block in document.blocks]


def test_chinese_title_like_russian() -> None:
    zh = (
        "成员国元首宣言\n\n一、各成员国元首于2002年6月7日在圣彼得堡举行会晤。\n\n"
        "二、合作将逐步发展。\n"
    )
    ru = (
        "ДЕКЛАРАЦИЯ ГЛАВ ГОСУДАРСТВ-ЧЛЕНОВ\n\n1. Главы государств встретились в Санкт-Петербурге."
        "\n\n2. Сотрудничество будет развиваться.\n"
    )
    assert kinds(zh, "zh.txt")[0] == ("title", "成员国元首宣言")
    assert kinds(ru, "ru.txt")[0][0] == "title"
    assert parse_bytes(zh.encode("utf-8"), name="zh.txt").title == "成员国元首宣言"


def test_chinese_sentence_or_label_is_not_a_title() -> None:
    sentence = "各成员国元首举行会晤。\n\n合作将逐步发展。\n"
    assert kinds(sentence, "zh.txt")[0][0] != "title"
    labelled = "一、各成员国元首举行会晤\n\n二、合作将逐步发展\n"
    assert kinds(labelled, "zh.txt")[0][0] != "title"


def test_html_dateline_is_not_a_heading() -> None:
    page = (
        "<html><body><article><h1>Joint Statement</h1>"
        '<p class="date">Geneva, 3 March 2024</p>'
        "<p>1. We met today in Geneva and agreed on many things.</p>"
        "<p>2. We will meet again.</p><p>3. Third.</p><p>4. Fourth.</p>"
        "</article></body></html>"
    )
    blocks = kinds(page, "statement.html")
    assert blocks[:2] == [("title", "Joint Statement"), ("paragraph", "Geneva, 3 March 2024")]
    assert not any(kind == "heading" for kind, _ in blocks)
    plain = "Statement\n\n3 March 2024\n\n1. We met.\n\n2. We agreed.\n"
    assert ("heading", "3 March 2024") not in kinds(plain, "s.txt")
