"""The list pages, every one paginated at ``FACTCHECK_LIST_PAGE_SIZE`` entries: all claims
(the home page), claims per verdict, per source, per person and per topic, and the indexes
of sources, people and topics, and the corrections log."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from factcheck.model.claims import Claim
from factcheck.model.verdicts import Verdict
from factcheck.site.pagination import ListPage, page_save_as, paginate


def verdict_counts(claims: Iterable[Claim], verdicts: Iterable[Verdict]) -> dict[str, int]:
    """Claims per verdict id, every verdict of the scale included (zero where none)."""
    counted = Counter(claim.verdict.id for claim in claims)
    return {v.id: counted.get(v.id, 0) for v in verdicts}


def source_claims_url(source_url: str) -> str:
    """The list of claims quoting a source, beside its page: ``sources/x/`` → ``sources/x/claims/``."""
    return f"{source_url}claims/"


ListKey = tuple[str, "str | None"]  # a list's template, and which one of them: ("verdict", "true")


def _save_as(url: str) -> str:
    return posixpath.join(url, "index.html") if url else "index.html"


class ListWriter:
    """Writes the list pages of a loaded site through Pelican's writer: every page of every
    list is planned first, then each is written by ``write_page``, which the generator runs
    on every core with the other pages (at 10,000 claims there are thousands)."""

    def __init__(self, generator: Any, writer: Any) -> None:  # the FactCheckGenerator (which imports this module), Pelican's Writer
        self.generator = generator
        self.writer = writer
        self.site = generator.site
        self.context = generator.context
        self.size = int(generator.settings["FACTCHECK_LIST_PAGE_SIZE"])
        self.jobs: list[tuple[str, str, dict[str, Any]]] = []  # (save_as, template, values) a page
        self.wanted: set[ListKey] | None = None  # plan only these lists (None: all)

    def plan_list(self, template: str, items: Sequence[Any], base_url: str, base_save_as: str | None = None,
                  key: str | None = None, **extra: Any) -> list[ListPage[Any]]:
        """Plan every page of one list; templates get the page as ``pager``. ``key`` tells
        apart the lists of one template (a verdict's, a person's…)."""
        if self.wanted is not None and (template, key) not in self.wanted:
            return []
        base_save_as = base_save_as or _save_as(base_url)
        pages = paginate(items, self.size, base_url)
        for pager in pages:
            self.jobs.append((page_save_as(base_save_as, pager.number), template,
                              dict(extra, pager=pager, url=pager.url, page_url=pager.url)))
        return pages

    def write_page(self, index: int) -> None:
        """Write the page planned as ``jobs[index]``."""
        save_as, template, values = self.jobs[index]
        self.writer.write_file(save_as, self.generator.get_template(template), self.context, **values)

    def write_only(self, lists: set[ListKey]) -> int:
        """Write every page of some lists, each named by its template and key (``("person",
        id)``, ``("index", None)``); how many pages were written."""
        self.wanted = lists
        self.plan_all()
        for index in range(len(self.jobs)):
            self.write_page(index)
        return len(self.jobs)

    def plan_all(self) -> None:
        """Plan every page of every list (of the ``wanted`` ones, if set) into ``jobs``."""
        site, settings, context = self.site, self.generator.settings, self.context
        self.plan_list("index", site.claims, "", "index.html", nav="claims")
        for verdict in site.verdicts:
            url = context["verdict_urls"][verdict.id]
            self.plan_list("verdict", site.claims_with_verdict(verdict.id), url, settings["VERDICT_SAVE_AS"].format(slug=verdict.id),
                           key=verdict.id, verdict=verdict, nav="claims")
        sources = sorted(site.sources.values(), key=lambda s: (s.title.casefold(), s.id))
        self.plan_list("sources", sources, "sources/", nav="sources", sources=sources)
        for source in site.sources.values():
            page = self.generator.source_pages[source.id]
            claims = list({c.claim.slug: c.claim for c in site.citations[source.id]}.values())
            url = source_claims_url(page.url)
            self.plan_list("source_claims", claims, url, key=source.id, source=source, source_url=page.url, nav="sources")
        self.plan_list("corrections", context["corrections"], "corrections/", nav=None)
        if site.people:
            self.plan_list("people", list(site.people.values()), "people/", nav="people")
            for person in site.people.values():
                url = context["person_urls"][person.id]
                self.plan_list("person", person.claims, url, settings["PERSON_SAVE_AS"].format(slug=person.id), key=person.id, person=person,
                                 counts=verdict_counts(person.claims, site.verdicts), feed_url=url + "feed.xml", nav="people")
        if site.topics:
            self.plan_list("topics", list(site.topics.values()), "topics/", nav="topics")
            for topic in site.topics.values():
                url = context["topic_urls"][topic.id]
                self.plan_list("topic", topic.claims, url, settings["TOPIC_SAVE_AS"].format(slug=topic.id), key=topic.id, topic=topic,
                                 counts=verdict_counts(topic.claims, site.verdicts), feed_url=url + "feed.xml", nav="topics")
