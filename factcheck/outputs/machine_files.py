"""Files for software rather than readers: Atom feed, sitemap, claims.json, the claim-file
JSON Schema and the claims' social card images. Written in Pelican's output phase."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment

from factcheck.model.claims import Claim
from factcheck.model.site import Site
from factcheck.outputs.cards.cache import spec, write_cards
from factcheck.outputs.cards.colours import verdict_colours
from factcheck.outputs.claim_schema import schema_text
from factcheck.outputs.claims_json import export
from factcheck.project.settings import cache_path

CARD = "card.png"  # beside each claim page


def absolute(settings: dict[str, Any], path: str) -> str:
    """An absolute URL: the build's SITEURL, or the configured public address of the site."""
    base = (settings.get("SITEURL") or settings["FACTCHECK_PUBLIC_URL"] or "").rstrip("/")
    return f"{base}/{path.lstrip('/')}"


def _write(output: Path, name: str, text: str) -> None:
    target = output / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


class Page(Protocol):
    """A page of the site, as the plugin makes them: its address and its file are needed here."""

    @property
    def url(self) -> str: ...

    @property
    def save_as(self) -> str: ...


def write_data_files(site: Site, env: Environment, context: dict[str, Any], output: Path, claim_pages: Mapping[str, Page],
                     source_pages: Mapping[str, Page]) -> None:
    """claims.json, the schema, the sitemap and the feed."""
    def url(path: str) -> str:
        return absolute(context, path)

    def claim_url(slug: str) -> str:
        return url(claim_pages[slug].url)

    def source_url(source_id: str) -> str:
        return url(source_pages[source_id].url)

    def render(name: str, **extra: Any) -> str:
        return env.get_template(name).render(context | extra)

    def newest(claims: Iterable[Claim]) -> list[Claim]:  # as many as Pelican's FEED_MAX_ITEMS: readers poll feeds often
        return sorted(claims, key=lambda c: c.modified, reverse=True)[:context.get("FEED_MAX_ITEMS")]

    document = export(site, claim_url, source_url, person_page=lambda i: url(context["person_urls"][i]),
                      topic_page=lambda i: url(context["topic_urls"][i]))
    _write(output, "claims.json", json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
    _write(output, "schema/claim.schema.json", schema_text(site.verdicts))

    pages = [("", None)] + [(claim_pages[c.slug].url, c.modified) for c in site.claims]
    pages += [(source_pages[s].url, None) for s in site.sources]
    pages += [(context["verdict_urls"][v.id], None) for v in site.verdicts]
    pages += [("sources/", None), ("corrections/", None)]
    pages += [(u, None) for u in ["people/"] * bool(site.people) + list(context["person_urls"].values())]
    pages += [(u, None) for u in ["topics/"] * bool(site.topics) + list(context["topic_urls"].values())]
    pages += [(p.url, None) for p in context.get("pages", [])]
    _write(output, "sitemap.xml", render("sitemap.xml", entries=[(url(p), d) for p, d in pages]))
    # Newest changes first.
    _write(output, "feed.xml", render("atom.xml", claims=newest(site.claims), claim_url=claim_url, feed_url=url("feed.xml"), home_url=url("")))
    # A feed beside each person's and each topic's page, for readers who follow one of them:
    # each entry's title and summary give the claim and its verdict; the page has the rest.
    sitename = context["SITENAME"]
    for person in site.people.values():
        page = context["person_urls"][person.id]
        _write(output, page + "feed.xml", render("atom.xml", claims=newest(person.claims), claim_url=claim_url, feed_url=url(page + "feed.xml"),
                                                 home_url=url(page), feed_title=f"{sitename}: claims by {person.name}", summaries_only=True,
                                                 feed_subtitle=f"New and updated fact-checks of claims by {person.name}."))
    for topic in site.topics.values():
        page = context["topic_urls"][topic.id]
        _write(output, page + "feed.xml", render("atom.xml", claims=newest(topic.claims), claim_url=claim_url, feed_url=url(page + "feed.xml"),
                                                 home_url=url(page), feed_title=f"{sitename}: {topic.label}", summaries_only=True,
                                                 feed_subtitle=topic.description or f"New and updated fact-checks on {topic.label.lower()}."))


def write_claim_cards(claims: Iterable[Claim], site: Site, context: dict[str, Any], output: Path, claim_pages: Mapping[str, Page], *,
                      prune: bool = False) -> None:
    """The social cards of ``claims``, beside their pages; ``prune`` after a full build."""
    cache = cache_path(context, "cards")
    colours = verdict_colours(site.verdicts)
    jobs = [(spec(claim, colours), output / Path(claim_pages[claim.slug].save_as).parent / CARD) for claim in claims]
    write_cards(jobs, context["SITENAME"], cache, prune=prune)
