"""Claimants as people: each claim's claimant resolved to a page, through the registry where
it has an entry and by the name as written where it has none.

Checks made here, all warnings: a claimant near another but not the same (FC055), a
``claimant_kind`` that contradicts the registry (FC059), and, when the whole site is
loaded, registry entries that no claim names (FC058).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from factcheck.base.escaping import shown
from factcheck.base.name_keys import NameIndex, name_key, page_slug
from factcheck.model.records import Claim, Person
from factcheck.rules.problems import Position, Problems, display_path

KIND_TYPES = {"person": "Person", "organization": "Organization"}  # claimant_kind -> schema.org type


def resolve_people(claims: list[Claim], registry: list[Person], problems: Problems, *,
                   registry_path: str | Path, whole_site: bool) -> dict[str, Person]:
    """Set each claim's ``person``; return every person with a claim, by id, in name order.
    ``claims`` come newest first, and so do each person's."""
    by_key: dict[str, Person] = {}
    for person in registry:
        for value in (person.id, person.name, *person.aliases):
            by_key.setdefault(name_key(value), person)
    free: dict[str, Person] = {}  # name key -> person written only as free text
    spellings: dict[str, Counter] = {}
    kinds: dict[str, Counter] = {}
    for claim in claims:
        key = name_key(claim.claimant)
        person = by_key.get(key)
        if person is None:
            person = free.get(key)
            if person is None:
                person = free[key] = Person(id=page_slug(claim.claimant), name=claim.claimant)
            spellings.setdefault(key, Counter())[claim.claimant] += 1
            kinds.setdefault(key, Counter())[claim.claimant_kind] += 1
        elif "claimant_kind" in claim.positions and KIND_TYPES[claim.claimant_kind] != person.type:
            article = "an" if person.type[0] in "AEIOU" else "a"
            problems.warning(claim.positions["claimant_kind"], "FC059",
                             f"'claimant_kind: {claim.claimant_kind}' disagrees with {display_path(str(registry_path))}, where "
                             f"'{shown(person.name)}' is {article} {person.type}; the registry's type is used: remove 'claimant_kind'")
        claim.person = person
        person.claims.append(claim)

    for key, person in free.items():
        # The spelling most claims use names the page; the kind most claims give types it.
        person.name = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        kind = min(kinds[key].items(), key=lambda item: (-item[1], item[0]))[0]
        person.type = KIND_TYPES[kind]
    _unique_slugs(registry, free)
    _report_near_misses(free, registry, problems, registry_path)
    if whole_site:
        for person in registry:
            if not person.claims:
                problems.warning(person.position or Position(str(registry_path)), "FC058",
                                 f"'{person.id}' is named by no claim, so it gets no page; check its name and aliases against "
                                 "the claims' 'claimant', or remove the entry")
    people = [p for p in (*registry, *free.values()) if p.claims]
    people.sort(key=lambda p: (p.name.casefold(), p.id))
    return {p.id: p for p in people}


def _unique_slugs(registry: list[Person], free: dict[str, Person]) -> None:
    """A free-text claimant never takes a page that a registry entry or another claimant has,
    nor the folder of the people index's further pages (people/page/N/)."""
    taken = {p.id for p in registry} | {"page"}
    for key, person in sorted(free.items()):
        slug, n = person.id, 2
        while slug in taken:
            slug, n = f"{person.id}-{n}", n + 1
        person.id = slug
        taken.add(slug)


def _report_near_misses(free: dict[str, Person], registry: list[Person], problems: Problems, registry_path) -> None:
    """A free-text claimant close to a registry name, or to a claimant more claims use, is
    probably a misspelling: say which name it is near, at each claim that spells it so."""
    index = NameIndex()
    for person in registry:
        for value in (person.name, *person.aliases):
            index.add(name_key(value), (person.name, person.id))
    count = {key: len(person.claims) for key, person in free.items()}
    for key, person in free.items():
        index.add(key, (person.name, ""))
    registered = {name_key(v) for p in registry for v in (p.name, *p.aliases)}
    where = display_path(str(registry_path))
    for key, person in sorted(free.items()):
        # Compared with registry names, and with claimants more claims use (on a tie, the
        # first in order), so that of two near spellings only the rarer one is flagged.
        near = index.near(key, lambda other: other in registered or other != key and (count[other], key) > (count[key], other))
        if near is None:
            continue
        name, entry = near
        fix = (f"add this spelling to the 'aliases' of '{entry}' in {where}" if entry else
               f"if they are two people, give each an entry in {where}")
        for claim in person.claims:
            problems.warning(claim.positions.get("claimant", Position(claim.path)), "FC055",
                             f"claimant '{shown(claim.claimant)}' is near '{shown(name)}' but not the same, so it gets a page of its own "
                             f"(did you mean '{shown(name)}'?); spell it the same way, or {fix}")
