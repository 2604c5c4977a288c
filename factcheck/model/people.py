"""A claimant's page, as the rest of the package sees it."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.model.claims import Claim
from factcheck.rules.problems import Position


@dataclass(frozen=True, eq=False)
class Person:
    """A claimant's page: an entry of the people registry, or a claimant written only as
    free text in claim files (``registered`` false)."""

    id: str  # the page's slug
    name: str
    type: str = "Person"  # schema.org: Person or Organization
    role: str | None = None  # as it reads after the name: "national security adviser"
    description: str | None = None  # Markdown, one or two sentences
    aliases: tuple[str, ...] = ()
    registered: bool = False
    position: Position | None = None  # of the registry entry
    claims: tuple[Claim, ...] = field(default=(), repr=False)  # newest first; none until resolved
