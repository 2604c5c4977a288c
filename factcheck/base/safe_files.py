"""Reading files a stranger may have sent: regular files only, never through a link, never
more than a set number of bytes.

A pull request can commit a symbolic link (to a secret elsewhere on the build machine, or to
``/dev/zero``), and a local checkout can hold a FIFO, which blocks whoever opens it. Files
are opened without following a final link and without blocking, then checked on the open
descriptor, so what is checked is what is read.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Iterator

# Open flags: no link followed, no wait for a FIFO's writer, no descriptor leaked to children.
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)

SYMLINK = "FC032"
NOT_REGULAR = "FC033"
TOO_LARGE = "FC034"


class UnsafeFile(Exception):
    """A file we refuse to read; ``code`` is its problem code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def symlink_message() -> str:
    return "is a symbolic link; links are not read (they can point anywhere on the machine that builds the site): commit the file itself"


def not_regular_message(mode: int) -> str:
    return f"is {_kind(mode)}, not a regular file; only regular files are read"


def human_size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.0f} kB"
    return f"{size} bytes"


def read_bytes(path: str, limit: int) -> bytes:
    """A regular file's bytes, read through no link and at most ``limit`` of them.

    Raises ``UnsafeFile`` for a link, anything but a regular file, or a file over the
    limit; ``OSError`` for any other failure to read.
    """
    if not hasattr(os, "O_NOFOLLOW") and os.path.islink(path):  # (systems without O_NOFOLLOW)
        raise UnsafeFile(SYMLINK, symlink_message())
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeFile(SYMLINK, symlink_message()) from None
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO on some systems
            raise UnsafeFile(NOT_REGULAR, "is not a regular file; only regular files are read") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(NOT_REGULAR, not_regular_message(info.st_mode))
        if info.st_size > limit:
            raise UnsafeFile(TOO_LARGE, _too_large(info.st_size, limit))
        chunks, left = [], limit + 1  # one byte more than allowed tells a file that grew
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise UnsafeFile(TOO_LARGE, _too_large(len(data), limit))
        return data
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return f"file is {human_size(size)}, over the limit of {human_size(limit)} for this kind of file"


def unsafe_entries(folder: str | os.PathLike) -> Iterator[tuple[str, str, str]]:
    """``(path, code, message)`` for every link and every entry that is neither a folder nor
    a regular file below ``folder`` (which itself may be a link: it is the configured one)."""
    for here, subfolders, names in os.walk(folder):  # (never into a linked subfolder)
        subfolders.sort()
        for name in sorted(subfolders + names):
            path = os.path.join(here, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue  # gone while we looked
            if stat.S_ISLNK(mode):
                yield path, SYMLINK, symlink_message()
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                yield path, NOT_REGULAR, not_regular_message(mode)
