"""Checking many claim files at once: claim files are independent once the sources are read,
so many are checked on every core, in forked workers that share the sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.base.normalized_text import NormalizedText
from factcheck.base.parallel import parallel_map, worth_forking
from factcheck.checking.check_cache import Record, Recorder, read_claim_bytes
from factcheck.checking.claim_builder import build_claims
from factcheck.checking.slug_rules import Owner
from factcheck.model.claims import Claim, ClaimFacets
from factcheck.model.sources import Source
from factcheck.model.verdicts import Verdict
from factcheck.rules.problems import Problem, Problems

PARALLEL_CLAIMS = 1500  # claim files; below this, starting worker processes costs more than it saves
PARALLEL_SOURCES = 100  # sources to normalise for quote matching


@dataclass
class Batch:
    """Claim files checked in one go: the claims (``whole``) or only their facets, their
    aliases, cache records of those that passed, and the problems found."""

    claims: list[Claim]
    facets: list[ClaimFacets]
    owners: list[Owner]
    records: list[Record]
    problems: list[Problem]
    passed: int

    def add(self, other: Batch) -> None:
        self.claims += other.claims
        self.facets += other.facets
        self.owners += other.owners
        self.records += other.records
        self.problems += other.problems
        self.passed += other.passed


def build_all(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], contents: dict[str, bytes],
              recorder: Recorder | None, *, whole: bool) -> Batch:
    """Check claim files (from ``contents`` where given, else from disk). Many are checked
    in forked workers that share the sources rather than receive copies; what they send back
    is kept small (the whole claims only when ``whole``, a build's need, else their facets;
    cache records made there, not here)."""
    if worth_forking(len(paths), PARALLEL_CLAIMS):
        _normalize_in_parallel(sources)  # once, here, rather than once in every worker
    total = Batch([], [], [], [], [], 0)
    for part in parallel_map(_build_chunk, paths, _Checking(sources, verdicts, contents, recorder, whole), min_items=PARALLEL_CLAIMS):
        total.add(part)
    return total


@dataclass(frozen=True)
class _Checking:
    """What every chunk of claim files is checked against (inherited by forked workers)."""

    sources: dict[str, Source]
    verdicts: tuple[Verdict, ...]
    contents: dict[str, bytes]
    recorder: Recorder | None
    whole: bool


def _build_chunk(checking: _Checking, paths: Sequence[str]) -> Batch:
    return _build_batch(list(paths), checking.sources, checking.verdicts, checking.contents, checking.recorder, checking.whole)


def _build_batch(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], contents: dict[str, bytes],
                 recorder: Recorder | None, whole: bool) -> Batch:
    problems = Problems()
    if recorder is not None:  # files the cache did not read are read here, for their records' keys
        for path in paths:
            if path not in contents and (data := read_claim_bytes(path)) is not None:
                contents[path] = data
    claims = build_claims(paths, sources, verdicts, problems, contents)
    records = []
    if recorder is not None:
        failed = {p.position.path for p in problems.items if p.is_error}
        warnings: dict[str, list[Problem]] = {}
        for problem in problems.items:
            if not problem.is_error:
                warnings.setdefault(problem.position.path, []).append(problem)
        records = [recorder.record(c.path, contents[c.path], c, warnings.get(c.path, []), sources, whole=whole)
                   for c in claims if c.path not in failed and c.path in contents]
    owners: list[Owner] = [(c.path, c.aliases, c.aliases_position) for c in claims]
    if whole:
        return Batch(claims, [], owners, records, problems.items, len(claims))
    return Batch([], [c.facets() for c in claims], owners, records, problems.items, len(claims))


def _normalize_chunk(sources: dict[str, Source], source_ids: Sequence[str]) -> list[tuple[str, NormalizedText]]:
    return [(source_id, sources[source_id].normalized) for source_id in source_ids]


def _normalize_in_parallel(sources: dict[str, Source]) -> None:
    """Normalise every source for quote matching, shared over the cores (for many sources,
    this is the longest part of a check that cannot be split by claim)."""
    todo = [source_id for source_id, source in sources.items() if "normalized" not in source.__dict__]
    for part in parallel_map(_normalize_chunk, todo, sources, min_items=PARALLEL_SOURCES, chunk_size=max(10, len(todo) // 16)):
        for source_id, normalized in part:
            sources[source_id].__dict__["normalized"] = normalized  # where cached_property keeps it
