"""How a quote bears on its claim: the stances, in the order a claim page shows them, and the
words readers see for each. Validation, the JSON Schema, the claim records and the theme all
read this table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Stance = Literal["supports", "refutes", "context"]  # as written in claim files


@dataclass(frozen=True)
class StanceWording:
    id: Stance
    heading: str  # a claim page's heading above the quotes
    relation: str  # a source page: a passage "quoted as <relation>" a claim


STANCES: Mapping[Stance, StanceWording] = MappingProxyType({s.id: s for s in (
    StanceWording("supports", "Evidence that supports the claim", "support for"),
    StanceWording("refutes", "Evidence that contradicts the claim", "evidence against"),
    StanceWording("context", "Context", "context for"),
)})
STANCE_IDS: tuple[Stance, ...] = tuple(STANCES)
