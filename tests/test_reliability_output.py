"""`-o` never destroys what is not a report (issue 11, item 1).

A device or FIFO is written to directly and stays what it was; a symbolic link stays a link
and the file it names gets the report; a socket, a directory or a dangling link is refused.
Devices are made with mknod in a temporary folder (root only): the machine's /dev is never
touched.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.paths import DRAFT
from helpers.reliability import IS_ROOT, cli

from diffdoc.output import OutputError, write_output

# report, compare -o, export -o and history -o all write through the same function; these
# are the command lines, given the output path.
COMMANDS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "report": lambda seed, out: ["report", seed, DRAFT, "-o", out],
    "compare": lambda seed, out: ["compare", seed, DRAFT, "-f", "md", "-o", out],
}


def _device(path: Path, minor: int) -> None:
    """A character device like /dev/null (minor 3) or /dev/full (minor 7), made here."""
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))


needs_root = pytest.mark.skipif(not IS_ROOT, reason="mknod of a device needs root")


@needs_root
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_null_device_stays_a_device(tmp_path: Path, seed_path: Path, command: str) -> None:
    null = tmp_path / "null"
    _device(null, 3)
    outcome = cli(*COMMANDS[command](seed_path, null))
    assert outcome.code in (0, 1), outcome.err
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert os.listdir(tmp_path) == ["null"]  # no temporary file beside it


@needs_root
def test_a_full_device_is_one_line_and_stays_a_device(tmp_path: Path, seed_path: Path) -> None:
    full = tmp_path / "full"
    _device(full, 7)
    cli("report", seed_path, DRAFT, "-o", full).failed_with(
        f"{full}: cannot write: No space left on device"
    )
    assert stat.S_ISCHR(os.lstat(full).st_mode)
    assert os.listdir(tmp_path) == ["full"]


def test_a_fifo_reader_gets_the_whole_report(tmp_path: Path, seed_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read)
    reader.start()
    outcome = cli("compare", seed_path, DRAFT, "-f", "json", "-o", fifo)
    reader.join(timeout=30)
    assert outcome.code == 1, outcome.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].startswith(b"{") and received[0].rstrip().endswith(b"}")
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_socket_is_refused_and_stays_a_socket(tmp_path: Path, seed_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        cli("report", seed_path, DRAFT, "-o", path).failed_with(f"{path}: is a socket")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_a_link_to_a_report_stays_a_link_and_its_file_is_written(
    tmp_path: Path, seed_path: Path
) -> None:
    real = tmp_path / "elsewhere" / "report.html"
    real.parent.mkdir()
    real.write_text("old report")
    real.chmod(0o600)
    link = tmp_path / "link.html"
    link.symlink_to(real)
    outcome = cli("report", seed_path, DRAFT, "-o", link)
    assert outcome.code == 0, outcome.err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # permissions kept
    assert sorted(os.listdir(real.parent)) == ["report.html"]


def test_a_dangling_link_is_refused_and_nothing_is_created(tmp_path: Path, seed_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "missing" / "x.md")
    cli("compare", seed_path, DRAFT, "-f", "md", "-o", link).failed_with(
        f"{link}: is a symbolic link to a missing file"
    )
    assert link.is_symlink() and not (tmp_path / "missing").exists()


@needs_root
def test_a_link_to_a_device_writes_the_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    _device(null, 3)
    link = tmp_path / "out"
    link.symlink_to(null)
    write_output(link, b"report")
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"is a directory$"):
        write_output(tmp_path, b"x")


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old")
    write_output(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["r.txt"]
