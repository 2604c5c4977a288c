"""Where an archived text came from, and the proof: the raw snapshot kept beside it.

``factcheck archive`` keeps the page's bytes as ``content/sources/<id>.html.snapshot`` and
records their SHA-256 in the text's front matter. The name ends in neither ``.txt`` (so the
loader does not take it for a source text) nor ``.html`` (so Pelican never reads it as
content). ``factcheck check`` verifies every snapshot against its recorded hash, and the
build publishes it beside the source page for readers to verify too.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from factcheck.base.safe_files import UnsafeFile, read_bytes
from factcheck.rules.problems import Position, Problems
from factcheck.rules.catalogue import FC050, FC051, FC052, FC053, FC054, refusal_message

SNAPSHOT_SUFFIX = ".html.snapshot"
MAX_SNAPSHOT_BYTES = 10 * 1024 * 1024  # the most `factcheck archive` ever fetches


class SnapshotUnreadable(Exception):
    pass


def snapshot_path(text_path: str | Path) -> Path:
    """The snapshot that belongs to a source text: ``<id>.txt`` -> ``<id>.html.snapshot``."""
    path = Path(text_path)
    return path.with_name(path.stem + SNAPSHOT_SUFFIX)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_snapshot(path: str | Path) -> bytes:
    """The snapshot's bytes, read as every other input is (``base.safe_files``): a symbolic link, a
    non-file or an oversized file is refused, so a pull request cannot make the build publish
    a file from elsewhere on the machine."""
    try:
        return read_bytes(str(path), MAX_SNAPSHOT_BYTES)
    except UnsafeFile as exc:
        raise SnapshotUnreadable(refusal_message(exc)) from None
    except OSError as exc:
        raise SnapshotUnreadable(f"cannot be read: {exc.strerror or exc}") from None


def check_snapshot(text_path: str, recorded: str | None, recorded_at: Position | None, problems: Problems) -> str | None:
    """Verify a source's snapshot against the SHA-256 its front matter records.

    Returns the snapshot's path when it is there and matches, else None (with a problem
    reported where there is one to report)."""
    path = snapshot_path(text_path)
    exists = os.path.lexists(path)
    where = recorded_at or Position(text_path)
    if not exists:
        if recorded:
            FC051.report(problems, where, name=path.name)
        return None
    try:
        data = read_snapshot(path)
    except SnapshotUnreadable as exc:
        FC054.report(problems, Position(str(path)), name=path.name, reason=exc)
        return None
    if not recorded:
        FC052.report(problems, Position(text_path), name=path.name, actual=sha256_hex(data))
        return None
    actual = sha256_hex(data)
    if actual != recorded:
        FC050.report(problems, where, name=path.name, actual=actual)
        return None
    return str(path)


def check_orphan_snapshots(directory: str | Path, text_ids: set[str], problems: Problems) -> None:
    """A snapshot with no source text beside it (usually left behind by a rename)."""
    for path in sorted(Path(directory).glob("*" + SNAPSHOT_SUFFIX)):
        source_id = path.name[: -len(SNAPSHOT_SUFFIX)]
        if source_id not in text_ids:
            FC053.report(problems, Position(str(path)), name=path.name, source_id=source_id)


def publish_snapshot(snapshot: str, expected_sha256: str, destination: Path) -> int:
    """Copy a verified snapshot into the built site; returns its size. The copy is re-read
    and re-checked here, not trusted from when the sources were loaded."""
    data = read_snapshot(snapshot)
    if sha256_hex(data) != expected_sha256:
        raise SnapshotUnreadable(f"{snapshot} changed while the site was being built")
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(data)
    return len(data)
