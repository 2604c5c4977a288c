"""Claims, their evidence, and archived sources, as the rest of the package sees them.

Every record is frozen and made once, complete: an evidence item exists only once its quote
has been found in its source, and a claim only once all of its evidence has. What links
records to each other after loading (a source's citations, a claim's claimant as a person)
is kept on the ``Site``, not written into them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from factcheck.base.normalized_text import NormalizedText
from factcheck.model.verdicts import Verdict
from factcheck.rules.problems import Position


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based
    start: int  # offsets into Source.text
    end: int

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    title: str
    text: str
    publisher: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    description: str | None = None
    retrieved: dt.date | None = None
    sha256: str | None = None  # of the raw snapshot
    snapshot: str | None = None  # path of the verified snapshot kept beside the text

    # Both worked out on first use and kept (cached_property writes past the frozen check).
    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The text's non-empty lines."""
        paragraphs, start = [], 0
        for line in self.text.split("\n"):
            end = start + len(line)
            if line.strip():
                paragraphs.append(Paragraph(len(paragraphs) + 1, start, end))
            start = end + 1
        return paragraphs

    @cached_property
    def normalized(self) -> NormalizedText:
        return NormalizedText(self.text)


Stance = Literal["supports", "refutes", "context"]


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
        groups: dict[Stance, list[Evidence]] = {"supports": [], "refutes": [], "context": []}
        for item in self.evidence:
            groups[item.stance].append(item)
        return groups


@dataclass(frozen=True)
class Citation:
    """A claim's evidence item as seen from the source it quotes."""

    claim: Claim
    evidence: Evidence


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


@dataclass(frozen=True, eq=False)
class Topic:
    """A tag's page; the topics registry may give it a label and a description."""

    id: str  # the tag, and the page's slug
    label: str
    description: str | None = None
    registered: bool = False
    position: Position | None = None
    claims: tuple[Claim, ...] = field(default=(), repr=False)  # newest first; none until resolved
