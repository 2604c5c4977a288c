"""A tag's page, as the rest of the package sees it."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.model.claims import Claim
from factcheck.rules.problems import Position


@dataclass(frozen=True, eq=False)
class Topic:
    """A tag's page; the topics registry may give it a label and a description."""

    id: str  # the tag, and the page's slug
    label: str
    description: str | None = None
    registered: bool = False
    position: Position | None = None
    claims: tuple[Claim, ...] = field(default=(), repr=False)  # newest first; none until resolved
