"""A checked claim and its evidence, as the rest of the package sees them.

Every record is frozen and made once, complete: an evidence item exists only once its quote
has been found in its source, and a claim only once all of its evidence has. What links
a claim to others after loading (its claimant as a person, the sources it cites) is kept on
the ``Site``, not written into it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from factcheck.model.stances import STANCE_IDS, Stance
from factcheck.model.verdicts import Verdict
from factcheck.rules.problems import Position


@dataclass(frozen=True)
class Evidence:
    """An evidence item whose quote has been found: ``spans`` and ``paragraph`` say where."""

    source: str
    quote: str
    stance: Stance
    position: Position  # of the quote, for messages
    spans: tuple[tuple[int, int], ...]  # in the source's original text
    paragraph: int
    note: str | None = None
    occurrence: int | None = None
    number: int = 0  # 1-based within its claim

    @property
    def anchor(self) -> str:
        return f"evidence-{self.number}"

    @property
    def mark_ids(self) -> list[str]:
        return [mark_id(span) for span in self.spans]


def mark_id(span: tuple[int, int]) -> str:
    """A quoted span's id on its source page; offsets keep it stable across builds."""
    return f"q-{span[0]}-{span[1]}"


@dataclass(frozen=True)
class Update:
    date: dt.date
    note: str


@dataclass(frozen=True)
class Claim:
    """A checked claim: every quote found. Its claimant's person is ``Site.person_of``'s."""

    slug: str
    path: str
    claim: str
    claimant: str
    verdict: Verdict
    summary: str
    evidence: tuple[Evidence, ...]
    published: dt.date
    appeared_in: str | None = None
    said_on: dt.date | None = None
    claimant_kind: str = "person"
    updates: tuple[Update, ...] = ()  # newest first
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # former slugs, redirected here
    aliases_position: Position | None = None  # for messages about them
    positions: dict[str, Position] = field(default_factory=dict, repr=False)  # of some fields, for messages

    @property
    def modified(self) -> dt.date:
        return max([self.published, *(u.date for u in self.updates)])

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.evidence))

    def evidence_by_stance(self) -> dict[Stance, list[Evidence]]:
        groups: dict[Stance, list[Evidence]] = {stance: [] for stance in STANCE_IDS}  # in the table's order
        for item in self.evidence:
            groups[item.stance].append(item)
        return groups

    def facets(self) -> ClaimFacets:
        return ClaimFacets(self.slug, self.path, self.published, self.claimant, self.claimant_kind, self.tags, self.positions)


class Faceted(Protocol):
    """What the people and topics checks read of a claim: a ``Claim`` or its ``ClaimFacets``."""

    @property
    def slug(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def published(self) -> dt.date: ...
    @property
    def claimant(self) -> str: ...
    @property
    def claimant_kind(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def positions(self) -> Mapping[str, Position]: ...


class ClaimFacets(NamedTuple):
    """The few fields of a claim that the people and topics checks read. ``factcheck check``
    needs no more of a claim once its file has passed, so this is all that its worker
    processes send back and its cache keeps (a named tuple: cheap to make and to pickle)."""

    slug: str
    path: str
    published: dt.date
    claimant: str
    claimant_kind: str
    tags: tuple[str, ...]
    positions: Mapping[str, Position]  # of claimant, claimant_kind and tags, where written


@dataclass(frozen=True)
class Citation:
    """A claim's evidence item as seen from the source it quotes."""

    claim: Claim
    evidence: Evidence
