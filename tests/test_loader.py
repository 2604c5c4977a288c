"""Loading claim and source files: every kind of problem, with its line and column."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from factcheck.checking.load_site import load_site
from factcheck.model.verdicts import scale
from factcheck.reading.claim_files import ClaimFields, EvidenceFields, UpdateFields, value_names
from factcheck.reading.field_table import CLAIM_FIELDS, EVIDENCE_FIELDS, UPDATE_FIELDS
from factcheck.reading.source_files import read_source
from factcheck.rules.problems import Problems, ValidationFailed

SOURCES = Path(__file__).parent / "fixtures" / "sources"  # short excerpts, shared with tests/test_fixtures.py

GOOD = """\
claim: At no time were intelligence sources or methods discussed.
claimant: H.R. McMaster
appeared_in: washington-post
said_on: 2017-05-15
verdict: misleading
summary: |
  The Post reports that Trump did not reveal the method.
evidence:
  - source: washington-post
    quote: He did not reveal the specific intelligence gathering method
    stance: supports
  - source: slate
    quote: "\u201cThe story that came out tonight as reported is false,\u2019\u2019 he said"
    stance: context
published: 2026-11-22
"""


def load(tmp_path: Path, text: str | bytes, name: str = "a-claim.yaml", sources: Path = SOURCES):
    claims = tmp_path / "claims"
    claims.mkdir(exist_ok=True)
    target = claims / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_site(claims, sources, scale())


def problems(tmp_path: Path, text: str | bytes, name: str = "a-claim.yaml") -> list[str]:
    """Each problem as 'line:col: CODE message' (the path is checked separately)."""
    with pytest.raises(ValidationFailed) as failure:
        load(tmp_path, text, name)
    out = []
    for problem in failure.value.problems:
        assert problem.position.path.endswith(name)
        p = problem.position
        out.append(f"{p.line}:{p.col}: {problem.code} {problem.message}")
    return out


def test_a_good_claim_loads_with_resolved_quotes(tmp_path):
    site = load(tmp_path, GOOD)
    (claim,) = site.claims
    assert claim.slug == "a-claim"
    assert claim.verdict.label == "Misleading"
    first, _second = claim.evidence
    text = site.sources["washington-post"].text
    assert text[slice(*first.spans[0])] == "He did not reveal the specific intelligence gathering method"
    assert first.paragraph == 13
    assert site.citations["slate"][0].claim is claim


def test_problem_text_is_path_line_col_code_message(tmp_path):
    with pytest.raises(ValidationFailed) as failure:
        load(tmp_path, GOOD.replace("verdict: misleading", "verdict: wrong"))
    (problem,) = failure.value.problems
    assert str(problem).endswith("a-claim.yaml:5:10: FC008 unknown verdict 'wrong'; use one of: true, mostly-true, mixed, misleading, mostly-false, false, unverifiable")


def test_yaml_syntax_error(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("claimant: H.R. McMaster", "claimant: [H.R. McMaster"))
    assert msg == "3:12: FC001 YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence); a value that starts with '[' is a list: close it with ']', or put the whole value in quotes"


def test_unknown_field_with_did_you_mean(tmp_path):
    out = problems(tmp_path, GOOD.replace("verdict:", "verdit:"))
    assert out == [
        "1:1: FC005 missing required field 'verdict' in claim",
        "5:1: FC004 unknown field 'verdit' in claim (did you mean 'verdict'?)",
    ]


def test_missing_field_points_at_the_mapping_that_lacks_it(tmp_path):
    text = GOOD.replace("    stance: supports\n", "")
    assert problems(tmp_path, text) == ["9:5: FC005 missing required field 'stance' in evidence entry"]


def test_mistyped_field(tmp_path):
    text = GOOD.replace("claimant: H.R. McMaster", "claimant:\n  - H.R. McMaster")
    assert problems(tmp_path, text) == ["3:3: FC006 'claimant' must be text, not a list"]


def test_scalars_are_read_as_written(tmp_path):
    site = load(tmp_path, GOOD.replace("verdict: misleading", "verdict: true"))
    assert site.claims[0].verdict.id == "true"
    site = load(tmp_path, GOOD.replace("verdict: misleading", "verdict: false"))
    assert site.claims[0].verdict.id == "false"


def test_unknown_verdict_suggests_the_nearest(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("verdict: misleading", "verdict: mislead"))
    assert msg.startswith("5:10: FC008 unknown verdict 'mislead' (did you mean 'misleading'?)")


def test_unknown_source(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("- source: slate", "- source: slat"))
    assert msg.startswith("12:13: FC009 unknown source 'slat' (did you mean 'slate'?)")


def test_unknown_appeared_in(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("appeared_in: washington-post", "appeared_in: the-post"))
    assert msg.startswith("3:14: FC009 unknown source 'the-post'")


def test_bad_stance(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("stance: supports", "stance: support"))
    assert msg == "11:13: FC010 unknown stance 'support' (did you mean 'supports'?); use one of: supports, refutes, context"


def test_bad_date(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("said_on: 2017-05-15", "said_on: 15 May 2017"))
    assert msg == "4:10: FC007 'said_on' must be a date as YYYY-MM-DD, got '15 May 2017'"
    (msg,) = problems(tmp_path, GOOD.replace("said_on: 2017-05-15", "said_on: 2017-02-30"))
    assert msg.startswith("4:10: FC007")


def test_future_date(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("published: 2026-11-22", "published: 2999-01-01"))
    assert msg == "15:12: FC021 'published' is in the future: 2999-01-01; give a date no later than today"


def test_empty_file(tmp_path):
    assert problems(tmp_path, "") == ["1:1: FC002 claim file is empty: it needs at least claim, claimant, verdict, summary, evidence and published"]
    assert problems(tmp_path, "# only a comment\n")[0].startswith("1:1: FC002")


def test_non_utf8_bytes(tmp_path):
    data = GOOD.replace("H.R. McMaster", "H.R. McMaster \u201c").encode("cp1252")
    assert problems(tmp_path, data) == ["2:25: FC003 byte 0x93 is not valid UTF-8; save the file as UTF-8"]


def test_quote_not_found_names_the_closest_passage(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("the specific intelligence gathering method", "the specific intelligence method"))
    assert msg.startswith("10:12: FC011 quote not found in 'washington-post'; closest passage (paragraph 13, ")
    assert '% similar): "He did not reveal the specific intelligence gathering' in msg


def test_ambiguous_quote_needs_occurrence(tmp_path):
    text = GOOD.replace("He did not reveal the specific intelligence gathering method", "officials said")
    (msg,) = problems(tmp_path, text)
    assert msg.startswith("10:12: FC012 quote matches ")
    assert "add 'occurrence: N'" in msg


def test_occurrence_picks_a_match(tmp_path):
    text = GOOD.replace("He did not reveal the specific intelligence gathering method", "officials said")
    site = load(tmp_path, text.replace("    stance: supports\n", "    stance: supports\n    occurrence: 2\n"))
    first_two = list(site.sources["washington-post"].text.split("officials said"))[:2]
    assert site.claims[0].evidence[0].spans[0][0] == len(first_two[0]) + len("officials said") + len(first_two[1])


def test_occurrence_out_of_range(tmp_path):
    text = GOOD.replace("    stance: supports\n", "    stance: supports\n    occurrence: 3\n")
    assert problems(tmp_path, text) == ["12:17: FC013 occurrence 3 asked for, but the quote matches only once in 'washington-post'; remove 'occurrence'"]


def test_quote_in_the_wrong_source(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("- source: slate", "- source: washington-post"))
    assert msg.startswith("13:12: FC027 quote not found in 'washington-post', but it is in 'slate'")


def test_duplicate_slug(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a-claim.yaml").write_text(GOOD)
    out = problems(tmp_path, GOOD, name="a-claim.yml")
    assert out == ["1:1: FC014 slug 'a-claim' is already used by " + str(tmp_path / "claims" / "a-claim.yaml") + "; rename one of the files"]


def test_file_name_must_be_a_slug(tmp_path):
    assert problems(tmp_path, GOOD, name="Bad Name.yaml")[0].startswith("1:1: FC015")


def test_duplicate_key(tmp_path):
    out = problems(tmp_path, GOOD.replace("claimant: H.R. McMaster", "claimant: H.R. McMaster\nclaimant: Someone"))
    assert out == ["3:1: FC016 duplicate field 'claimant' (first given on line 2); keep one of the two"]


def test_aliases_are_refused(tmp_path):
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n' + GOOD
    assert problems(tmp_path, bomb) == ["2:8: FC017 YAML aliases (*name) are not allowed in claim files; write the value out"]


def test_tab_indentation(tmp_path):
    (msg,) = problems(tmp_path, GOOD.replace("  - source: slate", "\t- source: slate"))
    assert msg.startswith("12:1: FC022 tab character")


def test_all_problems_of_a_run_are_reported_together(tmp_path):
    text = GOOD.replace("verdict: misleading", "verdict: nope").replace("stance: context", "stance: nope")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "other.yaml").write_text(GOOD.replace("claimant: H.R. McMaster", "claimant:"))
    with pytest.raises(ValidationFailed) as failure:
        load(tmp_path, text)
    codes = sorted(p.code for p in failure.value.problems)
    assert codes == ["FC008", "FC010", "FC019"]


def test_raw_html_is_a_warning_not_an_error(tmp_path):
    site = load(tmp_path, GOOD.replace("The Post reports", "<script>alert(1)</script> The Post reports"))
    assert [w.code for w in site.warnings] == ["FC020"]


def test_bom_and_crlf_are_accepted_with_warnings(tmp_path):
    site = load(tmp_path, ("\ufeff" + GOOD.replace("\n", "\r\n")).encode("utf-8"))
    assert sorted(w.code for w in site.warnings) == ["FC023", "FC024"]
    assert site.claims[0].claimant == "H.R. McMaster"


def test_source_front_matter_errors(tmp_path):
    bad = tmp_path / "bad-source.txt"
    bad.write_text("---\ntitle: A title\npublisher: [x\n---\nText.\n")
    found = Problems()
    assert read_source(bad, found) is None
    (problem,) = found.errors
    assert (problem.position.line, problem.code) == (3, "FC001")  # the unclosed list
    missing = tmp_path / "no-front-matter.txt"
    missing.write_text("Just text.\n")
    found = Problems()
    assert read_source(missing, found) is None
    assert [(p.position.line, p.code) for p in found.errors] == [(1, "FC018")]



def test_typed_claim_fields_are_the_field_table():
    """Claim data leaves the reader as typed fields, named as in the field table: the two cannot drift."""
    for typed, table in ((ClaimFields, CLAIM_FIELDS), (EvidenceFields, EVIDENCE_FIELDS), (UpdateFields, UPDATE_FIELDS)):
        assert sorted(value_names(typed)) == sorted(f.name for f in table), typed.__name__


def test_models_are_frozen_and_made_complete(tmp_path):
    site = load(tmp_path, GOOD)
    claim = site.claims[0]
    for record in (claim, claim.evidence[0], site.sources["slate"], site.person_of[claim.slug], site):
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.slug = "changed"  # type: ignore[misc]
    assert all(item.spans and item.paragraph for item in claim.evidence)
    assert site.person_of[claim.slug].claims == (claim,)
