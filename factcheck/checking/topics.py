"""Tags as topics: every tag a claim uses gets a page, labelled by the topics registry where
it has an entry. Warnings: a tag near another but not the same (FC057), and, when the whole
site is loaded, registry entries that no claim uses (FC058)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from factcheck.base.name_keys import NameIndex
from factcheck.model.records import Claim, Topic
from factcheck.reading.registries import tag_label
from factcheck.rules.problems import Position, Problems, display_path


def resolve_topics(claims: list[Claim], registry: list[Topic], problems: Problems, *,
                   registry_path: str | Path, whole_site: bool) -> dict[str, Topic]:
    """Every topic with a claim, by tag, in label order; each lists its claims newest first."""
    topics = {t.id: t for t in registry}
    uses: Counter = Counter()
    first_use: dict[str, Claim] = {}
    for claim in claims:
        for tag in dict.fromkeys(claim.tags):  # a tag written twice lists the claim once
            topic = topics.get(tag)
            if topic is None:
                topic = topics[tag] = Topic(id=tag, label=tag_label(tag))
            topic.claims.append(claim)
            uses[tag] += 1
            first_use.setdefault(tag, claim)

    index = NameIndex()
    for tag in topics:
        index.add(tag, tag)
    registered = {t.id for t in registry}
    where = display_path(str(registry_path))
    for tag, topic in sorted(topics.items()):
        if topic.registered:
            continue
        near = index.near(tag, lambda other: other in registered or other != tag and (uses[other], tag) > (uses[tag], other))
        if near is None:
            continue
        for claim in topic.claims:
            problems.warning(claim.positions.get("tags", Position(claim.path)), "FC057",
                             f"tag '{tag}' is near '{near}' but not the same, so it gets a page of its own (did you mean '{near}'?); "
                             f"write the tag the same way, or list it in {where} if it is a topic of its own")
    if whole_site:
        for topic in registry:
            if not topic.claims:
                problems.warning(topic.position or Position(str(registry_path)), "FC058",
                                 f"topic '{topic.id}' is used by no claim, so it gets no page; check it against the claims' 'tags', or remove the entry")
    used = sorted((t for t in topics.values() if t.claims), key=lambda t: (t.label.casefold(), t.id))
    return {t.id: t for t in used}
