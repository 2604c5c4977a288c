"""The folder a build writes into, beside the output, and what killed builds left there.

A build writes into ``.<output>-new-*`` and swaps it in through ``.<output>-old-*``. A build
killed halfway leaves these behind (the old one a whole site), so each build removes those
of earlier builds. A build holds a lock on its own staging folder while it runs, so two
builds at once never remove each other's work.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # (not on Windows: there, stale folders are left for `make clean`)
    fcntl = None  # type: ignore[assignment]

from factcheck.rules.problems import display_path


def _prefixes(output: Path) -> tuple[str, str]:
    return f".{output.name}-new-", f".{output.name}-old-"


def _lock(folder: Path, *, wait: bool) -> int | None:
    """An open descriptor holding an exclusive lock on ``folder``, or None if another holds it."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    if fcntl is None:
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        os.close(fd)
        return None
    return fd


def remove_tree(path: Path) -> None:
    """Remove a folder, also where a read-only subfolder would stop ``shutil.rmtree``."""
    def allow_and_retry(function, name, _exc_info) -> None:
        parent = os.path.dirname(name)
        try:
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
            function(name)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=allow_and_retry)
    else:
        shutil.rmtree(path, onerror=allow_and_retry)


def remove_stale(output: Path, keep: Path | None = None) -> list[Path]:
    """Remove staging and swapped-out folders that no running build holds; return them."""
    removed = []
    try:
        entries = list(os.scandir(output.parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(_prefixes(output)) or not entry.is_dir(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if keep is not None and path == keep:
            continue
        try:
            fd = _lock(path, wait=False)
        except OSError:
            continue
        if fd is None:
            continue  # another build is writing into it
        try:
            remove_tree(path)
            removed.append(path)
        finally:
            os.close(fd)
    return removed


@contextmanager
def staging_folder(output: Path) -> Iterator[Path]:
    """A new, locked staging folder beside ``output``, removed afterwards whatever happens;
    stale folders of killed builds are removed first. Raises OSError if it cannot be made."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_prefixes(output)[0], dir=output.parent))
    except OSError as exc:  # named by the folder asked for, not by a random staging name
        raise OSError(exc.errno, exc.strerror, str(output.parent)) from exc
    try:
        fd = _lock(staging, wait=True)
    except OSError:
        remove_tree(staging)
        raise
    try:
        remove_stale(output, keep=staging)
        yield staging
    finally:
        if staging.exists():
            remove_tree(staging)
        if fd is not None:
            os.close(fd)


def describe_os_error(exc: OSError, near: Path) -> str:
    """One line naming the real cause: a full disk, a read-only file system, a refused write."""
    written = exc.filename2 or exc.filename  # (for a copy, the first name is what was read)
    where = display_path(written) if isinstance(written, str) else display_path(str(near))
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        writing = f" while writing {where}" if where != display_path(str(near)) else ""
        return f"the disk is full (no space left on the device that holds {display_path(str(near))}){writing}"
    if exc.errno == errno.EROFS:
        return f"cannot write {where}: the file system is read-only"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"cannot write in {where}: it is not a folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot write {where}: permission denied"
    return f"cannot write {where}: {exc.strerror or exc}"


def disk_full(folder: Path, margin: int = 1 << 20) -> bool:
    """Whether the disk that holds ``folder`` has (almost) no space left: tools that fail on a
    full disk do not always say so (a truncated file is read back as bad JSON)."""
    try:
        return shutil.disk_usage(folder).free < margin
    except OSError:
        return False
