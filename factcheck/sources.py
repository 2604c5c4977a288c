"""Reading archived source files: a YAML front-matter block, then the verbatim text."""

from __future__ import annotations

from pathlib import Path

from .fields import SLUG_PATTERN, SOURCE_FIELDS, read_record
from .model import Source
from .problems import Position, Problems
from .provenance import check_snapshot
from .textfile import read_text
from .yamlnodes import compose

_FENCE = "---"


def source_files(directory: str | Path) -> list[Path]:
    return sorted(Path(directory).glob("*.txt"))


def read_source(path: str | Path, problems: Problems) -> Source | None:
    """One source file, or None (with problems reported) if it cannot be used."""
    path = str(path)
    source_id = Path(path).stem
    if not SLUG_PATTERN.match(source_id):
        problems.error(Position(path), "FC015", f"source file name '{Path(path).name}' must be lowercase words joined by hyphens, ending in .txt")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.error(Position(path), "FC002", "source file is empty: it needs a '---' line, title: …, another '---' line, then the archived text")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        problems.error(Position(path), "FC018", "a source file starts with a '---' line, then title and other fields, then '---' and the text")
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE)
    except StopIteration:
        problems.error(Position(path), "FC018", "the front matter opened on line 1 is never closed with a '---' line")
        return None
    header = "\n".join(lines[1:close])
    errors_before = len(problems.errors)
    node = compose(header, path, problems, line_offset=1)
    if node is None:
        if len(problems.errors) == errors_before:  # no syntax error: the front matter is empty
            problems.error(Position(path, 2, 1), "FC005", "missing required field 'title' in source front matter")
        return None
    record = read_record(node, SOURCE_FIELDS, path, problems, what="source front matter")
    body = "\n".join(lines[close + 1:])
    if not body.strip():
        problems.error(Position(path, close + 2, 1), "FC019", "the source has no text after its front matter; paste the archived text below the closing '---' line")
        return None
    if record is None or not record.ok:
        return None
    snapshot = check_snapshot(path, record.get("sha256"), record.positions.get("sha256"), problems)
    return Source(id=source_id, path=path, text=body, snapshot=snapshot, **record.values)
