"""Claims, their evidence, and archived sources, as the rest of the package sees them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

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


@dataclass
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
    citations: list["Citation"] = field(default_factory=list)

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


@dataclass
class Evidence:
    source: str
    quote: str
    stance: str
    position: Position  # of the quote, for messages
    note: str | None = None
    occurrence: int | None = None
    number: int = 0  # 1-based within its claim
    spans: tuple[tuple[int, int], ...] = ()  # in the source's original text
    paragraph: int | None = None

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


@dataclass
class Claim:
    slug: str
    path: str
    claim: str
    claimant: str
    verdict: Verdict
    summary: str
    evidence: list[Evidence]
    published: dt.date
    appeared_in: str | None = None
    said_on: dt.date | None = None
    claimant_kind: str = "person"
    updates: list[Update] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # former slugs, redirected here
    aliases_position: Position | None = None  # for messages about them
    positions: dict[str, Position] = field(default_factory=dict, repr=False)  # of each field, for messages
    person: "Person | None" = field(default=None, init=False, repr=False, compare=False)  # the claimant, once resolved

    @property
    def modified(self) -> dt.date:
        return max([self.published, *(u.date for u in self.updates)])

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.evidence))

    def evidence_by_stance(self) -> dict[str, list[Evidence]]:
        groups: dict[str, list[Evidence]] = {"supports": [], "refutes": [], "context": []}
        for item in self.evidence:
            groups[item.stance].append(item)
        return groups


@dataclass(frozen=True)
class Citation:
    """A claim's evidence item as seen from the source it quotes."""

    claim: Claim
    evidence: Evidence


@dataclass(eq=False)
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
    claims: list[Claim] = field(default_factory=list, repr=False)  # newest first


@dataclass(eq=False)
class Topic:
    """A tag's page; the topics registry may give it a label and a description."""

    id: str  # the tag, and the page's slug
    label: str
    description: str | None = None
    registered: bool = False
    position: Position | None = None
    claims: list[Claim] = field(default_factory=list, repr=False)  # newest first
