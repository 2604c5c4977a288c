"""The verdict scale. The site's configuration (``FACTCHECK_VERDICTS``) is the one
definition: claim pages, the methodology page, search filters and the schema read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    meaning: str
    rating: int | None  # for ClaimReview's numeric scale; None for a text-only rating
    colour: str | None = None  # "#rrggbb" for pictures such as social cards; None: from the rating

    @property
    def css_class(self) -> str:
        return f"verdict-{self.id}"


DEFAULT_VERDICTS: tuple[dict[str, Any], ...] = (
    {"id": "true", "label": "True", "meaning": "accurate, nothing significant missing", "rating": 6},
    {"id": "mostly-true", "label": "Mostly true", "meaning": "accurate but needs clarification or context", "rating": 5},
    {"id": "mixed", "label": "Mixed", "meaning": "partly accurate, partly not", "rating": 4},
    {"id": "misleading", "label": "Misleading", "meaning": "contains accurate parts but leaves a false impression", "rating": 3},
    {"id": "mostly-false", "label": "Mostly false", "meaning": "some element of truth, ignores critical facts", "rating": 2},
    {"id": "false", "label": "False", "meaning": "not accurate", "rating": 1},
    {"id": "unverifiable", "label": "Unverifiable", "meaning": "the available evidence cannot settle it", "rating": None},
)


def scale(entries: Iterable[Mapping[str, Any]] | None = None) -> tuple[Verdict, ...]:
    """The verdict scale from configuration entries (the default scale if none)."""
    return tuple(Verdict(str(e["id"]), e["label"], e["meaning"], e.get("rating"), e.get("colour")) for e in (entries or DEFAULT_VERDICTS))
