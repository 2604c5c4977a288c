"""Loading a whole site: sources, claims, references between them, and every quote.

This is the one entry point that both the command line and the Pelican plugin call.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_MATCHES, MIN_QUOTE_CHARS, MIN_QUOTE_WORDS
from factcheck.base.normalized_text import NormalizedText, closest_passage, find_matches, normalized_parts, spans_paragraphs
from factcheck.base.parallel import forked_map, inherited, worth_forking
from factcheck.checking.check_cache import CheckCache, Hit, Record, Recorder
from factcheck.checking.claimants import resolve_people
from factcheck.checking.topics import resolve_topics
from factcheck.model.records import Citation, Claim, Evidence, Person, Source, Topic, Update
from factcheck.model.verdicts import Verdict
from factcheck.reading.claim_files import EXTENSIONS, ClaimFile, claim_paths, read_claim_file, slug_of
from factcheck.reading.field_table import did_you_mean
from factcheck.reading.registries import read_people, read_topics
from factcheck.reading.snapshots import check_orphan_snapshots
from factcheck.reading.source_files import read_source, source_files
from factcheck.rules.problems import Position, Problem, Problems, ValidationFailed, display_path

CHECK_CACHE = "check"  # the check cache's folder inside FACTCHECK_CACHE_PATH
NORMALIZE_IN_PARALLEL_FROM = 100  # sources


@dataclass
class Site:
    sources: dict[str, Source]
    claims: list[Claim]  # newest first
    verdicts: tuple[Verdict, ...]
    warnings: list[Problem] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)  # every claimant, by page slug, in name order
    topics: dict[str, Topic] = field(default_factory=dict)  # every tag in use, in label order
    people_path: str | Path | None = None  # the registries it was loaded with
    topics_path: str | Path | None = None

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
    _cite(run.sources, run.claims)
    return Site(run.sources, run.claims, verdicts, run.warnings, run.people, run.topics,
                people_path=people_path, topics_path=topics_path)


def _cite(sources: dict[str, Source], claims: list[Claim]) -> None:
    """List on each source every evidence item that quotes it."""
    for source in sources.values():
        source.citations = []
    for claim in claims:
        for item in claim.evidence:
            sources[item.source].citations.append(Citation(claim, item))


@dataclass
class SiteChange:
    """What ``update_site`` changed: claims as they were and as they are now, and sources."""

    removed: list[Claim] = field(default_factory=list)  # claims as they were, changed or gone
    added: list[Claim] = field(default_factory=list)  # claims as they are now, new or changed
    sources: set[str] = field(default_factory=set)  # ids of sources added, changed or removed

    def __bool__(self) -> bool:
        return bool(self.removed or self.added or self.sources)


def update_site(site: Site, claims_dir: str | Path, sources_dir: str | Path, changed: Iterable[str | Path]) -> SiteChange:
    """Bring a loaded site up to date with some changed (added, edited or removed) claim and
    source files: those sources are read again and those claims checked again, with every
    claim that quotes a changed source. Raise ``ValidationFailed`` with every problem, and
    leave ``site`` as it was, if anything is wrong; otherwise change ``site`` in place."""
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
    _cite(sources, claims)
    site.sources.clear()
    site.sources.update(sorted(sources.items()))  # in file-name order, as when loaded
    site.claims[:] = claims
    site.people, site.topics = people, topics
    site.warnings = problems.warnings
    return change


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
    people: dict[str, Person]
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
    people: dict[str, Person] = {}
    topics: dict[str, Topic] = {}
    if decode:
        claims.sort(key=lambda c: (c.published, c.slug), reverse=True)
        people = resolve_people(claims, people_registry, problems, registry_path=people_path or "people.yaml", whole_site=only is None)
        topics = resolve_topics(claims, topic_registry, problems, registry_path=topics_path or "topics.yaml", whole_site=only is None)
    if problems.errors:
        raise ValidationFailed(problems.sorted())
    return _Run(sources, claims, batch.passed + len(hits), sorted(problems.warnings), people, topics)


Owner = tuple[str, list[str], "Position | None"]  # a claim file's path, its aliases and where they are


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
    owners = [(c.path, c.aliases, c.aliases_position) for c in claims]
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
        claim_file = read_claim_file(path, problems, contents.get(path))
        if claim_file is not None:
            claim = _build_claim(claim_file, sources, verdicts, problems)
            if claim is not None:
                claims.append(claim)
    return claims


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
            problems.error(Position(str(path)), "FC014", f"slug '{shown(slug)}' is already used by {display_path(str(original))}; rename one of the files")


def _check_aliases(owners: list[tuple[str, list[str], Position | None]], all_files: list[str], problems: Problems) -> None:
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
                problems.error(where, "FC028", f"alias '{alias}' is the slug of {display_path(str(current[alias]))}; an alias must be a former slug no claim uses now")
            elif alias in taken and taken[alias] != path:
                problems.error(where, "FC028", f"alias '{alias}' is also an alias of {display_path(str(taken[alias]))}; it can redirect to one claim only")
            taken.setdefault(alias, path)


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
