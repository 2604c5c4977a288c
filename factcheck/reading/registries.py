"""The optional registries: ``content/people.yaml`` and ``content/topics.yaml``.

Each is a YAML list of entries, checked field by field like a claim file. A claim names its
claimant as free text; the people registry gives that text a stable id, a display name, a
role, a type and other spellings (``aliases``). The topics registry gives tags a label and a
description. Neither file is required: without them, every claimant and tag still gets a page.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_REGISTRY_BYTES
from factcheck.base.name_keys import name_key
from factcheck.model.people import Person
from factcheck.model.topics import Topic
from factcheck.reading.field_table import SLUG_PATTERN, Field
from factcheck.reading.field_values import Record, read_record
from factcheck.reading.text_files import read_text
from factcheck.reading.yaml_nodes import compose, position
from factcheck.rules.catalogue import FC006, FC056
from factcheck.rules.problems import Position, Problems

PERSON_TYPES = ("Person", "Organization")

PERSON_FIELDS = (
    Field("id", "id", True, "Id", "The person's page address, people/<id>/: lowercase words joined by hyphens.", ("jane-doe",)),
    Field("name", "text", True, "Name", "The name as pages show it, without a role.", ("Jane Doe",), max_length=MAX_NAME_CHARS),
    Field("type", "choice", False, "Type", "Person (the default) or Organization; an anonymous group of officials is an Organization.", PERSON_TYPES),
    Field("role", "text", False, "Role", "What the person was when the claims were made, as it reads after the name.", ("chair of the city council",), max_length=MAX_NAME_CHARS),
    Field("description", "markdown", False, "Description", "One or two sentences about who this is (Markdown, no HTML).", (), max_length=MAX_NOTE_CHARS),
    Field("aliases", "names", False, "Aliases", "Other spellings of the name that claim files use; they land on this page.", (["J. Doe"],), max_length=MAX_NAME_CHARS),
)

TOPIC_FIELDS = (
    Field("id", "id", True, "Id", "The tag, as claim files write it under 'tags'.", ("budget",)),
    Field("label", "text", False, "Label", "The topic's name on pages (default: the tag, in words).", ("The city budget",), max_length=MAX_NAME_CHARS),
    Field("description", "markdown", False, "Description", "One line about what the topic covers (Markdown, no HTML).", (), max_length=MAX_NOTE_CHARS),
)


def _entries(path: Path, fields: tuple[Field, ...], problems: Problems, what: str) -> list[tuple[Record, dict[str, list[Position]]]]:
    """The checked records of a registry file; a missing file has none."""
    if not path.is_file():
        return []
    name = str(path)
    text = read_text(name, problems, MAX_REGISTRY_BYTES)
    if text is None:
        return []
    node = compose(text, name, problems)
    if node is None:
        return []  # empty, or only comments; syntax errors are reported by compose
    if not isinstance(node, yaml.SequenceNode):
        FC006.report(problems, position(name, node), "registry", file=path.name)
        return []
    records: list[tuple[Record, dict[str, list[Position]]]] = []
    for item in node.value:
        record = read_record(item, fields, name, problems, what=what)
        if record is None or not record.ok:
            continue
        if not SLUG_PATTERN.match(record.get("id")):
            FC006.report(problems, record.positions["id"], "registry-id", subject="id", example=fields[0].examples[0], value=shown(record.get("id")))
            continue
        records.append((record, _list_positions(item, name)))
    return records


def _list_positions(node: yaml.MappingNode, path: str) -> dict[str, list[Position]]:
    """Where each item of the entry's lists is, so a message can point at one alias."""
    return {key.value: [position(path, item) for item in value.value]
            for key, value in node.value if isinstance(value, yaml.SequenceNode)}


def read_people(path: str | Path | None, problems: Problems) -> list[Person]:
    people: list[Person] = []
    seen: dict[str, Person] = {}  # name key -> entry, so no name belongs to two entries
    for record, items in _entries(Path(path), PERSON_FIELDS, problems, "person entry") if path else []:
        person = Person(
            id=record.get("id"), name=record.get("name"), type=record.get("type", "Person"), role=record.get("role"),
            description=record.get("description"), aliases=tuple(record.get("aliases", [])), registered=True,
            position=record.position,
        )
        clash = False
        for label, value, where in [("id", person.id, record.positions["id"]), ("name", person.name, record.positions["name"]),
                                    *(("alias", alias, at) for alias, at in zip(person.aliases, items.get("aliases", []), strict=False))]:
            other = seen.get(name_key(value))
            if other is not None and other is not person:
                FC056.report(problems, where, subject=label, label=label, value=shown(value), other=other.id, line=getattr(other.position, "line", "?"))
                clash = True
            seen.setdefault(name_key(value), person)
        if not clash:
            people.append(person)
    return people


def read_topics(path: str | Path | None, problems: Problems) -> list[Topic]:
    topics: dict[str, Topic] = {}
    for record, _ in _entries(Path(path), TOPIC_FIELDS, problems, "topic entry") if path else []:
        tag = record.get("id")
        if tag in topics:
            FC056.report(problems, record.positions["id"], "topic", subject="id", tag=tag, line=getattr(topics[tag].position, "line", "?"))
            continue
        topics[tag] = Topic(id=tag, label=record.get("label") or tag_label(tag), description=record.get("description"),
                            registered=True, position=record.position)
    return list(topics.values())


def tag_label(tag: str) -> str:
    """A tag in words, for topics the registry does not name: sources-and-methods → Sources and methods."""
    words = tag.replace("-", " ")
    return words[:1].upper() + words[1:]

