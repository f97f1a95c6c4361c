"""Writing a report to the file `-o` names, without ever destroying what is not a report.

A regular file is replaced atomically (a temporary file beside it, flushed, renamed over it), so
a failed write leaves the old file whole. Anything else that already exists is treated as `>`
treats it, never replaced:

- a character or block device, or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is
  written to directly; no temporary file is made beside it;
- a symbolic link is followed: the file it points to is written (atomically, if regular) and
  the link stays a link; a link to nothing is refused rather than guessed at;
- a socket or a directory is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from diffdoc.corpus import safeio
from diffdoc.errors import DiffdocError
from diffdoc.paths import shown


class OutputError(DiffdocError):
    """The report cannot be written where `-o` says."""


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path`: atomically for a regular file, directly to a device or FIFO."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        _replace_regular(path, data, None)
        return
    except OSError as error:
        raise OutputError(f"{shown(path)}: cannot write: {error.strerror}") from None
    if stat.S_ISLNK(st.st_mode):
        target = Path(os.path.realpath(path))
        try:
            st = os.stat(target)
        except FileNotFoundError:
            raise OutputError(
                f"{shown(path)}: is a symbolic link to a missing file ({shown(target)}); "
                "give that path, or remove the link"
            ) from None
        except OSError as error:
            raise OutputError(f"{shown(path)}: cannot write: {error.strerror}") from None
        path = target
    if stat.S_ISREG(st.st_mode):
        _replace_regular(path, data, st)
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        _write_in_place(path, data)
    elif stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown(path)}: is a directory")
    else:
        kind = "a socket" if stat.S_ISSOCK(st.st_mode) else "not a file, device or pipe"
        raise OutputError(f"{shown(path)}: is {kind}; a report cannot be written there")


def _replace_regular(path: Path, data: bytes, old: os.stat_result | None) -> None:
    """Temporary file beside `path`, then rename: keeps the old file's permissions and owner."""
    temp = safeio.temp_name(path.parent, path.name + ".")
    try:
        safeio.write_file_synced(temp, data)
        if old is not None:
            os.chmod(temp, stat.S_IMODE(old.st_mode))
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(temp, old.st_uid, old.st_gid)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"{shown(path)}: cannot write: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    with contextlib.suppress(OSError):  # the data is written; only the folder flush failed
        safeio.fsync_dir(path.parent)


def _write_in_place(path: Path, data: bytes) -> None:
    """Write to a device or FIFO as `> path` does: open without creating, write, close."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NOFOLLOW)
    except OSError as error:
        raise OutputError(f"{shown(path)}: cannot write: {error.strerror}") from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a regular file meanwhile
            os.close(fd)
            fd = -1
            _replace_regular(path, data, os.stat(path))
            return
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as error:
        raise OutputError(f"{shown(path)}: cannot write: {error.strerror}") from None
    finally:
        if fd >= 0:
            os.close(fd)
