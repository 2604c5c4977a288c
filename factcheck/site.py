"""Loading a whole site: sources, claims, references between them, and every quote.

This is the one entry point that both the command line and the Pelican plugin call.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .claims import EXTENSIONS, ClaimFile, claim_paths, read_claim_file, slug_of
from .escaping import shown
from .fields import did_you_mean
from .forking import forked_map, inherited, worth_forking
from .limits import MAX_MATCHES, MIN_QUOTE_CHARS, MIN_QUOTE_WORDS
from .model import Citation, Claim, Evidence, Person, Source, Topic, Update
from .people import resolve_people
from .problems import Position, Problem, Problems, ValidationFailed, display_path
from .provenance import check_orphan_snapshots
from .quotes import closest_passage, find_matches, normalized_parts, spans_paragraphs
from .registry import read_people, read_topics
from .sources import read_source, source_files
from .topics import resolve_topics
from .verdicts import Verdict


@dataclass
class Site:
    sources: dict[str, Source]
    claims: list[Claim]  # newest first
    verdicts: tuple[Verdict, ...]
    warnings: list[Problem] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)  # every claimant, by page slug, in name order
    topics: dict[str, Topic] = field(default_factory=dict)  # every tag in use, in label order

    def claims_with_verdict(self, verdict_id: str) -> list[Claim]:
        return [c for c in self.claims if c.verdict.id == verdict_id]


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
    people_path: str | Path | None = None,
    topics_path: str | Path | None = None,
) -> Site:
    """Load and check everything; raise ``ValidationFailed`` with all problems if any is an error.

    ``only`` limits claim checking to the given files (the pull-request case); every source
    is still read, since any claim may quote any source, and so are the registries of people
    and topics (``people_path``, ``topics_path``: optional files).
    """
    problems = Problems()
    sources = load_sources(sources_dir, problems)
    registry = read_people(people_path, problems)
    topic_registry = read_topics(topics_path, problems)
    all_files = claim_paths(claims_dir, problems)
    registries = {os.path.realpath(p) for p in (people_path, topics_path) if p}
    wanted = all_files if only is None else [str(p) for p in only if str(p).endswith(EXTENSIONS) and os.path.realpath(p) not in registries]
    _check_duplicate_slugs(all_files, wanted, problems)

    if worth_forking(len(wanted)):
        claims = _build_claims_in_parallel(wanted, sources, verdicts, problems)
    else:
        claims = _build_claims(wanted, sources, verdicts, problems)

    if only is not None:  # report source problems only for sources named on the command line
        named = {str(Path(p).resolve()) for p in only}
        problems.items = [p for p in problems.items if Path(p.position.path).suffix != ".txt" or str(Path(p.position.path).resolve()) in named]
    _check_aliases(claims, all_files, problems)
    claims.sort(key=lambda c: (c.published, c.slug), reverse=True)
    people = resolve_people(claims, registry, problems, registry_path=people_path or "people.yaml", whole_site=only is None)
    topics = resolve_topics(claims, topic_registry, problems, registry_path=topics_path or "topics.yaml", whole_site=only is None)
    if problems.errors:
        raise ValidationFailed(problems.sorted())
    for claim in claims:
        for item in claim.evidence:
            sources[item.source].citations.append(Citation(claim, item))
    return Site(sources, claims, verdicts, sorted(problems.warnings), people, topics)


def _build_claims(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], problems: Problems) -> list[Claim]:
    claims = []
    for path in paths:
        claim_file = read_claim_file(path, problems)
        if claim_file is not None:
            claim = _build_claim(claim_file, sources, verdicts, problems)
            if claim is not None:
                claims.append(claim)
    return claims


def _build_chunk(paths: list[str]) -> tuple[list[Claim], list[Problem]]:
    problems = Problems()
    claims = _build_claims(paths, inherited("sources"), inherited("verdicts"), problems)
    return claims, problems.items


def _build_claims_in_parallel(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], problems: Problems) -> list[Claim]:
    """Claim files are independent once the sources are read: build them on every core.
    Workers are forked, so they share the sources rather than receive copies."""
    for source in sources.values():
        source.normalized  # once, here, rather than once in every worker
    claims: list[Claim] = []
    for part, found in forked_map(_build_chunk, paths, sources=sources, verdicts=verdicts):
        claims.extend(part)
        problems.extend(found)
    return claims


def _check_duplicate_slugs(all_files: list[str], wanted: list[str], problems: Problems) -> None:
    slugs = [slug_of(path) for path in all_files]
    first: dict[str, str] = {}
    for slug, path in zip(slugs, all_files):
        first.setdefault(slug, path)
    # Resolving paths costs a system call each: only needed when some files were named.
    named = None if wanted is all_files else {os.path.realpath(w) for w in wanted}
    for slug, path in zip(slugs, all_files):
        original = first[slug]
        if original is not path and (named is None or os.path.realpath(path) in named):
            problems.error(Position(str(path)), "FC014", f"slug '{shown(slug)}' is already used by {display_path(str(original))}; rename one of the files")


def _check_aliases(claims: list[Claim], all_files: list[str], problems: Problems) -> None:
    """A former slug may redirect to one claim only, and never hide a current claim."""
    if not any(claim.aliases for claim in claims):
        return
    current = {slug_of(p): p for p in all_files}
    taken: dict[str, Claim] = {}
    for claim in claims:
        for alias in claim.aliases:
            where = claim.aliases_position or Position(claim.path)
            if alias in current:
                problems.error(where, "FC028", f"alias '{alias}' is the slug of {display_path(str(current[alias]))}; an alias must be a former slug no claim uses now")
            elif alias in taken and taken[alias] is not claim:
                problems.error(where, "FC028", f"alias '{alias}' is also an alias of {display_path(str(taken[alias].path))}; it can redirect to one claim only")
            taken.setdefault(alias, claim)


def _build_claim(claim_file: ClaimFile, sources: dict[str, Source], verdicts: tuple[Verdict, ...], problems: Problems) -> Claim | None:
    record, path = claim_file.record, claim_file.path
    ok = record.ok
    by_id = {v.id: v for v in verdicts}
    verdict = by_id.get(record.get("verdict"))
    if verdict is None and "verdict" in record.values:
        value = record.get("verdict")
        problems.error(record.positions["verdict"], "FC008", f"unknown verdict '{shown(value)}'{did_you_mean(value, by_id)}; use one of: {', '.join(by_id)}")
        ok = False
    appeared_in = record.get("appeared_in")
    if appeared_in is not None and appeared_in not in sources:
        problems.error(record.positions["appeared_in"], "FC009", _unknown_source(appeared_in, sources))
        ok = False

    evidence = []
    for number, item in enumerate(record.get("evidence", []), 1):
        ev = Evidence(
            source=item.get("source"), quote=item.get("quote"), stance=item.get("stance"),
            position=item.positions.get("quote", item.position), note=item.get("note"),
            occurrence=item.get("occurrence"), number=number,
        )
        if ev.source is None or ev.quote is None:
            ok = False  # already reported by the field check
        elif ev.source not in sources:
            problems.error(item.positions["source"], "FC009", _unknown_source(ev.source, sources))
            ok = False
        elif not _resolve_quote(ev, sources[ev.source], sources, item.positions.get("occurrence"), problems):
            ok = False
        ok = ok and item.ok
        evidence.append(ev)

    if ok and len({e.source for e in evidence}) == 1 and len(sources) > 1:
        problems.warning(record.positions["evidence"], "FC025", "all evidence comes from one source; quote a second source where one exists")
    if not ok:
        return None
    updates = [Update(u.get("date"), u.get("note")) for u in record.get("updates", [])]
    return Claim(
        slug=claim_file.slug, path=path, claim=record.get("claim"), claimant=record.get("claimant"),
        verdict=verdict, summary=record.get("summary"), evidence=evidence, published=record.get("published"),
        appeared_in=appeared_in, said_on=record.get("said_on"), claimant_kind=record.get("claimant_kind", "person"),
        updates=sorted(updates, key=lambda u: u.date, reverse=True), tags=record.get("tags", []),
        aliases=record.get("aliases", []), aliases_position=record.positions.get("aliases"),
        positions={name: record.positions[name] for name in _KEPT_POSITIONS if name in record.positions},
    )


_KEPT_POSITIONS = ("claimant", "claimant_kind", "tags")  # what the people and topics checks point at


def _unknown_source(source_id: str, sources: dict[str, Source]) -> str:
    return f"unknown source '{shown(source_id)}'{did_you_mean(source_id, sources)}; known sources: {', '.join(sorted(sources))}"


def _resolve_quote(ev: Evidence, source: Source, sources: dict[str, Source], occurrence_pos: Position | None, problems: Problems) -> bool:
    """Find the quote in its source and record where; report why if it cannot be placed."""
    if not ev.quote.strip():
        problems.error(ev.position, "FC019", "quote is empty")
        return False
    if not carries_words(ev.quote):
        problems.error(ev.position, "FC038", f"quote '{shown(ev.quote)}' is too short to be evidence: quote at least {MIN_QUOTE_WORDS} words and {MIN_QUOTE_CHARS} characters (every part around ' ... ' with a word)")
        return False
    matches = find_matches(source.normalized, ev.quote, at_most=max(ev.occurrence or 0, MAX_MATCHES))
    if not matches:
        problems.error(ev.position, *_not_found(ev, source, sources))
        return False
    if ev.occurrence is None and len(matches) > 1:
        many = len(matches) >= MAX_MATCHES
        times = f"{len(matches):,} times or more" if many else f"{len(matches)} times"
        where = ", ".join(f"paragraph {m.paragraph}" for m in matches[:10]) + (", …" if len(matches) > 10 else "")
        fix = "quote more words" if many else f"add 'occurrence: N' (1 to {len(matches)}) to say which, or quote more words"
        problems.error(ev.position, "FC012", f"quote matches {times} in '{source.id}' ({where}); {fix}")
        return False
    index = (ev.occurrence or 1) - 1
    if index >= len(matches):
        times = "once" if len(matches) == 1 else f"{len(matches)} times"
        fix = "remove 'occurrence'" if len(matches) == 1 else f"give a number from 1 to {len(matches)}"
        problems.error(occurrence_pos or ev.position, "FC013", f"occurrence {ev.occurrence} asked for, but the quote matches only {times} in '{source.id}'; {fix}")
        return False
    ev.spans, ev.paragraph = matches[index].spans, matches[index].paragraph
    return True


def carries_words(quote: str) -> bool:
    """Whether a quote has enough words to be evidence ('.' or '…' alone has none): at least
    MIN_QUOTE_WORDS words and MIN_QUOTE_CHARS characters, or MIN_QUOTE_CHARS letters in one
    word (a script written without spaces), and a word in every part around an elision."""
    parts = normalized_parts(quote)
    if not parts or not all(_WORD.search(part) for part in parts):
        return False
    text = " ".join(parts)
    words = _WORD.findall(text)
    return (len(words) >= MIN_QUOTE_WORDS and len(text) >= MIN_QUOTE_CHARS) or max(map(len, words)) >= MIN_QUOTE_CHARS


_WORD = re.compile(r"\w+")


def _not_found(ev: Evidence, source: Source, sources: dict[str, Source]) -> tuple[str, str]:
    if spans_paragraphs(source.normalized, ev.quote):
        return "FC026", f"quote runs across a paragraph break in '{source.id}'; quote each paragraph as its own evidence item"
    elsewhere = next((s.id for s in sources.values() if s.id != source.id and find_matches(s.normalized, ev.quote, at_most=1)), None)
    if elsewhere:
        return "FC027", f"quote not found in '{source.id}', but it is in '{elsewhere}': change 'source' to {elsewhere}"
    closest = closest_passage(source.normalized, ev.quote)
    hint = f'; closest passage (paragraph {closest.paragraph}, {closest.similarity:.0%} similar): "{shown(closest.passage, 160)}"' if closest else ""
    return "FC011", f"quote not found in '{source.id}'{hint}"
