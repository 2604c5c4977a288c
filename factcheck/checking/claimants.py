"""Claimants as people: each claim's claimant resolved to a page, through the registry where
it has an entry and by the name as written where it has none.

Checks made here, all warnings: a claimant near another but not the same (FC055), a
``claimant_kind`` that contradicts the registry (FC059), and, when the whole site is
loaded, registry entries that no claim names (FC058).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

from factcheck.base.escaping import shown
from factcheck.base.name_keys import NameIndex, name_key, page_slug
from factcheck.model.claims import Claim, Faceted
from factcheck.model.people import Person
from factcheck.rules.catalogue import FC055, FC058, FC059
from factcheck.rules.problems import Position, Problems, display_path

KIND_TYPES = {"person": "Person", "organization": "Organization"}  # claimant_kind -> schema.org type


C = TypeVar("C", bound=Faceted)


@dataclass
class _Claimant(Generic[C]):
    """A claimant written only as free text, while its claims are gathered."""

    id: str
    claims: list[C] = field(default_factory=list)
    spellings: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:  # the spelling most claims use names the page
        name: str = min(self.spellings.items(), key=lambda item: (-item[1], item[0]))[0]
        return name

    @property
    def type(self) -> str:  # the kind most claims give types it
        return KIND_TYPES[min(self.kinds.items(), key=lambda item: (-item[1], item[0]))[0]]


@dataclass(frozen=True)
class Claimants(Generic[C]):
    """Claims grouped by claimant: each registry entry's, and each free-text claimant's."""

    registered: list[tuple[Person, list[C]]]  # in registry order
    free: list[_Claimant[C]]


@dataclass(frozen=True)
class People:
    people: dict[str, Person]  # every person with a claim, by id, in name order
    person_of: dict[str, Person]  # by claim slug


def check_claimants(claims: Sequence[C], registry: list[Person], problems: Problems, *,
                    registry_path: str | Path, whole_site: bool) -> Claimants[C]:
    """Every claimant resolved to a registry entry or gathered as free text, with the
    warnings about them; reads only a claim's ``Faceted`` fields, so ``factcheck check``
    runs it on ``ClaimFacets`` and a build on whole claims, and both warn alike."""
    by_key: dict[str, Person] = {}
    for person in registry:
        for value in (person.id, person.name, *person.aliases):
            by_key.setdefault(name_key(value), person)
    registered: dict[int, list[C]] = {id(person): [] for person in registry}
    free: dict[str, _Claimant[C]] = {}  # name key -> claimant written only as free text
    for claim in claims:
        key = name_key(claim.claimant)
        entry = by_key.get(key)
        if entry is None:
            claimant = free.get(key)
            if claimant is None:
                claimant = free[key] = _Claimant(page_slug(claim.claimant))
            claimant.claims.append(claim)
            claimant.spellings[claim.claimant] += 1
            claimant.kinds[claim.claimant_kind] += 1
            continue
        if "claimant_kind" in claim.positions and KIND_TYPES[claim.claimant_kind] != entry.type:
            article = "an" if entry.type[0] in "AEIOU" else "a"
            FC059.report(problems, claim.positions["claimant_kind"], subject="claimant_kind", kind=claim.claimant_kind,
                         registry=display_path(str(registry_path)), name=shown(entry.name), article=article, type=entry.type)
        registered[id(entry)].append(claim)

    _unique_slugs(registry, free)
    _report_near_misses(free, registry, problems, registry_path)
    if whole_site:
        for person in registry:
            if not registered[id(person)]:
                FC058.report(problems, person.position or Position(str(registry_path)), "person", id=person.id)
    return Claimants([(person, registered[id(person)]) for person in registry], list(free.values()))


def resolve_people(claims: Sequence[Claim], registry: list[Person], problems: Problems, *,
                   registry_path: str | Path, whole_site: bool) -> People:
    """Every claimant as a person, made once with its claims; and each claim's person.
    ``claims`` come newest first, and so do each person's."""
    found = check_claimants(claims, registry, problems, registry_path=registry_path, whole_site=whole_site)
    people = [replace(person, claims=tuple(theirs)) for person, theirs in found.registered if theirs]
    people += [Person(id=c.id, name=c.name, type=c.type, claims=tuple(c.claims)) for c in found.free]
    people.sort(key=lambda p: (p.name.casefold(), p.id))
    return People({p.id: p for p in people}, {claim.slug: p for p in people for claim in p.claims})


def _unique_slugs(registry: list[Person], free: dict[str, _Claimant[C]]) -> None:
    """A free-text claimant never takes a page that a registry entry or another claimant has,
    nor the folder of the people index's further pages (people/page/N/)."""
    taken = {p.id for p in registry} | {"page"}
    for _, claimant in sorted(free.items()):
        slug, n = claimant.id, 2
        while slug in taken:
            slug, n = f"{claimant.id}-{n}", n + 1
        claimant.id = slug
        taken.add(slug)


def _report_near_misses(free: dict[str, _Claimant[C]], registry: list[Person], problems: Problems, registry_path: str | Path) -> None:
    """A free-text claimant close to a registry name, or to a claimant more claims use, is
    probably a misspelling: say which name it is near, at each claim that spells it so."""
    index = NameIndex()
    for person in registry:
        for value in (person.name, *person.aliases):
            index.add(name_key(value), (person.name, person.id))
    count = {key: len(claimant.claims) for key, claimant in free.items()}
    for key, claimant in free.items():
        index.add(key, (claimant.name, ""))
    registered = {name_key(v) for p in registry for v in (p.name, *p.aliases)}
    where = display_path(str(registry_path))
    for key, claimant in sorted(free.items()):
        # Compared with registry names, and with claimants more claims use (on a tie, the
        # first in order), so that of two near spellings only the rarer one is flagged.
        def allowed(other: str, key: str = key) -> bool:
            return other in registered or (other != key and (count[other], key) > (count[key], other))

        near = index.near(key, allowed)
        if near is None:
            continue
        name, entry = near
        fix = (f"add this spelling to the 'aliases' of '{entry}' in {where}" if entry else
               f"if they are two people, give each an entry in {where}")
        for claim in claimant.claims:
            FC055.report(problems, claim.positions.get("claimant", Position(claim.path)), subject="claimant",
                         claimant=shown(claim.claimant), near=shown(name), fix=fix)
