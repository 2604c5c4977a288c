"""From a claim file's fields to a ``Claim``: its verdict (FC008) and sources (FC009)
resolved, every evidence quote placed in its source, and a warning when all evidence comes
from one source (FC025). A claim is made only when all of it is right."""

from __future__ import annotations

from pathlib import Path

from factcheck.base.escaping import shown
from factcheck.checking.quote_rules import check_quote
from factcheck.model.claims import Claim, Evidence, Update
from factcheck.model.sources import Source
from factcheck.model.verdicts import Verdict
from factcheck.reading.claim_files import ClaimFields, read_claim_file
from factcheck.reading.field_values import did_you_mean
from factcheck.rules.catalogue import FC008, FC009, FC025
from factcheck.rules.problems import Position, Problems

_KEPT_POSITIONS = ("claimant", "claimant_kind", "tags")  # what the people and topics checks point at


def build_claims(paths: list[str], sources: dict[str, Source], verdicts: tuple[Verdict, ...], problems: Problems,
                 contents: dict[str, bytes] | None = None) -> list[Claim]:
    """The claims of those files (read from ``contents`` where given, else from disk) that pass."""
    claims = []
    contents = contents or {}
    for path in paths:
        fields = read_claim_file(path, problems, contents.get(path))
        if fields is not None:
            claim = build_claim(fields, sources, verdicts, problems)
            if claim is not None:
                claims.append(claim)
    return claims


def check_claim_text(path: str | Path, text: str, sources: dict[str, Source], verdicts: tuple[Verdict, ...],
                     problems: Problems) -> Claim | None:
    """Every check of one claim file whose text is held in memory (``factcheck new``), against
    sources already loaded: no file is written and no other claim is read."""
    claims = build_claims([str(path)], sources, verdicts, problems, {str(path): text.encode("utf-8")})
    return claims[0] if claims else None


def build_claim(fields: ClaimFields, sources: dict[str, Source], verdicts: tuple[Verdict, ...], problems: Problems) -> Claim | None:
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
    if fields.claim is None or fields.claimant is None or fields.summary is None or fields.published is None:
        return None  # required: their absence was reported by the field check
    updates = sorted((Update(u.date, u.note) for u in fields.updates), key=lambda u: u.date, reverse=True)  # type: ignore[arg-type]
    return Claim(
        slug=fields.slug, path=fields.path, claim=fields.claim, claimant=fields.claimant,
        verdict=verdict, summary=fields.summary, evidence=tuple(evidence), published=fields.published,
        appeared_in=appeared_in, said_on=fields.said_on, claimant_kind=fields.claimant_kind or "person",
        updates=tuple(updates), tags=fields.tags, aliases=fields.aliases, aliases_position=fields.positions.get("aliases"),
        positions={name: fields.positions[name] for name in _KEPT_POSITIONS if name in fields.positions},
    )


def _unknown_source(problems: Problems, position: Position, subject: str, source_id: str, sources: dict[str, Source]) -> None:
    FC009.report(problems, position, subject=subject, value=shown(source_id), hint=did_you_mean(source_id, sources),
                 known=", ".join(sorted(sources)))
