"""Loading a whole site, top-down: read every source, read the registries of people and
topics, read and check every claim file (``claim_builder``, many at once in
``claim_batches``, unchanged ones vouched for by ``check_cache``), check slugs
(``slug_rules``), resolve people and topics, and freeze it all into a ``Site``.

This is the one entry point that both the command line and the Pelican plugin call;
``check_site`` is its twin for ``factcheck check``, and ``site_update`` its incremental
form for the live preview.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from factcheck.checking.check_cache import CheckCache, Hit
from factcheck.checking.claim_batches import build_all
from factcheck.checking.claimants import People, check_claimants, resolve_people
from factcheck.checking.slug_rules import check_aliases, check_duplicate_slugs
from factcheck.checking.topics import check_tags, resolve_topics
from factcheck.model.claims import Claim
from factcheck.model.site import Site, cite
from factcheck.model.sources import Source
from factcheck.model.topics import Topic
from factcheck.model.verdicts import Verdict
from factcheck.reading.claim_files import EXTENSIONS, claim_paths
from factcheck.reading.registries import read_people, read_topics
from factcheck.reading.snapshots import check_orphan_snapshots
from factcheck.reading.source_files import read_source, source_files
from factcheck.rules.problems import Position, Problem, Problems, ValidationFailed

CHECK_CACHE = "check"  # the check cache's folder inside FACTCHECK_CACHE_PATH


def load_sources(directory: str | Path, problems: Problems) -> dict[str, Source]:
    sources = {}
    paths = source_files(directory)
    for path in paths:
        source = read_source(path, problems)
        if source is not None:
            sources[source.id] = source
    check_orphan_snapshots(directory, {p.stem for p in paths}, problems)
    return sources


def load_site(
    claims_dir: str | Path,
    sources_dir: str | Path,
    verdicts: tuple[Verdict, ...],
    *,
    only: Iterable[str | Path] | None = None,
    cache: str | Path | None = None,
    people_path: str | Path | None = None,
    topics_path: str | Path | None = None,
) -> Site:
    """Load and check everything; raise ``ValidationFailed`` with all problems if any is an error.

    ``only`` limits claim checking to the given files (the pull-request case); every source
    is still read, since any claim may quote any source, and so are the registries of people
    and topics (``people_path``, ``topics_path``: optional files). ``cache`` is a folder
    where claim files that passed are remembered (``check_cache``), so that unchanged ones
    are not checked again.
    """
    store = CheckCache(Path(cache), verdicts) if cache else None
    try:
        run = _check(claims_dir, sources_dir, verdicts, only, store, whole=True, people_path=people_path, topics_path=topics_path)
    finally:
        if store is not None:
            store.close()
    return assemble_site(run.sources, run.claims, verdicts, run.warnings, run.people, run.topics, people_path, topics_path)


def assemble_site(sources: dict[str, Source], claims: list[Claim], verdicts: tuple[Verdict, ...], warnings: list[Problem],
          people: People, topics: dict[str, Topic], people_path: str | Path | None, topics_path: str | Path | None) -> Site:
    """The site, frozen: the claims newest first, each source with the claims that quote it."""
    claims_made = tuple(claims)
    return Site(MappingProxyType(sources), claims_made, verdicts, tuple(warnings), MappingProxyType(people.people),
                MappingProxyType(topics), MappingProxyType(people.person_of), cite(sources, claims_made),
                people_path=people_path, topics_path=topics_path)


@dataclass
class CheckResult:
    """What ``factcheck check`` reports when every file passed."""

    claims: int
    sources: int
    warnings: list[Problem]


def check_site(
    claims_dir: str | Path,
    sources_dir: str | Path,
    verdicts: tuple[Verdict, ...],
    *,
    only: Iterable[str | Path] | None = None,
    cache: str | Path | None = None,
    people_path: str | Path | None = None,
    topics_path: str | Path | None = None,
) -> CheckResult:
    """The checks of ``load_site``, with claims the cache says are unchanged read back
    rather than checked again. When no file at all changed since a run in which every file
    passed, that run's result is the answer."""
    store = CheckCache(Path(cache), verdicts) if cache else None
    signature = None
    try:
        if store is not None and only is None:
            signature = store.tree_signature([claims_dir, sources_dir, *(p for p in (people_path, topics_path) if p)])
            known = store.tree_result(signature) if signature else None
            if known is not None:
                return CheckResult(known["claims"], known["sources"], [Problem(Position(*w[:3]), *w[3:]) for w in known["warnings"]])
        # The people and topics checks need every claim's facets, and no more of it.
        run = _check(claims_dir, sources_dir, verdicts, only, store, whole=False, people_path=people_path, topics_path=topics_path)
        result = CheckResult(run.passed, len(run.sources), run.warnings)
        if signature is not None and store is not None:
            store.remember_tree(signature, {"claims": result.claims, "sources": result.sources, "warnings": [
                [*w.position, w.code, w.message, w.severity] for w in result.warnings]})
        return result
    finally:
        if store is not None:
            store.close()


@dataclass
class _Run:
    sources: dict[str, Source]
    claims: list[Claim]  # with whole=True, those built or read back, newest first; else none
    passed: int  # claim files that passed, built or vouched for by the cache
    warnings: list[Problem]
    people: People  # with whole=True; else empty
    topics: dict[str, Topic]


def _check(claims_dir: str | Path, sources_dir: str | Path, verdicts: tuple[Verdict, ...], only: Iterable[str | Path] | None,
           store: CheckCache | None, *, whole: bool,
           people_path: str | Path | None = None, topics_path: str | Path | None = None) -> _Run:
    """Check every claim file (or those of ``only``), and their claimants and tags; with
    ``whole`` (a build), also return the claims, newest first, resolved to people and topics.
    Without it, claims go no further than their facets, which is all those checks read."""
    problems = Problems()
    sources = load_sources(sources_dir, problems)
    people_registry = read_people(people_path, problems)
    topic_registry = read_topics(topics_path, problems)
    all_files = claim_paths(claims_dir, problems)
    registries = {os.path.realpath(p) for p in (people_path, topics_path) if p}
    wanted = all_files if only is None else [str(p) for p in only if str(p).endswith(EXTENSIONS) and os.path.realpath(p) not in registries]
    check_duplicate_slugs(all_files, wanted, problems)

    hits: list[Hit] = []
    contents: dict[str, bytes] = {}
    todo = wanted
    if store is not None:
        todo = []
        for path in wanted:
            hit, data = store.lookup(path, sources, whole=whole)
            if hit is not None:
                hits.append(hit)
            else:
                todo.append(path)
                if data is not None:
                    contents[path] = data
    batch = build_all(todo, sources, verdicts, contents, store.recorder if store else None, whole=whole)
    problems.extend(batch.problems)
    claims, facets, owners = batch.claims, batch.facets, batch.owners

    if store is not None:
        failed = {p.position.path for p in problems.items if p.is_error}  # only success is remembered
        store.add([r for r in batch.records if r.path not in failed])
        for hit in hits:
            problems.extend(hit.warnings)
        if whole:
            stored = store.claims(hits)
            claims.extend(stored[hit.key] for hit in hits if hit.key in stored)
            again = build_all([hit.path for hit in hits if hit.key not in stored], sources, verdicts, {}, None, whole=True)
            problems.extend(again.problems)  # unreadable after all, so checked again
            claims.extend(again.claims)
        else:
            facets.extend(hit.facets for hit in hits if hit.facets is not None)  # (read for every hit of a check)
        owners = owners + [(h.path, h.aliases, h.aliases_position) for h in hits]
        store.save(prune=only is None)

    if only is not None:  # report source problems only for sources named on the command line
        named = {str(Path(p).resolve()) for p in only}
        problems.items = [p for p in problems.items if Path(p.position.path).suffix != ".txt" or str(Path(p.position.path).resolve()) in named]
    check_aliases(owners, all_files, problems)
    people = People({}, {})
    topics: dict[str, Topic] = {}
    if whole:
        claims.sort(key=lambda c: (c.published, c.slug), reverse=True)
        people = resolve_people(claims, people_registry, problems, registry_path=people_path or "people.yaml", whole_site=only is None)
        topics = resolve_topics(claims, topic_registry, problems, registry_path=topics_path or "topics.yaml", whole_site=only is None)
    else:  # the same checks, on facets
        facets.sort(key=lambda c: (c.published, c.slug), reverse=True)
        check_claimants(facets, people_registry, problems, registry_path=people_path or "people.yaml", whole_site=only is None)
        check_tags(facets, topic_registry, problems, registry_path=topics_path or "topics.yaml", whole_site=only is None)
    if problems.errors:
        raise ValidationFailed(problems.sorted())
    return _Run(sources, claims, batch.passed + len(hits), sorted(problems.warnings), people, topics)
