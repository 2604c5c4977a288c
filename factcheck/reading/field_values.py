"""Reading one YAML mapping against a field table (``field_table``): each value converted
to its kind, with its position, and every problem with it reported (none is fatal)."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

import yaml

from factcheck.base.escaping import shown
from factcheck.reading.field_table import SLUG_PATTERN, STANCES, Field
from factcheck.reading.yaml_nodes import is_null, mapping_items, position
from factcheck.rules.catalogue import FC004, FC005, FC006, FC007, FC010, FC019, FC020, FC021, FC036, FC037, FC039
from factcheck.rules.problems import Position, Problems


@dataclass
class Record:
    """Converted values of one YAML mapping, with the position of every value."""

    values: dict[str, Any]
    positions: dict[str, Position]
    position: Position
    ok: bool = True

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


class _Invalid(enum.Enum):
    """What a converter returns for a value it reported a problem with."""

    INVALID = enum.auto()


_INVALID: Final = _Invalid.INVALID
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Control characters other than tab and line feed: never part of a claim's text.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A tag: its name, then white space, '/' or '>' (so an autolink, <https://…>, is not one).
_HTML = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:[\s/][^>]*)?>")
# An http(s) address with a host, and no white space or control character anywhere.
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f/?#]+(?:[/?#][^\s\x00-\x1f\x7f]*)?\Z")


def _scalar(node: yaml.Node, f: Field, path: str, problems: Problems, *, what: str = "text") -> str | _Invalid:
    if not isinstance(node, yaml.ScalarNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        FC006.report(problems, position(path, node), subject=f.name, field=f.name, what=what, kind=kind)
        return _INVALID
    if is_null(node) or not node.value.strip():
        FC019.report(problems, position(path, node), subject=f.name, field=f.name)
        return _INVALID
    # The YAML reader refuses control characters as typed; only a double-quoted escape
    # ("\0", "\e", "\x1b") can put one in a value.
    if node.style == '"' and (control := CONTROL_CHARACTER.search(node.value)):
        FC036.report(problems, position(path, node), "escape", subject=f.name, character=ord(control[0]), field=f.name)
        return _INVALID
    value: str = node.value
    return value


def _text(node: yaml.Node, f: Field, path: str, problems: Problems) -> str | _Invalid:
    value = _scalar(node, f, path, problems)
    if f.max_length and value is not _INVALID and len(value) > f.max_length:
        FC037.report(problems, position(path, node), "quote" if f.name == "quote" else "", subject=f.name, field=f.name,
                     length=len(value), limit=f.max_length)
        return _INVALID
    return value


def _markdown(node: yaml.Node, f: Field, path: str, problems: Problems) -> str | _Invalid:
    value = _text(node, f, path, problems)
    if value is not _INVALID and _HTML.search(value):
        FC020.report(problems, position(path, node), subject=f.name, field=f.name)
    return value


def _date(node: yaml.Node, f: Field, path: str, problems: Problems) -> dt.date | _Invalid:
    value = _scalar(node, f, path, problems, what="a date")
    if value is _INVALID:
        return value
    if not _DATE.match(value):
        FC007.report(problems, position(path, node), subject=f.name, field=f.name, value=shown(value))
        return _INVALID
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        FC007.report(problems, position(path, node), "impossible", subject=f.name, field=f.name, value=shown(value))
        return _INVALID
    if date > dt.date.today():
        FC021.report(problems, position(path, node), subject=f.name, field=f.name, value=value)
        return _INVALID
    return date


def _stance(node: yaml.Node, f: Field, path: str, problems: Problems) -> str | _Invalid:
    value = _scalar(node, f, path, problems)
    if value is not _INVALID and value not in STANCES:
        FC010.report(problems, position(path, node), subject=f.name, value=shown(value), hint=did_you_mean(value, STANCES), choices=", ".join(STANCES))
        return _INVALID
    return value


def _choice(node: yaml.Node, f: Field, path: str, problems: Problems) -> str | _Invalid:
    value = _scalar(node, f, path, problems)
    if value is not _INVALID and value not in f.examples:
        FC006.report(problems, position(path, node), "choice", subject=f.name, field=f.name, choices=", ".join(f.examples), value=shown(value),
                     hint=did_you_mean(value, f.examples))
        return _INVALID
    return value


def _count(node: yaml.Node, f: Field, path: str, problems: Problems) -> int | _Invalid:
    value = _scalar(node, f, path, problems, what="a whole number")
    if value is _INVALID:
        return value
    if not value.isdigit() or int(value) < 1:
        FC006.report(problems, position(path, node), "count", subject=f.name, field=f.name, value=shown(value))
        return _INVALID
    return int(value)


def _url(node: yaml.Node, f: Field, path: str, problems: Problems) -> str | _Invalid:
    value = _scalar(node, f, path, problems)
    if value is not _INVALID and not _URL.match(value):
        FC006.report(problems, position(path, node), "url", subject=f.name, field=f.name, value=shown(value))
        return _INVALID
    return value


def _sha256(node: yaml.Node, f: Field, path: str, problems: Problems) -> str | _Invalid:
    value = _scalar(node, f, path, problems)
    if value is not _INVALID and not re.fullmatch(r"[0-9a-f]{64}", value):
        FC006.report(problems, position(path, node), "sha256", subject=f.name, field=f.name, value=value)
        return _INVALID
    return value


def _slug_list(node: yaml.Node, f: Field, path: str, problems: Problems) -> list[str] | _Invalid:
    """A list of lowercase-hyphenated names (tags, former slugs)."""
    if not isinstance(node, yaml.SequenceNode):
        FC006.report(problems, position(path, node), "list", subject=f.name, field=f.name, example=f.examples[0][0])
        return _INVALID
    names = []
    for item in node.value:
        value = _scalar(item, f, path, problems)
        if value is _INVALID:
            continue
        if not SLUG_PATTERN.match(value):
            FC006.report(problems, position(path, item), "slug", subject=f.name, field=f.name, value=shown(value))
            continue
        names.append(value)
    return names


def _names(node: yaml.Node, f: Field, path: str, problems: Problems) -> list[str] | _Invalid:
    """A list of one-line texts (other spellings of a name)."""
    if not isinstance(node, yaml.SequenceNode):
        FC006.report(problems, position(path, node), "list", subject=f.name, field=f.name, example=f.examples[0][0] if f.examples else "a name")
        return _INVALID
    names = [_text(item, f, path, problems) for item in node.value]
    valid = [name for name in names if not isinstance(name, _Invalid)]
    return valid if len(valid) == len(names) else _INVALID


def _records(node: yaml.Node, f: Field, path: str, problems: Problems) -> list[Record] | _Invalid:
    if not isinstance(node, yaml.SequenceNode):
        FC006.report(problems, position(path, node), "entries", subject=f.name, field=f.name)
        return _INVALID
    if not node.value:
        FC019.report(problems, position(path, node), "list", subject=f.name, field=f.name)
        return _INVALID
    if f.max_items and len(node.value) > f.max_items:  # refused before any is read: each costs
        extra = node.value[f.max_items]
        FC039.report(problems, position(path, extra), subject=f.name, field=f.name, count=len(node.value), limit=f.max_items)
        return _INVALID
    records = [read_record(item, f.item_fields, path, problems, what=f"{f.name} entry") for item in node.value]
    return [r for r in records if r is not None]


CONVERTERS: dict[str, Callable[[yaml.Node, Field, str, Problems], Any]] = {
    "text": _text,
    "id": _text,
    "verdict": _text,  # checked against the site's scale once it is known
    "markdown": _markdown,
    "date": _date,
    "stance": _stance,
    "choice": _choice,
    "count": _count,
    "url": _url,
    "sha256": _sha256,
    "tags": _slug_list,
    "slugs": _slug_list,
    "names": _names,
    "records": _records,
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    if len(word) > 100:  # nothing that long is a typo of a name, and comparing it costs
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def report_missing(problems: Problems, position: Position, name: str, what: str) -> None:
    """A required field that is not there (``what``: where it was looked for)."""
    FC005.report(problems, position, subject=name, field=name, what=what)


_BY_NAME: dict[int, tuple[tuple[Field, ...], dict[str, Field]]] = {}


def _by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    """A field table by name, made once per table (by identity: hashing a table costs as
    much as making the dict)."""
    found = _BY_NAME.get(id(fields))
    if found is None or found[0] is not fields:
        found = _BY_NAME[id(fields)] = (fields, {f.name: f for f in fields})
    return found[1]


def read_record(node: yaml.Node, fields: tuple[Field, ...], path: str, problems: Problems, *, what: str) -> Record | None:
    """Convert a mapping node field by field; every problem is reported, none is fatal."""
    if not isinstance(node, yaml.MappingNode):
        FC006.report(problems, position(path, node), "mapping", what=what)
        return None
    known = _by_name(fields)
    items = mapping_items(node, path, problems)
    record = Record({}, {}, position(path, node))
    for name, (key, value) in items.items():
        f = known.get(name)
        if f is None:
            hint = did_you_mean(name, known) or f"; the fields of a {what} are: {', '.join(known)}"
            FC004.report(problems, position(path, key), subject=name, name=shown(name), what=what, hint=hint)
            record.ok = False
            continue
        record.positions[name] = position(path, value)
        if not f.required and is_null(value):
            continue  # an optional field left blank is simply absent
        converted = CONVERTERS[f.kind](value, f, path, problems)
        if converted is _INVALID:
            record.ok = False
        else:
            record.values[name] = converted
    for f in fields:
        if f.required and f.name not in items:
            report_missing(problems, record.position, f.name, what)
            record.ok = False
    return record
