"""The bounds on what diffdoc reads: input size, what a DOCX may unpack to, what an input is.

Every limit is checked before the work it protects, and a refusal is an InputError naming the
file and the limit (exit status 2). The README's "Limits" section lists them.

- **Input size**: at most `MAX_INPUT_BYTES` (200 MB; `--max-size` changes it), refused from
  the file's size before reading, and read with a cap so that a pipe or a growing file cannot
  run past it either.
- **What an input is**: a regular file, or a pipe (standard input as `-`, `/dev/stdin`, a
  named FIFO, `<(command)`); a device (`/dev/zero`), a socket or a directory is refused
  before anything is read.
- **DOCX expansion**: a DOCX is a ZIP archive; its members' declared sizes are checked before
  any is unpacked (Python's zipfile never unpacks a member past its declared size).
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
import zipfile
from typing import BinaryIO

from diffdoc.errors import DiffdocError, InputError

MAX_INPUT_BYTES = 200_000_000
# A DOCX may unpack to at most this many bytes in all, and no member larger than 1 MB may
# unpack to more than MAX_DOCX_RATIO times its compressed size (real Word XML: 5-20 times;
# the zip bombs of the attack run: 600 times and more).
MAX_DOCX_EXPANDED = 250_000_000
MAX_DOCX_RATIO = 100
MAX_DOCX_MEMBERS = 10_000
_RATIO_FLOOR = 1024 * 1024
STDIN = "-"

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def parse_size(text: str) -> int:
    """`--max-size` values: bytes, or with a unit (`500k`, `200M`, `1G`, decimal)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None or float(match.group(1)) <= 0:
        raise DiffdocError(f"{text!r} is not a size (for example 200M, 1G or 5000000)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def size_text(size: int) -> str:
    """A byte count as people write it: 200 MB, 1.5 GB, 900 bytes."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def read_input(path: str | os.PathLike[str], max_size: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, `-` for standard input, refused when they exceed `max_size`.

    Only regular files and pipes are read: a device such as /dev/zero never ends and a
    socket is not a document.
    """
    name = os.fspath(path)
    if name == STDIN:
        return _read_capped(sys.stdin.buffer, "<stdin>", max_size)
    # Look before opening: opening some devices (a tape, a terminal line) already acts.
    try:
        found = os.stat(name)
        _check_kind(path, found.st_mode, max_size, found.st_size)
        fd = os.open(name, os.O_RDONLY | os.O_NOCTTY)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a document") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    with os.fdopen(fd, "rb", buffering=0) as stream:
        st = os.fstat(fd)  # what was opened, should the name have been replaced meanwhile
        _check_kind(path, st.st_mode, max_size, st.st_size)
        return _read_capped(stream, path, max_size)


def _check_kind(path: object, mode: int, max_size: int, size: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a directory, not a document")
    if stat.S_ISFIFO(mode):
        return
    if not stat.S_ISREG(mode):
        raise InputError(path, f"is {_kind(mode)}, not a regular file")
    if size > max_size:
        raise InputError(path, _too_large(size, max_size))


def _read_capped(stream: BinaryIO | io.RawIOBase, path: object, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = stream.read(min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(path, _too_large(None, limit))
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    return b"".join(chunks)


def _too_large(size: int | None, limit: int) -> str:
    found = f" ({size_text(size)})" if size is not None else ""
    return (
        f"larger than the input limit of {size_text(limit)}{found}; "
        "raise it with --max-size if the file is really a document"
    )


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_size(data: bytes, name: str, max_size: int = MAX_INPUT_BYTES) -> None:
    """InputError when bytes already in memory exceed `max_size`."""
    if len(data) > max_size:
        raise InputError(name, _too_large(len(data), max_size))


def _part_name(name: str) -> str:
    """A member name as one printable line (ZIP names are anyone's choice)."""
    return name.encode("unicode_escape").decode("ascii")[:100]


def check_docx_archive(data: bytes, *, name: str) -> None:
    """Refuse a DOCX whose members would unpack to too much, before any is unpacked.

    Reads only the ZIP central directory (a few kB): a zip bomb is refused in milliseconds.
    An archive that cannot even be listed is left to the DOCX reader, which says "corrupt".
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return
    if len(members) > MAX_DOCX_MEMBERS:
        raise InputError(
            name, f"DOCX archive has {len(members):,} parts (the limit is {MAX_DOCX_MEMBERS:,})"
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > _RATIO_FLOOR and member.file_size > MAX_DOCX_RATIO * max(
            member.compress_size, 1
        ):
            ratio = member.file_size // max(member.compress_size, 1)
            raise InputError(
                name,
                f"DOCX part {_part_name(member.filename)} would unpack {ratio:,} times its size "
                f"to {size_text(member.file_size)} (the limit is {MAX_DOCX_RATIO} times): "
                "a zip bomb?",
            )
    if total > MAX_DOCX_EXPANDED:
        raise InputError(
            name,
            f"DOCX would unpack to {size_text(total)} (the limit is "
            f"{size_text(MAX_DOCX_EXPANDED)}): a zip bomb?",
        )
