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

SYMLINK = "symlink"
NOT_REGULAR = "not-regular"
TOO_LARGE = "too-large"


class UnsafeFile(Exception):
    """A file we refuse to read: ``reason`` is SYMLINK, NOT_REGULAR or TOO_LARGE, and
    ``details`` what the report says about it (the wording is ``rules.catalogue.refusal``'s)."""

    def __init__(self, reason: str, **details: str):
        super().__init__(reason, details)
        self.reason = reason
        self.details = details


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


def _not_regular(mode: int) -> UnsafeFile:
    return UnsafeFile(NOT_REGULAR, kind=_kind(mode))


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
        raise UnsafeFile(SYMLINK)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeFile(SYMLINK) from None
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO on some systems
            raise UnsafeFile(NOT_REGULAR) from None  # of a kind we cannot tell
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode)
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        chunks, left = [], limit + 1  # one byte more than allowed tells a file that grew
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise _too_large(len(data), limit)
        return data
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> UnsafeFile:
    return UnsafeFile(TOO_LARGE, size=human_size(size), limit=human_size(limit))


def unsafe_entries(folder: str | os.PathLike) -> Iterator[tuple[str, UnsafeFile]]:
    """``(path, refusal)`` for every link and every entry that is neither a folder nor
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
                yield path, UnsafeFile(SYMLINK)
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                yield path, _not_regular(mode)
