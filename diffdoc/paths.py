"""File names as diffdoc shows and stores them: always printable, never a crash.

A name that is not valid UTF-8 (`bad\\xffname.txt` from another system) reaches Python with
its undecodable bytes as lone surrogates, which no UTF-8 output can carry. `shown` gives the
name with those bytes written as visible `\\xff` escapes, for messages, reports and the corpus.
"""

from __future__ import annotations

import os


def shown(path: object) -> str:
    """`path` as printable text: undecodable bytes appear as `\\xNN` escapes."""
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that no byte became: show its code point
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text
