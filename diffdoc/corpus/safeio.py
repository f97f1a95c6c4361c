"""Crash-safe writing: temporary file, fsync, rename, fsync the folder; one writer at a time.

Every change to a corpus becomes visible through a single `os.replace` of a file or folder that
was completely written and flushed beforehand, so a writer killed at any moment leaves either the
old state or the new one, plus at most some `.tmp-*` leftovers that readers ignore.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import shutil
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diffdoc.errors import CorpusError

TEMP_PREFIX = ".tmp-"
# Tests set this to the name of a checkpoint to have the process killed there (SIGKILL).
CRASH_ENV = "DIFFDOC_CRASH_AT"


_CRASH_ALSO: list[int] = []


def checkpoint(name: str) -> None:
    """Die here, as if the power failed, when DIFFDOC_CRASH_AT names this checkpoint."""
    if os.environ.get(CRASH_ENV) == name:
        for pid in _CRASH_ALSO:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)


def crash_with_parent() -> None:
    """In a helper process that writes for another (bulk import's writer): a checkpoint that
    fires kills that process too, as a power failure would."""
    if os.environ.get(CRASH_ENV) and os.getppid() not in _CRASH_ALSO:
        _CRASH_ALSO.append(os.getppid())


def temp_name(folder: Path, hint: str = "") -> Path:
    """A fresh temporary path inside `folder` that readers and verify know to skip."""
    return folder / f"{TEMP_PREFIX}{hint}{secrets.token_hex(6)}"


def is_temp(name: str) -> bool:
    """True for the name of a temporary file or folder left by an unfinished write."""
    return name.startswith(TEMP_PREFIX)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (new, renamed or removed names) to disk."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file_synced(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` (which must not exist) with `data`, flushed to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace `path` with `data` so that readers see the old content or the new, never a mix."""
    temp = temp_name(path.parent, path.name + ".")
    try:
        write_file_synced(temp, data, mode)
        checkpoint("atomic-write-before-rename")
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def refuse_links(root: Path, path: Path) -> None:
    """CorpusError when `path`, or a folder between `root` and it, is a symbolic link.

    A corpus holds no links: writing, renaming or deleting through one would change files of
    another corpus or anywhere else on the machine. `root` itself may be a link.
    """
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                raise CorpusError(
                    f"{current}: is a symbolic link; diffdoc never writes through one "
                    "(replace it with the real folder or file, see `diffdoc verify`)"
                )
        except (FileNotFoundError, NotADirectoryError):
            return  # nothing there yet (or a file in the way): nothing behind a link


def remove_tree(path: Path) -> None:
    """Remove a file or folder tree (used for temporary leftovers and removed versions)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def locked(lock_path: Path, *, exclusive: bool = True) -> Iterator[None]:
    """Hold an flock on `lock_path`: exclusive for writers, shared for verify.

    The kernel drops the lock when the process dies, so a killed writer never blocks others.
    A shared lock needs no write access: on a corpus that cannot be written (read-only media,
    a checkout the user may not write to) the lock file is opened for reading, and when there
    is none to open, verify goes without (no writer can be at work where none can write).
    """
    try:
        fd: int | None = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CorpusError(
                f"{lock_path}: is a symbolic link; diffdoc never writes through one"
            ) from None
        if exclusive or error.errno not in _READ_ONLY_ERRORS:
            raise CorpusError(
                f"{lock_path}: cannot open the lock file ({error.strerror})"
            ) from None
        fd = _open_for_shared_lock(lock_path)
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        if fd is not None:
            os.close(fd)


_READ_ONLY_ERRORS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def _open_for_shared_lock(lock_path: Path) -> int | None:
    try:
        return os.open(lock_path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CorpusError(
                f"{lock_path}: is a symbolic link; diffdoc never writes through one"
            ) from None
        if error.errno in _READ_ONLY_ERRORS:
            return None
        raise CorpusError(f"{lock_path}: cannot open the lock file ({error.strerror})") from None
