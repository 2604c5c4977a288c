"""``factcheck new``: write a new claim file from a claim text and its evidence.

The file is checked with the same checks as ``factcheck check`` before it is written (its
text in memory, against the sources read once), so a quote that is not in its source is
refused with the same message and nothing is left half-written in claims/.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.checking.claim_builder import check_claim_text
from factcheck.checking.claimants import resolve_people
from factcheck.checking.load_site import load_sources
from factcheck.checking.topics import resolve_topics
from factcheck.model.sources import Source
from factcheck.model.verdicts import Verdict
from factcheck.project.settings import RegistryPaths
from factcheck.reading.claim_files import claim_files, slug_of
from factcheck.reading.field_table import SLUG_PATTERN, STANCES
from factcheck.reading.field_values import did_you_mean
from factcheck.reading.registries import read_people, read_topics
from factcheck.rules.catalogue import FC019
from factcheck.rules.problems import Problem, Problems, display_path

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/claim.schema.json"
MAX_SLUG_WORDS = 8
MAX_SLUG_LENGTH = 60
# Problems with the file's own blanks, which the contributor fills in after scaffolding:
# (code, field) pairs, so that rewording a message changes nothing here.
_LEFT_FOR_LATER = {(FC019.code, "summary")}


class ScaffoldError(Exception):
    """The claim cannot be written; ``problems`` says why, as ``factcheck check`` would."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class EvidenceInput:
    source: str
    stance: str
    quote: str

    @classmethod
    def parse(cls, text: str) -> EvidenceInput:
        """``SOURCE:STANCE:QUOTE``; the quote may itself contain colons."""
        parts = text.split(":", 2)
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise ScaffoldError(f"--evidence '{text}' must be SOURCE:STANCE:QUOTE, for example washington-post:supports:He did not reveal the method")
        source, stance, quote = (p.strip() for p in parts)
        return cls(source, stance, quote)


@dataclass
class NewClaim:
    claim: str
    claimant: str
    verdict: str
    evidence: list[EvidenceInput]
    summary: str = ""
    appeared_in: str | None = None
    said_on: str | None = None
    published: str = field(default_factory=lambda: dt.date.today().isoformat())


def slugify(text: str) -> str:
    """A file name from a claim: its first words, lowercase ASCII, joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019]", "", ascii_text.lower())  # "it's" -> "its", not "it-s"
    words = re.findall(r"[a-z0-9]+", ascii_text)[:MAX_SLUG_WORDS]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG_LENGTH:
            break
        slug = candidate
    return slug


def existing_claim(claims_dir: Path, slug: str) -> Path | None:
    """The claim file that already has this slug, in any subfolder (slugs are site-wide)."""
    if not claims_dir.is_dir():
        return None
    return next((path for path in claim_files(claims_dir) if slug_of(path) == slug), None)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render(data: NewClaim, verdicts: Sequence[Verdict], source_ids: Sequence[str]) -> str:
    """The claim file's text: required fields, the allowed verdicts and stances in comments."""
    width = max(len(v.id) for v in verdicts)
    lines = [
        SCHEMA_LINE,
        "# A claim file: the format is described in CONTRIBUTING.md. Check it with `make check`.",
        f"claim: {_q(data.claim)}",
        f"claimant: {_q(data.claimant)}",
        f"# appeared_in and said_on are optional. Source ids: {', '.join(source_ids)}",
        f"appeared_in: {data.appeared_in}" if data.appeared_in else "# appeared_in: source-id",
        f"said_on: {data.said_on}" if data.said_on else "# said_on: YYYY-MM-DD",
        "# verdict: one of",
        *(f"#   {v.id:<{width}}  {v.meaning}" for v in verdicts),
        f"verdict: {data.verdict}",
        "# summary: what we found, in our own words (Markdown, no HTML).",
        "summary: |",
        *(f"  {line}" if line else "" for line in (data.summary.strip() or "").split("\n")),
        f"# evidence: stance is one of {', '.join(STANCES)}; quotes are copied verbatim from the source.",
        "evidence:",
    ]
    for item in data.evidence:
        lines += [f"  - source: {item.source}", f"    quote: {_q(item.quote)}", f"    stance: {item.stance}"]
    lines.append(f"published: {data.published}")
    return "\n".join(lines) + "\n"


def validate(text: str, target: Path, sources: dict[str, Source], verdicts: tuple[Verdict, ...],
             registries: RegistryPaths | None = None) -> list[Problem]:
    """Check a claim file's text, held in memory, as ``factcheck check`` would check it at
    ``target``; ``registries`` (people_path, topics_path) let it say "did you mean" about
    the claimant and tags."""
    problems = Problems()
    claim = check_claim_text(target, text, sources, verdicts, problems)
    people_path, topics_path = (registries["people_path"], registries["topics_path"]) if registries else (None, None)
    people, topics = read_people(people_path, problems), read_topics(topics_path, problems)
    if claim is not None:
        resolve_people([claim], people, problems, registry_path=people_path or "people.yaml", whole_site=False)
        resolve_topics([claim], topics, problems, registry_path=topics_path or "topics.yaml", whole_site=False)
    return [p for p in problems.sorted() if (p.code, p.subject) not in _LEFT_FOR_LATER]


def write_claim(data: NewClaim, claims_dir: Path, sources_dir: Path, verdicts: tuple[Verdict, ...], slug: str | None = None,
                registries: RegistryPaths | None = None) -> tuple[Path, list[Problem]]:
    """Write ``claims_dir/<slug>.yaml`` if it checks out; return it and its warnings.

    Raise ``ScaffoldError`` (writing nothing) if the slug is taken or any check fails.
    """
    slug = slug or slugify(data.claim)
    if not SLUG_PATTERN.match(slug):
        raise ScaffoldError(f"cannot make a file name from '{slug}': give --slug as lowercase words joined by hyphens")
    taken = existing_claim(claims_dir, slug)
    if taken is not None:
        raise ScaffoldError(f"{display_path(str(taken))} already exists: edit that file, or choose another name with --slug")
    target = claims_dir / f"{slug}.yaml"
    sources = load_sources(sources_dir, Problems())
    text = render(data, verdicts, sorted(sources))
    problems = validate(text, target, sources, verdicts, registries)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ScaffoldError(f"{display_path(str(target))} not written; fix the quotes or fields above", errors)
    claims_dir.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite a claim
        handle.write(text)
    return target, problems


# -- interactive questions --------------------------------------------------------------

Ask = Callable[[str], str]


def _ask_until(ask: Ask, prompt: str, check: Callable[[str], str | None], say: Callable[[str], None]) -> str:
    """Ask until ``check`` returns no complaint."""
    while True:
        answer = ask(prompt).strip()
        complaint = check(answer)
        if complaint is None:
            return answer
        say(complaint)


def _required(answer: str) -> str | None:
    return None if answer else "an answer is needed"


def _one_of(choices: Sequence[str]) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        if answer in choices:
            return None
        return f"'{answer}' is not one of: {', '.join(choices)}{did_you_mean(answer, choices)}"
    return check


def complete_interactively(
    data: dict[str, Any], sources_dir: Path, verdicts: tuple[Verdict, ...], ask: Ask, say: Callable[[str], None],
) -> NewClaim:
    """Ask for whatever ``data`` lacks; each quote is checked as soon as it is given."""
    sources = load_sources(sources_dir, Problems())
    verdict_ids = [v.id for v in verdicts]
    if not data.get("claim"):
        data["claim"] = _ask_until(ask, "Claim, in the claimant's words: ", _required, say)
    if not data.get("claimant"):
        data["claimant"] = _ask_until(ask, "Who made the claim: ", _required, say)
    if not data.get("verdict"):
        say("Verdicts: " + "; ".join(f"{v.id} ({v.meaning})" for v in verdicts))
        data["verdict"] = _ask_until(ask, "Verdict: ", _one_of(verdict_ids), say)
    if not data.get("summary"):
        data["summary"] = ask("Summary, what we found (Enter to write it later in the file): ").strip()
    evidence: list[EvidenceInput] = list(data.get("evidence") or [])
    if not evidence:
        say("Evidence: quotes copied from the sources. Sources: " + ", ".join(sorted(sources)))
    while True:
        if evidence:
            more = ask("Add another quote? [y/N] ").strip().lower()
            if not more.startswith("y"):
                break
        source = _ask_until(ask, "  Source id: ", _one_of(sorted(sources)), say)
        stance = _ask_until(ask, f"  Stance ({', '.join(STANCES)}): ", _one_of(STANCES), say)
        quote = _ask_until(ask, "  Quote, copied verbatim: ", _quote_check(source, sources, verdicts), say)
        evidence.append(EvidenceInput(source, stance, quote))
    data["evidence"] = evidence
    return NewClaim(**data)


def _quote_check(source: str, sources: dict[str, Source], verdicts: tuple[Verdict, ...]) -> Callable[[str], str | None]:
    """Check one quote as ``factcheck check`` would: a claim holding just that quote, checked
    in memory against the sources already read."""
    def check(quote: str) -> str | None:
        if not quote:
            return "an answer is needed"
        probe = NewClaim(claim="probe", claimant="probe", verdict=verdicts[0].id, summary="probe",
                           evidence=[EvidenceInput(source, "context", quote)])
        problems = [p for p in validate(render(probe, verdicts, []), Path("quote.yaml"), sources, verdicts) if p.is_error]
        return "; ".join(f"{p.code} {p.message}" for p in problems) or None
    return check
