"""Rules between claim files: no two claims share a slug (FC014), and a former slug kept as
an alias redirects to one claim only and never hides a current one (FC028)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from factcheck.base.escaping import shown
from factcheck.reading.claim_files import slug_of
from factcheck.rules.catalogue import FC014, FC028
from factcheck.rules.problems import Position, Problems, display_path

Owner = tuple[str, Sequence[str], "Position | None"]  # a claim file's path, its aliases and where they are


def check_duplicate_slugs(all_files: list[str], wanted: list[str], problems: Problems) -> None:
    """Report each of ``wanted`` whose slug an earlier file of ``all_files`` already has."""
    slugs = [slug_of(path) for path in all_files]
    first: dict[str, str] = {}
    for slug, path in zip(slugs, all_files, strict=False):
        first.setdefault(slug, path)
    # Resolving paths costs a system call each: only needed when some files were named.
    named = None if wanted is all_files else {os.path.realpath(w) for w in wanted}
    for slug, path in zip(slugs, all_files, strict=False):
        original = first[slug]
        if original is not path and (named is None or os.path.realpath(path) in named):
            FC014.report(problems, Position(str(path)), slug=shown(slug), other=display_path(str(original)))


def check_aliases(owners: list[Owner], all_files: list[str], problems: Problems) -> None:
    """A former slug may redirect to one claim only, and never hide a current claim.
    ``owners``: each claim's path, aliases and where its aliases are written."""
    if not any(aliases for _, aliases, _ in owners):
        return
    current = {slug_of(p): p for p in all_files}
    taken: dict[str, str] = {}
    for path, aliases, position in owners:
        for alias in aliases:
            where = position or Position(path)
            if alias in current:
                FC028.report(problems, where, "slug", subject="aliases", alias=alias, other=display_path(str(current[alias])))
            elif alias in taken and taken[alias] != path:
                FC028.report(problems, where, "alias", subject="aliases", alias=alias, other=display_path(str(taken[alias])))
            taken.setdefault(alias, path)
