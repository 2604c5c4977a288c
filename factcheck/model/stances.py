"""How a quote bears on its claim: the stances, in the order a claim page shows them, and the
words readers see for each. Validation, the JSON Schema and the theme all read this table."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class StanceWording:
    id: str  # as written in claim files
    heading: str  # a claim page's heading above the quotes
    relation: str  # a source page: a passage "quoted as <relation>" a claim


STANCES: MappingProxyType[str, StanceWording] = MappingProxyType({s.id: s for s in (
    StanceWording("supports", "Evidence that supports the claim", "support for"),
    StanceWording("refutes", "Evidence that contradicts the claim", "evidence against"),
    StanceWording("context", "Context", "context for"),
)})
STANCE_IDS: tuple[str, ...] = tuple(STANCES)
