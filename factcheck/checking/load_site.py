"""Loading a whole site: sources, claims, references between them, and every quote.

This is the one entry point that both the command line and the Pelican plugin call.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Sequence

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_MATCHES, MIN_QUOTE_CHARS, MIN_QUOTE_WORDS
from factcheck.base.normalized_text import Match, NormalizedText, closest_passage, find_matches, normalized_parts, spans_paragraphs
from factcheck.base.parallel import forked_map, inherited, worth_forking
from factcheck.checking.check_cache import CheckCache, Hit, Record, Recorder
from factcheck.checking.claimants import People, resolve_people
from factcheck.checking.topics import resolve_topics
from factcheck.model.records import Claim, Evidence, Source, Topic, Update
from factcheck.model.site import Site, cite
from factcheck.model.verdicts import Verdict
from factcheck.reading.claim_files import EXTENSIONS, ClaimFields, claim_paths, read_claim_file, slug_of
from factcheck.reading.field_table import did_you_mean
from factcheck.reading.registries import read_people, read_topics
from factcheck.reading.snapshots import check_orphan_snapshots
from factcheck.reading.source_files import read_source, source_files
from factcheck.rules.catalogue import FC008, FC009, FC011, FC012, FC013, FC014, FC025, FC026, FC027, FC028, FC038
from factcheck.rules.problems import Position, Problem, Problems, ValidationFailed, display_path

CHECK_CACHE = "check"  # the check cache's folder inside FACTCHECK_CACHE_PATH
NORMALIZE_IN_PARALLEL_FROM = 100  # sources


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
        run = _check(claims_dir, sources_dir, verdicts, only, store, decode=True, people_path=people_path, topics_path=topics_path)
    finally:
        if store is not None:
            store.close()
    return _site(run.sources, run.claims, verdicts, run.warnings, run.people, run.topics, people_path, topics_path)


def _site(sources: dict[str, Source], claims: list[Claim], verdicts: tuple[Verdict, ...], warnings: list[Problem],
          people: People, topics: dict[str, Topic], people_path: str | Path | None, topics_path: str | Path | None) -> Site:
    claims_made = tuple(claims)
    return Site(MappingProxyType(sources), claims_made, verdicts, tuple(warnings), MappingProxyType(people.people),
                MappingProxyType(topics), MappingProxyType(people.person_of), cite(sources, claims_made),
                people_path=people_path, topics_path=topics_path)


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
    recheck = {p for p in changed if p.endswith(EXTENSIONS)}
    recheck |= {path for path, claim in by_path.items() if set(claim.source_ids) & change.sources or claim.appeared_in in change.sources}
    all_files = claim_paths(claims_dir, problems)
    present = [p for p in all_files if os.path.abspath(p) in recheck]
    _check_duplicate_slugs(all_files, present, problems)
    new = _build_claims(present, sources, site.verdicts, problems)
    change.removed = [by_path[p] for p in sorted(recheck) if p in by_path]
    kept = [c for p, c in by_path.items() if p not in recheck]
    _check_aliases([(c.path, c.aliases, c.aliases_position) for c in kept + new], all_files, problems)
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
    return _site(sources, claims, site.verdicts, problems.warnings, people, topics, site.people_path, site.topics_path), change


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
        # The people and topics checks need every claim, so the cached ones are read back.
        run = _check(claims_dir, sources_dir, verdicts, only, store, decode=True, people_path=people_path, topics_path=topics_path)
        result = CheckResult(run.passed, len(run.sources), run.warnings)
        if signature is not None:
            store.remember_tree(signature, {"claims": result.claims, "sources": result.sources, "warnings": [
                [*w.position, w.code, w.message, w.severity] for w in result.warnings]})
        return result
    finally:
        if store is not None:
            store.close()


@dataclass
class _Run:
    sources: dict[str, Source]
    claims: list[Claim]  # those built or read back; with decode=False, only those built
    passed: int  # claim files that passed, built or vouched for by the cache
    warnings: list[Problem]
    people: People
    topics: dict[str, Topic]


def _check(claims_dir, sources_dir, verdicts, only, store: CheckCache | None, *, decode: bool,
           people_path: str | Path | None = None, topics_path: str | Path | None = None) -> _Run:
    """Check every claim file (or those of ``only``); with ``decode``, also return the claims,
    newest first, resolved to people and topics (the checks of those need every claim)."""
    problems = Problems()
    sources = load_sources(sources_dir, problems)
    people_registry = read_people(people_path, problems)
    topic_registry = read_topics(topics_path, problems)
    all_files = claim_paths(claims_dir, problems)
    registries = {os.path.realpath(p) for p in (people_path, topics_path) if p}
    wanted = all_files if only is None else [str(p) for p in only if str(p).endswith(EXTENSIONS) and os.path.realpath(p) not in registries]
    _check_duplicate_slugs(all_files, wanted, problems)

    hits: list[Hit] = []
    contents: dict[str, bytes] = {}
    todo = wanted
    if store is not None:
        todo = []
        for path in wanted:
            hit, data = store.lookup(path, sources)
            if hit is not None:
                hits.append(hit)
            else:
                todo.append(path)
                if data is not None:
                    contents[path] = data
    batch = _build_all(todo, sources, verdicts, contents, store.recorder if store else None, keep=decode)
    problems.extend(batch.problems)
    claims, owners = batch.claims, batch.owners

    if store is not None:
        failed = {p.position.path for p in problems.items if p.is_error}  # only success is remembered
        store.add([r for r in batch.records if r.path not in failed])
        for hit in hits:
            problems.extend(hit.warnings)
        if decode:
            stored = store.claims(hits)
            claims.extend(stored[hit.key] for hit in hits if hit.key in stored)
            again = _build_all([hit.path for hit in hits if hit.key not in stored], sources, verdicts, {}, None, keep=True)
            problems.extend(again.problems)  # unreadable after all, so checked again
            claims.extend(again.claims)
        owners = owners + [(h.path, h.aliases, h.aliases_position) for h in hits]
        store.save(prune=only is None)

    if only is not None:  # report source problems only for sources named on the command line
        named = {str(Path(p).resolve()) for p in only}
        problems.items = [p for p in problems.items if Path(p.position.path).suffix != ".txt" or str(Path(p.position.path).resolve()) in named]
    _check_aliases(owners, all_files, problems)
    people = People({}, {})
    topics: dict[str, Topic] = {}
    if decode:
        claims.sort(key=lambda c: (c.published, c.slug), reverse=True)
        people = resolve_people(claims, people_registry, problems, registry_path=people_path or "people.yaml", whole_site=only is None)
        topics = resolve_topics(claims, topic_registry, problems, registry_path=topics_path or "topics.yaml", whole_site=only is None)
    if problems.errors:
        raise ValidationFailed(problems.sorted())
    return _Run(sources, claims, batch.passed + len(hits), sorted(problems.warnings), people, topics)


Owner = tuple[str, Sequence[str], "Position | None"]  # a claim file's path, its aliases and where they are


@dataclass
class _Batch:
    """Claim files checked in one go: the claims (where wanted), their aliases, cache records
    of those that passed, and the problems found."""

    claims: list[Claim]
    owners: list[Owner]
    records: list[Record]
    problems: list[Problem]
    passed: int

    def add(self, other: "_Batch") -> None:
        self.claims += other.claims
        self.owners += other.owners
        self.records += other.records
        self.problems += other.problems
        self.passed += other.passed


def _build_batch(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], contents: dict[str, bytes],
                 recorder: Recorder | None, keep: bool) -> _Batch:
    problems = Problems()
    claims = _build_claims(paths, sources, verdicts, problems, contents)
    records = []
    if recorder is not None:
        failed = {p.position.path for p in problems.items if p.is_error}
        warnings: dict[str, list[Problem]] = {}
        for problem in problems.items:
            if not problem.is_error:
                warnings.setdefault(problem.position.path, []).append(problem)
        records = [recorder.record(c.path, contents[c.path], c, warnings.get(c.path, []), sources)
                   for c in claims if c.path not in failed and c.path in contents]
    owners: list[Owner] = [(c.path, c.aliases, c.aliases_position) for c in claims]
    return _Batch(claims if keep else [], owners, records, problems.items, len(claims))


def _build_chunk(paths: list[str]) -> _Batch:
    return _build_batch(paths, inherited("sources"), inherited("verdicts"), inherited("contents"), inherited("recorder"), inherited("keep"))


def _build_all(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], contents: dict[str, bytes],
               recorder: Recorder | None, *, keep: bool) -> _Batch:
    """Check claim files (from ``contents`` where given, else from disk). Claim files are
    independent once the sources are read, so many are checked on every core, in forked
    workers that share the sources rather than receive copies; what they send back is kept
    small (the claims only when ``keep``; cache records made there, not here)."""
    if not worth_forking(len(paths)):
        return _build_batch(paths, sources, verdicts, contents, recorder, keep)
    _normalize_in_parallel(sources)  # once, here, rather than once in every worker
    total = _Batch([], [], [], [], 0)
    for part in forked_map(_build_chunk, paths, sources=sources, verdicts=verdicts, contents=contents, recorder=recorder, keep=keep):
        total.add(part)
    return total


def _build_claims(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], problems: Problems,
                  contents: dict[str, bytes] | None = None) -> list[Claim]:
    claims = []
    contents = contents or {}
    for path in paths:
        fields = read_claim_file(path, problems, contents.get(path))
        if fields is not None:
            claim = _build_claim(fields, sources, verdicts, problems)
            if claim is not None:
                claims.append(claim)
    return claims


def check_claim_text(path: str | Path, text: str, sources: dict[str, Source], verdicts: tuple[Verdict, ...],
                     problems: Problems) -> Claim | None:
    """Every check of one claim file whose text is held in memory (``factcheck new``), against
    sources already loaded: no file is written and no other claim is read."""
    claims = _build_claims([str(path)], sources, verdicts, problems, {str(path): text.encode("utf-8")})
    return claims[0] if claims else None


def _normalize_chunk(source_ids: list[str]) -> list[tuple[str, NormalizedText]]:
    sources = inherited("sources")
    return [(source_id, sources[source_id].normalized) for source_id in source_ids]


def _normalize_in_parallel(sources: dict[str, Source]) -> None:
    """Normalise every source for quote matching, shared over the cores (for many sources,
    this is the longest part of a check that cannot be split by claim)."""
    todo = [source_id for source_id, source in sources.items() if "normalized" not in source.__dict__]
    if not worth_forking(len(todo), NORMALIZE_IN_PARALLEL_FROM):
        for source_id in todo:
            sources[source_id].normalized
        return
    for part in forked_map(_normalize_chunk, todo, chunk_size=max(10, len(todo) // 16), sources=sources):
        for source_id, normalized in part:
            sources[source_id].__dict__["normalized"] = normalized  # where cached_property keeps it


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
            FC014.report(problems, Position(str(path)), slug=shown(slug), other=display_path(str(original)))


def _check_aliases(owners: list[Owner], all_files: list[str], problems: Problems) -> None:
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


def _build_claim(fields: ClaimFields, sources: dict[str, Source], verdicts: tuple[Verdict, ...], problems: Problems) -> Claim | None:
    """The claim, made once every reference in it is resolved and every quote found; None
    (with every problem reported) if any is not."""
    ok = fields.ok
    by_id = {v.id: v for v in verdicts}
    verdict = by_id.get(fields.verdict) if fields.verdict is not None else None
    if verdict is None and fields.verdict is not None:
        value = fields.verdict
        FC008.report(problems, fields.positions["verdict"], subject="verdict", value=shown(value), hint=did_you_mean(value, by_id),
                     choices=", ".join(by_id))
        ok = False
    appeared_in = fields.appeared_in
    if appeared_in is not None and appeared_in not in sources:
        _unknown_source(problems, fields.positions["appeared_in"], "appeared_in", appeared_in, sources)
        ok = False

    evidence = []
    for number, item in enumerate(fields.evidence, 1):
        if item.source is None or item.quote is None:
            ok = False  # already reported by the field check
            continue
        if item.source not in sources:
            _unknown_source(problems, item.positions["source"], "source", item.source, sources)
            ok = False
            continue
        position = item.positions.get("quote", item.position)
        match = check_quote(item.quote, item.occurrence, sources[item.source], sources, position, item.positions.get("occurrence"), problems)
        if match is None or item.stance is None or not item.ok:
            ok = False
            continue
        evidence.append(Evidence(source=item.source, quote=item.quote, stance=item.stance, position=position,  # type: ignore[arg-type]
                                 spans=match.spans, paragraph=match.paragraph, note=item.note, occurrence=item.occurrence, number=number))

    if ok and len({e.source for e in evidence}) == 1 and len(sources) > 1:
        FC025.report(problems, fields.positions["evidence"], subject="evidence")
    if not ok or verdict is None or not all(u.ok for u in fields.updates):
        return None
    assert fields.claim is not None and fields.claimant is not None and fields.summary is not None and fields.published is not None
    updates = sorted((Update(u.date, u.note) for u in fields.updates), key=lambda u: u.date, reverse=True)  # type: ignore[arg-type]
    return Claim(
        slug=fields.slug, path=fields.path, claim=fields.claim, claimant=fields.claimant,
        verdict=verdict, summary=fields.summary, evidence=tuple(evidence), published=fields.published,
        appeared_in=appeared_in, said_on=fields.said_on, claimant_kind=fields.claimant_kind or "person",
        updates=tuple(updates), tags=fields.tags, aliases=fields.aliases, aliases_position=fields.positions.get("aliases"),
        positions={name: fields.positions[name] for name in _KEPT_POSITIONS if name in fields.positions},
    )


_KEPT_POSITIONS = ("claimant", "claimant_kind", "tags")  # what the people and topics checks point at


def _unknown_source(problems: Problems, position: Position, subject: str, source_id: str, sources: dict[str, Source]) -> None:
    FC009.report(problems, position, subject=subject, value=shown(source_id), hint=did_you_mean(source_id, sources),
                 known=", ".join(sorted(sources)))


def check_quote(quote: str, occurrence: int | None, source: Source, sources: dict[str, Source], position: Position,
                occurrence_position: Position | None, problems: Problems) -> Match | None:
    """Where a quote is in its source; None, with the reason reported, if it cannot be placed."""
    if not carries_words(quote):  # (a blank quote was refused with its field)
        FC038.report(problems, position, subject="quote", quote=shown(quote), words=MIN_QUOTE_WORDS, chars=MIN_QUOTE_CHARS)
        return None
    matches = find_matches(source.normalized, quote, at_most=max(occurrence or 0, MAX_MATCHES))
    if not matches:
        _not_found(problems, position, quote, source, sources)
        return None
    if occurrence is None and len(matches) > 1:
        many = len(matches) >= MAX_MATCHES
        times = f"{len(matches):,} times or more" if many else f"{len(matches)} times"
        where = ", ".join(f"paragraph {m.paragraph}" for m in matches[:10]) + (", …" if len(matches) > 10 else "")
        fix = "quote more words" if many else f"add 'occurrence: N' (1 to {len(matches)}) to say which, or quote more words"
        FC012.report(problems, position, subject="quote", times=times, source=source.id, where=where, fix=fix)
        return None
    index = (occurrence or 1) - 1
    if index >= len(matches):
        times = "once" if len(matches) == 1 else f"{len(matches)} times"
        fix = "remove 'occurrence'" if len(matches) == 1 else f"give a number from 1 to {len(matches)}"
        FC013.report(problems, occurrence_position or position, subject="occurrence", occurrence=occurrence, times=times, source=source.id, fix=fix)
        return None
    return matches[index]


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


def _not_found(problems: Problems, position: Position, quote: str, source: Source, sources: dict[str, Source]) -> None:
    if spans_paragraphs(source.normalized, quote):
        FC026.report(problems, position, subject="quote", source=source.id)
        return
    elsewhere = next((s.id for s in sources.values() if s.id != source.id and find_matches(s.normalized, quote, at_most=1)), None)
    if elsewhere:
        FC027.report(problems, position, subject="quote", source=source.id, elsewhere=elsewhere)
        return
    closest = closest_passage(source.normalized, quote)
    hint = f'; closest passage (paragraph {closest.paragraph}, {closest.similarity:.0%} similar): "{shown(closest.passage, 160)}"' if closest else ""
    FC011.report(problems, position, subject="quote", source=source.id, hint=hint)
