"""Turn input bytes into text: byte-order marks, UTF-8, then the legacy encodings diplomatic
texts arrive in (Windows-1251 and KOI8-R Russian, GB18030/GBK Chinese, Windows-1252).

charset-normalizer does the detection: it scores each candidate decoding for "mess" (mixed
scripts, odd case patterns), which is what tells KOI8-R from Windows-1251 reliably.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

from diffdoc.errors import InputError

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The legacy encodings we look for, in order of preference on a tie.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1251", "koi8_r", "gb18030", "cp1252")
# C0 controls other than tab, line feed, form feed and carriage return never occur in text.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# The same in decoded text: invisible, never wording, so they are
# dropped from the text (a stray NUL or U+0001 in a UTF-16 file, say).
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any single-byte or multi-byte encoding we read."""
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def binary_problem(data: bytes) -> str:
    """Why bytes that look binary are refused: UTF-16 without a byte-order mark (text of
    one script, every other byte the same few values, NUL among them) gets a hint."""
    sample = data[: 8192 & ~1]
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if (
            len(sample) >= 8
            and zeros.count(0) >= len(zeros) // 10
            and other.count(0) <= len(other) // 100
            and sum(n for _, n in Counter(zeros).most_common(2)) >= 0.9 * len(zeros)
        ):
            return (
                f"binary file, or UTF-16 text without a byte-order mark "
                f"(if it is text, try --encoding {codec})"
            )
    return "binary file, not a text document"


def decode(data: bytes, *, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode `data` to text; return the text (without BOM) and the encoding used.

    `encoding` forces a codec; otherwise a BOM decides, then strict UTF-8, then detection
    among LEGACY_ENCODINGS. Raises InputError when nothing decodes the bytes cleanly.
    """
    text, used = _decode(data, name=name, encoding=encoding)
    return without_controls(text, name=name), used


def without_controls(text: str, *, name: str) -> str:
    """`text` without C0 control characters other than tab, line feed, form feed and carriage
    return; text thick with them (a binary file forced or announced as UTF-16) is refused."""
    if _TEXT_CONTROL.search(text) is None:
        return text
    sample = text[:8192]
    if len(_TEXT_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise InputError(name, "binary file, not a text document")
    nul = text.find("\0")
    if nul >= 0:  # never in a text: a damaged file, or binary data inside it
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise InputError(
            name, f"NUL character at line {line}, column {column} (a damaged or binary file?)"
        )
    return _TEXT_CONTROL.sub("", text)


def _decode(data: bytes, *, name: str, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        return _decode_forced(data, name=name, encoding=encoding), encoding
    announced = bom_encoding(data)
    if announced is not None:
        try:
            return data.decode(announced).lstrip("\ufeff"), announced.replace("-sig", "")
        except UnicodeDecodeError as error:
            raise InputError(name, f"cannot decode as {announced}: {error.reason}") from None
    if looks_binary(data):
        raise InputError(name, binary_problem(data))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only legacy-encoded files need detection

    guess = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if guess is None:
        raise InputError(
            name, "cannot decode the text (not UTF-8, no known encoding fits; try --encoding)"
        )
    return str(guess), codecs.lookup(guess.encoding).name


# Codecs Python files under text encodings that are not character sets: they transform
# (punycode, idna, escapes) or refuse everything (undefined).
_NOT_CHARSETS = frozenset({"punycode", "idna", "undefined", "unicode-escape", "raw-unicode-escape"})


def text_codec(encoding: str, *, name: str) -> codecs.CodecInfo:
    """The codec `--encoding` names, if it is a character set (utf-8, cp1251, utf-16-le...).

    base64, rot13, zlib, hex, uu, bz2 and the like turn bytes into bytes, not text.
    """
    try:
        codec = codecs.lookup(encoding)
    except (LookupError, ValueError):
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_CHARSETS:
        raise InputError(
            name,
            f"{encoding!r} is not a text encoding (give a character set such as utf-8, "
            "utf-16-le, cp1251 or gb18030)",
        )
    return codec


def _decode_forced(data: bytes, *, name: str, encoding: str) -> str:
    codec = text_codec(encoding, name=name)
    try:
        return data.decode(codec.name).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"cannot decode as {encoding} (byte {error.start}: {error.reason})"
        ) from None
    except (UnicodeError, ValueError, TypeError) as error:
        raise InputError(name, f"cannot decode as {encoding} ({error})") from None
