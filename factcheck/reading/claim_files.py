"""Reading claim files into typed, unchecked field values (quotes are placed in their
sources by ``checking.quote_rules``)."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_CLAIM_BYTES
from factcheck.reading.field_table import CLAIM_FIELDS, SLUG_PATTERN
from factcheck.reading.field_values import Record, read_record
from factcheck.reading.markdown_links import check_links
from factcheck.reading.text_files import read_text, report_empty
from factcheck.reading.yaml_nodes import compose
from factcheck.rules.catalogue import FC015, FC032
from factcheck.rules.problems import Position, Problems

EXTENSIONS = (".yaml", ".yml")


def claim_paths(directory: str | Path, problems: Problems | None = None) -> list[str]:
    """Every claim file below ``directory``, in a stable order. (os.walk rather than rglob,
    and strings rather than Path objects: at ten thousand claims, both show.)

    Linked subfolders are not entered; with ``problems``, each is reported."""
    found: list[str] = []
    for folder, subfolders, names in os.walk(directory):
        subfolders.sort()
        if problems is not None:
            for name in subfolders:
                if os.path.islink(os.path.join(folder, name)):
                    FC032.report(problems, Position(os.path.join(folder, name)))
        found.extend(os.path.join(folder, name) for name in names if name.endswith(EXTENSIONS))
    return sorted(found)


def claim_files(directory: str | Path) -> list[Path]:
    return [Path(p) for p in claim_paths(directory)]


def slug_of(path: str | Path) -> str:
    return os.path.splitext(os.path.basename(path))[0]


@dataclass(frozen=True)
class EvidenceFields:
    """One evidence entry as written; a value is None where it is missing or was refused."""

    source: str | None
    quote: str | None
    stance: str | None
    note: str | None
    occurrence: int | None
    position: Position  # of the entry
    positions: Mapping[str, Position]  # of each value written
    ok: bool  # every value given was valid

    @classmethod
    def from_record(cls, record: Record) -> EvidenceFields:
        return cls(**_values(cls, record), position=record.position, positions=MappingProxyType(record.positions), ok=record.ok)


@dataclass(frozen=True)
class UpdateFields:
    date: dt.date | None
    note: str | None
    ok: bool

    @classmethod
    def from_record(cls, record: Record) -> UpdateFields:
        return cls(**_values(cls, record), ok=record.ok)


@dataclass(frozen=True)
class ClaimFields:
    """A claim file's values, each of its own type, before anything outside the file (its
    sources, the verdict scale, other claims) is checked. A value is None, or empty, where
    it is missing or was refused; ``ok`` is false if any was."""

    path: str
    slug: str
    claim: str | None
    claimant: str | None
    claimant_kind: str | None
    appeared_in: str | None
    said_on: dt.date | None
    verdict: str | None
    summary: str | None
    evidence: tuple[EvidenceFields, ...]
    published: dt.date | None
    updates: tuple[UpdateFields, ...]
    tags: tuple[str, ...]
    aliases: tuple[str, ...]
    positions: Mapping[str, Position]  # of each value written
    ok: bool

    @classmethod
    def from_record(cls, record: Record, path: str, slug: str, ok: bool) -> ClaimFields:
        values = _values(cls, record)
        values.update(
            evidence=tuple(EvidenceFields.from_record(r) for r in record.get("evidence", ())),
            updates=tuple(UpdateFields.from_record(r) for r in record.get("updates", ())),
            tags=tuple(record.get("tags", ())), aliases=tuple(record.get("aliases", ())),
        )
        return cls(path=path, slug=slug, **values, positions=MappingProxyType(record.positions), ok=ok)


_NOT_VALUES = {"path", "slug", "position", "positions", "ok"}


@functools.cache  # asked for every record read: dataclasses.fields is slow enough to show
def value_names(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold a value of the file (so must be in its field table)."""
    return tuple(f.name for f in fields(cls) if f.name not in _NOT_VALUES)


def _values(cls: type, record: Record) -> dict[str, Any]:
    values = record.values
    return {name: values.get(name) for name in value_names(cls)}


def read_claim_file(path: str | Path, problems: Problems, data: bytes | None = None) -> ClaimFields | None:
    """Parse and check one claim file on its own (from ``data``, its content, where the caller
    has read it); None if it is not a mapping at all.

    Fields with errors are still returned (``ok`` is false) so that the quotes can be
    checked too and every problem reported in one run.
    """
    path = str(path)
    slug = slug_of(path)
    slug_ok = bool(SLUG_PATTERN.match(slug))
    if not slug_ok:
        FC015.report(problems, Position(path), "claim", name=shown(Path(path).name))
    text = read_text(path, problems, MAX_CLAIM_BYTES, data, kind="claim")
    if text is None:
        return None
    node = compose(text, path, problems)
    if node is None:
        if not _has_error(problems, path):  # no syntax error, so nothing but comments
            report_empty(path, "claim", problems)
        return None
    record = read_record(node, CLAIM_FIELDS, path, problems, what="claim")
    if record is None:
        return None
    check_links(node, CLAIM_FIELDS, text, path, problems)
    return ClaimFields.from_record(record, path, slug, ok=record.ok and slug_ok)


def _has_error(problems: Problems, path: str) -> bool:
    return any(p.position.path == path for p in problems.errors)
