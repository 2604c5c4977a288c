"""A whole site as loaded and checked: what every page and machine-readable file is made from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from factcheck.model.claims import Citation, Claim
from factcheck.model.people import Person
from factcheck.model.sources import Source
from factcheck.model.topics import Topic
from factcheck.model.verdicts import Verdict
from factcheck.rules.problems import Problem


def _none() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Site:
    sources: Mapping[str, Source]  # in file-name order
    claims: tuple[Claim, ...]  # newest first
    verdicts: tuple[Verdict, ...]
    warnings: tuple[Problem, ...] = ()
    people: Mapping[str, Person] = field(default_factory=_none)  # every claimant, by page slug, in name order
    topics: Mapping[str, Topic] = field(default_factory=_none)  # every tag in use, in label order
    person_of: Mapping[str, Person] = field(default_factory=_none)  # each claim's claimant, by claim slug
    citations: Mapping[str, tuple[Citation, ...]] = field(default_factory=_none, repr=False)  # by source id, every source
    people_path: str | Path | None = None  # the registries it was loaded with
    topics_path: str | Path | None = None

    def claims_with_verdict(self, verdict_id: str) -> list[Claim]:
        return [c for c in self.claims if c.verdict.id == verdict_id]


def cite(sources: Mapping[str, Source], claims: tuple[Claim, ...] | list[Claim]) -> Mapping[str, tuple[Citation, ...]]:
    """Each source's citations: every evidence item that quotes it, claim by claim."""
    found: dict[str, list[Citation]] = {source_id: [] for source_id in sources}
    for claim in claims:
        for item in claim.evidence:
            found[item.source].append(Citation(claim, item))
    return MappingProxyType({source_id: tuple(items) for source_id, items in found.items()})
