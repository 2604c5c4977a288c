"""Reading claim files into unresolved claims (quotes are matched by ``checking.load_site``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_CLAIM_BYTES
from factcheck.base.safe_files import SYMLINK, symlink_message
from factcheck.reading.field_table import CLAIM_FIELDS, SLUG_PATTERN, Record, read_record
from factcheck.reading.markdown_links import check_links
from factcheck.reading.text_files import read_text
from factcheck.reading.yaml_nodes import compose
from factcheck.rules.problems import Position, Problems

EXTENSIONS = (".yaml", ".yml")


def claim_paths(directory: str | Path, problems: Problems | None = None) -> list[str]:
    """Every claim file below ``directory``, in a stable order. (os.walk rather than rglob,
    and strings rather than Path objects: at ten thousand claims, both show.)

    Linked subfolders are not entered; with ``problems``, each is reported."""
    found = []
    for folder, subfolders, names in os.walk(directory):
        subfolders.sort()
        if problems is not None:
            for name in subfolders:
                if os.path.islink(os.path.join(folder, name)):
                    problems.error(Position(os.path.join(folder, name)), SYMLINK, symlink_message())
        found.extend(os.path.join(folder, name) for name in names if name.endswith(EXTENSIONS))
    return sorted(found)


def claim_files(directory: str | Path) -> list[Path]:
    return [Path(p) for p in claim_paths(directory)]


def slug_of(path: str | Path) -> str:
    return os.path.splitext(os.path.basename(path))[0]


@dataclass
class ClaimFile:
    path: str
    slug: str
    record: Record


def read_claim_file(path: str | Path, problems: Problems, data: bytes | None = None) -> ClaimFile | None:
    """Parse and check one claim file on its own (from ``data``, its content, where the caller
    has read it); None if it is not a mapping at all.

    A record with errors is still returned (``record.ok`` is false) so that its quotes can
    be checked too and every problem reported in one run.
    """
    path = str(path)
    slug = slug_of(path)
    slug_ok = bool(SLUG_PATTERN.match(slug))
    if not slug_ok:
        problems.error(Position(path), "FC015", f"file name '{shown(Path(path).name)}' must be lowercase words joined by hyphens, ending in .yaml (it becomes the page's URL)")
    text = read_text(path, problems, MAX_CLAIM_BYTES, data)
    if text is None:
        return None
    node = compose(text, path, problems)
    if node is None:
        if not _has_error(problems, path):  # no syntax error, so nothing but comments
            problems.error(Position(path), "FC002", "claim file is empty: it needs at least claim, claimant, verdict, summary, evidence and published")
        return None
    record = read_record(node, CLAIM_FIELDS, path, problems, what="claim")
    if record is None:
        return None
    check_links(node, CLAIM_FIELDS, text, path, problems)
    record.ok = record.ok and slug_ok
    return ClaimFile(path, slug, record)


def _has_error(problems: Problems, path: str) -> bool:
    return any(p.position.path == path for p in problems.errors)
