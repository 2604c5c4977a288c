"""Tags as topics: every tag a claim uses gets a page, labelled by the topics registry where
it has an entry. Warnings: a tag near another but not the same (FC057), and, when the whole
site is loaded, registry entries that no claim uses (FC058)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from factcheck.base.name_keys import NameIndex
from factcheck.model.claims import Claim, Faceted
from factcheck.model.topics import Topic
from factcheck.reading.registries import tag_label
from factcheck.rules.catalogue import FC057, FC058
from factcheck.rules.problems import Position, Problems, display_path

C = TypeVar("C", bound=Faceted)


def check_tags(claims: Sequence[C], registry: list[Topic], problems: Problems, *,
               registry_path: str | Path, whole_site: bool) -> dict[str, list[C]]:
    """The claims of every tag (registry entries first, each with its claims in the order
    given), with the warnings about tags; reads only a claim's ``Faceted`` fields, so that
    ``factcheck check`` runs it on ``ClaimFacets`` and a build on whole claims."""
    tagged: dict[str, list[C]] = {t.id: [] for t in registry}
    for claim in claims:
        for tag in dict.fromkeys(claim.tags):  # a tag written twice lists the claim once
            tagged.setdefault(tag, []).append(claim)

    index = NameIndex()
    for tag in tagged:
        index.add(tag, tag)
    registered = {t.id for t in registry}
    where = display_path(str(registry_path))
    for tag, their in sorted(tagged.items()):
        if tag in registered:
            continue
        def allowed(other: str, tag: str = tag) -> bool:
            return other in registered or (other != tag and (len(tagged[other]), tag) > (len(tagged[tag]), other))

        near = index.near(tag, allowed)
        if near is None:
            continue
        for claim in their:
            FC057.report(problems, claim.positions.get("tags", Position(claim.path)), subject="tags", tag=tag, near=near, registry=where)
    if whole_site:
        for topic in registry:
            if not tagged[topic.id]:
                FC058.report(problems, topic.position or Position(str(registry_path)), "topic", id=topic.id)
    return tagged


def resolve_topics(claims: Sequence[Claim], registry: list[Topic], problems: Problems, *,
                   registry_path: str | Path, whole_site: bool) -> dict[str, Topic]:
    """Every topic with a claim, by tag, in label order, made once with its claims (newest first)."""
    entries = {t.id: t for t in registry}
    tagged = check_tags(claims, registry, problems, registry_path=registry_path, whole_site=whole_site)
    used = [replace(entries[tag], claims=tuple(their)) if tag in entries else Topic(id=tag, label=tag_label(tag), claims=tuple(their))
            for tag, their in tagged.items() if their]
    used.sort(key=lambda t: (t.label.casefold(), t.id))
    return {t.id: t for t in used}
