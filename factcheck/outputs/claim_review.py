"""ClaimReview structured data (schema.org), as search engines read fact-checks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from factcheck.model.claims import Claim
from factcheck.model.people import Person
from factcheck.model.sources import Source
from factcheck.model.verdicts import Verdict


def rating(verdict: Verdict, verdicts: tuple[Verdict, ...]) -> dict[str, Any]:
    """A numeric rating where the verdict has one; a text-only rating otherwise."""
    result: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label}
    numbers = [v.rating for v in verdicts if v.rating is not None]
    if verdict.rating is not None:
        result.update(ratingValue=verdict.rating, bestRating=max(numbers), worstRating=min(numbers))
    return result


def author(claim: Claim, person: Person | None) -> dict[str, Any]:
    """Who made the claim: the people registry's type and name where it has an entry, else the
    claim file's own ``claimant`` and ``claimant_kind``."""
    if person is not None and person.registered:
        result: dict[str, Any] = {"@type": person.type, "name": person.name}
        if person.role and person.type == "Person":
            result["jobTitle"] = person.role
        return result
    return {"@type": "Organization" if claim.claimant_kind == "organization" else "Person", "name": claim.claimant}


def claim_review(claim: Claim, verdicts: tuple[Verdict, ...], sources: Mapping[str, Source], *,
                 url: str, publisher: str, site_url: str, source_url: Callable[[Source], str], person: Person | None = None) -> dict[str, Any]:
    """The ClaimReview object for one claim page; ``source_url(source)`` gives a source's
    address (its original URL where known, else our archived copy); ``person``, the claimant's."""
    item: dict[str, Any] = {"@type": "Claim", "author": author(claim, person)}
    if claim.said_on:
        item["datePublished"] = claim.said_on.isoformat()
    if claim.appeared_in:
        source = sources[claim.appeared_in]
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": source_url(source), "headline": source.title}
        if source.published:
            appearance["datePublished"] = source.published.isoformat()
        if source.publisher:
            appearance["publisher"] = {"@type": "Organization", "name": source.publisher}
        item["appearance"] = appearance
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.claim,
        "datePublished": claim.published.isoformat(),
        "author": {"@type": "Organization", "name": publisher, "url": site_url + "/"},
        "reviewRating": rating(claim.verdict, verdicts),
        "itemReviewed": item,
    }
