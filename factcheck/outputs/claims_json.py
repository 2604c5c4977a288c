"""``/claims.json``: every claim with its verdict and evidence, each quote located in the
archived text, for other software to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.model.claims import Claim
from factcheck.model.site import Site
from factcheck.model.sources import Source


def evidence_location(source: Source, spans: tuple[tuple[int, int], ...], paragraph: int | None) -> dict[str, Any]:
    return {
        "paragraph": paragraph,
        "anchor": f"p-{paragraph}",
        "spans": [{"start": a, "end": b, "text": source.text[a:b]} for a, b in spans],
    }


def claim_record(claim: Claim, site: Site, url: Callable[[str], str], source_page: Callable[[str], str]) -> dict[str, Any]:
    return {
        "slug": claim.slug,
        "url": url(claim.slug),
        "claim": claim.claim,
        "claimant": claim.claimant,
        "person": site.person_of[claim.slug].id if claim.slug in site.person_of else None,
        "appeared_in": claim.appeared_in,
        "said_on": claim.said_on.isoformat() if claim.said_on else None,
        "verdict": {"id": claim.verdict.id, "label": claim.verdict.label},
        "summary": claim.summary,
        "published": claim.published.isoformat(),
        "modified": claim.modified.isoformat(),
        "updates": [{"date": u.date.isoformat(), "note": u.note} for u in claim.updates],
        "tags": claim.tags,
        "evidence": [
            {
                "source": item.source,
                "quote": item.quote,
                "stance": item.stance,
                "note": item.note,
                "link": f"{source_page(item.source)}#{item.mark_ids[0]}",
                **evidence_location(site.sources[item.source], item.spans, item.paragraph),
            }
            for item in claim.evidence
        ],
    }


def export(site: Site, url: Callable[[str], str], source_page: Callable[[str], str], *,
           person_page: Callable[[str], str] | None = None, topic_page: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The whole document. Offsets count Unicode characters in the archived text (the part of
    the source file after its front matter); ``end`` is exclusive. Each claim's ``person`` is
    the id of an entry of ``people``; its ``tags`` are ids of ``topics``."""
    return {
        "verdicts": [{"id": v.id, "label": v.label, "meaning": v.meaning, "rating": v.rating} for v in site.verdicts],
        "sources": [
            {"id": s.id, "title": s.title, "publisher": s.publisher, "author": s.author,
             "published": s.published.isoformat() if s.published else None, "url": s.url, "archived": source_page(s.id)}
            for s in site.sources.values()
        ],
        "people": [
            {"id": p.id, "name": p.name, "type": p.type, "role": p.role, "description": p.description,
             "aliases": list(p.aliases), "registered": p.registered, "claims": len(p.claims),
             **({"url": person_page(p.id)} if person_page else {})}
            for p in site.people.values()
        ],
        "topics": [
            {"id": t.id, "label": t.label, "description": t.description, "claims": len(t.claims),
             **({"url": topic_page(t.id)} if topic_page else {})}
            for t in site.topics.values()
        ],
        "claims": [claim_record(c, site, url, source_page) for c in site.claims],
    }
