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
        raise SnapshotUnreadable(exc.message) from None
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
            problems.error(where, "FC051", f"'sha256' is recorded but the snapshot {path.name} is missing; "
                                           "add the snapshot the hash was made from, or remove 'sha256'")
        return None
    try:
        data = read_snapshot(path)
    except SnapshotUnreadable as exc:
        problems.error(Position(str(path)), "FC054", f"snapshot {path.name} {exc}")
        return None
    if not recorded:
        problems.error(Position(text_path), "FC052", f"{path.name} is kept beside this text but its front matter records no "
                                                     f"'sha256'; add sha256: {sha256_hex(data)} if this is the page the text was taken from")
        return None
    actual = sha256_hex(data)
    if actual != recorded:
        problems.error(where, "FC050", f"snapshot {path.name} does not match the recorded sha256 (it hashes to {actual}); "
                                       "the snapshot or the hash was changed after archiving: archive the page again")
        return None
    return str(path)


def check_orphan_snapshots(directory: str | Path, text_ids: set[str], problems: Problems) -> None:
    """A snapshot with no source text beside it (usually left behind by a rename)."""
    for path in sorted(Path(directory).glob("*" + SNAPSHOT_SUFFIX)):
        source_id = path.name[: -len(SNAPSHOT_SUFFIX)]
        if source_id not in text_ids:
            problems.error(Position(str(path)), "FC053", f"snapshot {path.name} has no source text {source_id}.txt beside it; "
                                                         "rename it with its text, or delete it")


def publish_snapshot(snapshot: str, expected_sha256: str, destination: Path) -> int:
    """Copy a verified snapshot into the built site; returns its size. The copy is re-read
    and re-checked here, not trusted from when the sources were loaded."""
    data = read_snapshot(snapshot)
    if sha256_hex(data) != expected_sha256:
        raise SnapshotUnreadable(f"{snapshot} changed while the site was being built")
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(data)
    return len(data)
