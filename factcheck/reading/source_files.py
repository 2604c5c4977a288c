"""Reading archived source files: a YAML front-matter block, then the verbatim text."""

from __future__ import annotations

import re
from pathlib import Path

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_NORMALISING, MAX_SOURCE_BYTES
from factcheck.base.normalized_text import places_to_normalise
from factcheck.model.sources import Source
from factcheck.reading.field_table import SLUG_PATTERN, SOURCE_FIELDS
from factcheck.reading.field_values import read_record, report_missing
from factcheck.reading.snapshots import check_snapshot
from factcheck.reading.text_files import read_text
from factcheck.reading.yaml_nodes import compose
from factcheck.rules.catalogue import FC015, FC018, FC019, FC034, FC036
from factcheck.rules.problems import Position, Problems

_FENCE = "---"
# Control characters a web page cannot show (tab, line ends and form feed are white space).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def source_files(directory: str | Path) -> list[Path]:
    return sorted(Path(directory).glob("*.txt"))


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """A source text's front matter and body, and the index of the line that closes the front
    matter; None where the text does not open with a fence, -1 as the index where none closes it."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE), -1)
    if close < 0:
        return "", text, -1
    return "\n".join(lines[1:close]), "\n".join(lines[close + 1:]), close


def read_source(path: str | Path, problems: Problems) -> Source | None:
    """One source file, or None (with problems reported) if it cannot be used."""
    path = str(path)
    source_id = Path(path).stem
    if not SLUG_PATTERN.match(source_id):
        FC015.report(problems, Position(path), "source", name=shown(Path(path).name))
        return None
    text = read_text(path, problems, MAX_SOURCE_BYTES, kind="source")
    if text is None:
        return None
    parts = split_front_matter(text)
    if parts is None:
        FC018.report(problems, Position(path), "missing")
        return None
    header, body, close = parts
    if close < 0:
        FC018.report(problems, Position(path), "unclosed")
        return None
    errors_before = len(problems.errors)
    node = compose(header, path, problems, line_offset=1)
    if node is None:
        if len(problems.errors) == errors_before:  # no syntax error: the front matter is empty
            report_missing(problems, Position(path, 2, 1), "title", "source front matter")
        return None
    record = read_record(node, SOURCE_FIELDS, path, problems, what="source front matter")
    if not body.strip():
        FC019.report(problems, Position(path, close + 2, 1), "source")
        return None
    control = _CONTROL.search(body)
    if control:
        before = body[: control.start()]
        line = close + 2 + before.count("\n")
        col = control.start() - (before.rfind("\n") + 1) + 1
        FC036.report(problems, Position(path, line, col), "source", character=ord(control[0]))
        return None
    # Each place is at least one character, so a text no longer than the limit is within it
    # without being scanned (scanning 500 ordinary sources takes half a second).
    if len(body) > MAX_NORMALISING and places_to_normalise(body, MAX_NORMALISING) > MAX_NORMALISING:
        FC034.report(problems, Position(path), "normalising", limit=MAX_NORMALISING)
        return None
    if record is None or not record.ok:
        return None
    snapshot = check_snapshot(path, record.get("sha256"), record.positions.get("sha256"), problems)
    return Source(id=source_id, path=path, text=body, snapshot=snapshot, **record.values)
