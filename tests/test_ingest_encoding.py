"""Russian and Chinese texts in the encodings they arrive in come out right."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffdoc.errors import InputError
from diffdoc.ingest import parse_bytes, read_document
from diffdoc.ingest.encoding import decode, looks_binary

DATA = Path(__file__).parent / "data" / "ingest"
RU_PARAGRAPH = (
    "Сегодня мы, главы государств-членов Шанхайской организации сотрудничества, "
    "подписали Хартию организации. Это событие знаменует создание правовой основы "
    "нового объединения."
)
ZH_PARAGRAPH = (
    "今天，我们各成员国元首正式签署了上海合作组织宪章。这标志着新的国际组织的法律基础已经建立。"
)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("ru-cp1251.txt", "cp1251"),
        ("ru-koi8r.txt", "koi8-r"),
        ("ru-utf16.txt", "utf-16"),
        ("ru-utf8-bom.txt", "utf-8"),
    ],
)
def test_russian_encodings_are_detected(name: str, encoding: str) -> None:
    doc = read_document(DATA / name)
    assert doc.source is not None and doc.source.encoding == encoding
    assert doc.title == "ДЕКЛАРАЦИЯ ГЛАВ ГОСУДАРСТВ"
    assert [b.kind for b in doc.blocks] == ["title", "heading", "paragraph", "paragraph"]
    assert doc.blocks[2].text == RU_PARAGRAPH  # wrapped lines joined with spaces
    assert doc.blocks[2].section == "I"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("zh-gb18030.txt", "gb18030"),
        ("zh-gbk.txt", "gb18030"),  # GB18030 is a superset of GBK
        ("zh-utf16.txt", "utf-16"),
        ("zh-utf8.txt", "utf-8"),
    ],
)
def test_chinese_encodings_are_detected(name: str, encoding: str) -> None:
    doc = read_document(DATA / name)
    assert doc.source is not None and doc.source.encoding == encoding
    assert doc.title == "上海合作组织成员国元首宣言"
    assert [b.kind for b in doc.blocks] == ["title", "heading", "paragraph", "paragraph"]
    assert doc.blocks[1].text == "一"
    assert doc.blocks[2].text == ZH_PARAGRAPH  # joined without spaces between CJK
    assert " " not in doc.blocks[3].text


def test_encoding_option_overrides_detection() -> None:
    data = (DATA / "ru-cp1251.txt").read_bytes()
    forced = parse_bytes(data, name="ru.txt", encoding="koi8_r")
    assert forced.source is not None and forced.source.encoding == "koi8_r"
    assert forced.blocks[-1].text != parse_bytes(data, name="ru.txt").blocks[-1].text


def test_forced_encoding_that_cannot_decode_is_an_input_error() -> None:
    data = "Декларация".encode("cp1251")
    with pytest.raises(InputError, match=r"ru\.txt: cannot decode as utf-8"):
        parse_bytes(data, name="ru.txt", encoding="utf-8")


def test_unknown_encoding_name() -> None:
    with pytest.raises(InputError, match="unknown encoding 'no-such'"):
        parse_bytes(b"text", name="a.txt", encoding="no-such")


def test_windows_1252_quotes() -> None:
    sample = "The \u201cdouble standards\u201d \u2013 caf\u00e9 na\u00efve d\u00e9j\u00e0 vu."
    text, encoding = decode(sample.encode("cp1252"), name="x")
    assert encoding == "cp1252"
    assert text == sample


def test_bom_is_removed_and_binary_detected() -> None:
    assert decode("\ufeffText".encode(), name="x") == ("Text", "utf-8")
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not looks_binary("Текст".encode("utf-16"))


def test_control_characters_are_dropped_not_wording() -> None:
    data = "Hello\u0001\u0002 world.\n".encode("utf-16")
    assert parse_bytes(data, name="ctl.txt").texts == ["Hello world."]


def test_a_nul_inside_a_text_is_reported_not_dropped() -> None:
    # A NUL is never wording: the file is damaged or holds binary data (issue 11).
    with pytest.raises(InputError, match=r"^nul\.md: NUL character at line 2, column 6 "):
        parse_bytes(b"Title\nHello\0 world \\[x\\]\n", name="nul.md", encoding="utf-8")


def test_utf16_full_of_controls_is_binary() -> None:
    data = ("\ufeff" + "\u0001\u0002 x" * 40).encode("utf-16-le")
    with pytest.raises(InputError, match=r"^b\.txt: binary file, not a text document$"):
        parse_bytes(data, name="b.txt")
