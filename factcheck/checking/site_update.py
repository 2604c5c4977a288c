"""Bringing a loaded site up to date with a few changed files (the live preview): only those
files, and the claims that quote a changed source, are read and checked again."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.checking.claim_builder import build_claims
from factcheck.checking.claimants import resolve_people
from factcheck.checking.load_site import assemble_site
from factcheck.checking.slug_rules import check_aliases, check_duplicate_slugs
from factcheck.checking.topics import resolve_topics
from factcheck.model.claims import Claim
from factcheck.model.site import Site
from factcheck.reading.claim_files import EXTENSIONS, claim_paths
from factcheck.reading.registries import read_people, read_topics
from factcheck.reading.snapshots import check_orphan_snapshots
from factcheck.reading.source_files import read_source, source_files
from factcheck.rules.problems import Problems, ValidationFailed


@dataclass
class SiteChange:
    """What ``update_site`` changed: claims as they were and as they are now, and sources."""

    removed: list[Claim] = field(default_factory=list)  # claims as they were, changed or gone
    added: list[Claim] = field(default_factory=list)  # claims as they are now, new or changed
    sources: set[str] = field(default_factory=set)  # ids of sources added, changed or removed

    def __bool__(self) -> bool:
        return bool(self.removed or self.added or self.sources)


def update_site(site: Site, claims_dir: str | Path, sources_dir: str | Path, changed: Iterable[str | Path]) -> tuple[Site, SiteChange]:
    """A loaded site brought up to date with some changed (added, edited or removed) claim and
    source files: those sources are read again and those claims checked again, with every
    claim that quotes a changed source; the claims and sources nothing changed are the same
    objects as in ``site``. Raise ``ValidationFailed`` with every problem if anything is wrong.
    Returns the new site and what changed."""
    changed = {os.path.abspath(p) for p in changed}
    sources_dir = os.path.abspath(sources_dir)
    problems = Problems()
    sources = dict(site.sources)
    change = SiteChange()
    in_sources = sorted(p for p in changed if os.path.dirname(p) == sources_dir)
    for source_id in dict.fromkeys(os.path.basename(p).split(".", 1)[0] for p in in_sources):  # its text or snapshot
        change.sources.add(source_id)
        sources.pop(source_id, None)
        text = os.path.join(sources_dir, source_id + ".txt")
        if os.path.lexists(text):
            source = read_source(text, problems)
            if source is not None:
                sources[source.id] = source
    if in_sources:
        check_orphan_snapshots(sources_dir, {p.stem for p in source_files(sources_dir)}, problems)
    by_path = {os.path.abspath(c.path): c for c in site.claims}
    recheck = {p for p in changed if str(p).endswith(EXTENSIONS)}
    recheck |= {path for path, claim in by_path.items() if set(claim.source_ids) & change.sources or claim.appeared_in in change.sources}
    all_files = claim_paths(claims_dir, problems)
    present = [p for p in all_files if os.path.abspath(p) in recheck]
    check_duplicate_slugs(all_files, present, problems)
    new = build_claims(present, sources, site.verdicts, problems)
    change.removed = [by_path[p] for p in sorted(recheck) if p in by_path]
    kept = [c for p, c in by_path.items() if p not in recheck]
    check_aliases([(c.path, c.aliases, c.aliases_position) for c in kept + new], all_files, problems)
    if problems.errors:
        raise ValidationFailed(problems.sorted())
    change.added = new
    claims = sorted(kept + new, key=lambda c: (c.published, c.slug), reverse=True)
    people = resolve_people(claims, read_people(site.people_path, problems), problems,
                            registry_path=site.people_path or "people.yaml", whole_site=True)
    topics = resolve_topics(claims, read_topics(site.topics_path, problems), problems,
                            registry_path=site.topics_path or "topics.yaml", whole_site=True)
    if problems.errors:  # a registry changed on disk since the site was loaded
        raise ValidationFailed(problems.sorted())
    sources = dict(sorted(sources.items()))  # in file-name order, as when loaded
    return assemble_site(sources, claims, site.verdicts, problems.warnings, people, topics, site.people_path, site.topics_path), change
