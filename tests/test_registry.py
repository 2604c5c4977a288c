"""The people and topics registries, and how claimants and tags are matched to them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.base.name_keys import closest, name_key, page_slug
from factcheck.checking.load_site import load_site
from factcheck.cli.main import main
from factcheck.model.verdicts import scale
from factcheck.rules.problems import ValidationFailed
from fixture_site import FixtureClaim, write_project


def test_spellings_that_differ_only_in_case_accents_punctuation_or_spacing_share_a_key():
    assert name_key("H.R. McMaster") == name_key("H. R.  mcmaster") == name_key("h-r-McMaster") == "h-r-mcmaster"
    assert name_key("José Müller") == "jose-muller"
    assert name_key("Dan O’Brien") == name_key("Dan O'Brien") == "dan-obrien"
    assert name_key("Владимир Путин") == "владимир-путин"
    assert name_key("Herbert McMaster") != name_key("H.R. McMaster")


def test_page_slugs_are_short_and_never_empty():
    assert page_slug("Eric Schuler") == "eric-schuler"
    long = page_slug("word " * 200)
    assert len(long) <= 60 and not long.endswith("-") and long != page_slug("word " * 201)
    assert page_slug("???").startswith("claimant-") and page_slug("???") != page_slug("!!!")


def test_near_names_differ_by_a_letter_or_two_and_never_by_number():
    candidates = [("eric-schuler", "Eric Schuler"), ("speaker-12", "Speaker 12"), ("james-igoe-walsh", "James Igoe Walsh")]
    assert closest("eric-schuller", candidates) == "Eric Schuler"
    assert closest("speaker-13", candidates) is None  # a different speaker, not a typo
    assert closest("james-walsh", candidates) is None  # too different to guess
    assert closest("eric-schuler", candidates) is None  # the same name is not a near miss


def project(tmp_path: Path, claims: list[FixtureClaim], people: str | None = None, topics: str | None = None) -> Path:
    return write_project(tmp_path / "p", claims, people=people, topics=topics)


def load(root: Path, only=None):
    return load_site(root / "claims", root / "content" / "sources", scale(), only=only,
                     people_path=root / "content" / "people.yaml", topics_path=root / "content" / "topics.yaml")


def claim(n: int, claimant: str, tags=(), extra: str = "") -> FixtureClaim:
    return FixtureClaim(f"claim-{n}", claimant, "mixed", "2026-01-01", list(tags), n, extra)


def test_a_claimant_is_matched_by_id_name_or_alias(tmp_path):
    people = "- id: hr-mcmaster\n  name: H.R. McMaster\n  aliases: [Herbert McMaster]\n"
    root = project(tmp_path, [claim(1, "hr-mcmaster"), claim(2, "h. r. mcmaster"), claim(3, "Herbert McMaster")], people)
    site = load(root)
    assert list(site.people) == ["hr-mcmaster"]
    assert [c.slug for c in site.people["hr-mcmaster"].claims] == ["claim-3", "claim-2", "claim-1"]
    assert all(site.person_of[c.slug].name == "H.R. McMaster" for c in site.claims)


def test_registry_mistakes_are_reported_where_they_are(tmp_path):
    people = ("- id: Bad Id\n  name: A\n"
              "- id: b\n  name: B\n  type: person\n"
              "- id: c\n  nmae: C\n"
              "- id: d\n  name: D\n  aliases: D2\n")
    root = project(tmp_path, [claim(1, "A")], people, topics="id: allies\n")
    with pytest.raises(ValidationFailed) as failure:
        load(root)
    found = [(Path(p.position.path).stem, p.position.line, p.position.col, p.code) for p in failure.value.problems if p.is_error]
    assert found == [("people", 1, 7, "FC006"),  # id not lowercase-hyphenated
                     ("people", 5, 9, "FC006"),  # type is Person or Organization
                     ("people", 6, 3, "FC005"), ("people", 7, 3, "FC004"),  # 'name' misspelt
                     ("people", 10, 12, "FC006"),  # aliases is a list
                     ("topics", 1, 1, "FC006")]  # the file is a list of entries


def test_checking_one_claim_uses_the_registry_but_leaves_site_wide_warnings_out(tmp_path):
    people = "- id: hr-mcmaster\n  name: H.R. McMaster\n- id: dina-powell\n  name: Dina Powell\n"
    root = project(tmp_path, [claim(1, "H.R. McMastr"), claim(2, "Eric Schuler"), claim(3, "Eric Schuller")], people)
    whole = {(Path(p.position.path).name, p.code) for p in load(root).warnings}
    assert whole == {("claim-1.yaml", "FC055"), ("claim-3.yaml", "FC055"), ("people.yaml", "FC058")}
    one = load(root, only=[root / "claims" / "claim-1.yaml"])
    assert {(Path(p.position.path).name, p.code) for p in one.warnings} == {("claim-1.yaml", "FC055")}
    assert one.person_of[one.claims[0].slug].id == "h-r-mcmastr"


def test_the_check_command_checks_a_registry_named_on_it(tmp_path, capsys):
    root = project(tmp_path, [claim(1, "A")], people="- id: a\n  name: A\n  nick: x\n")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        assert main(["check", "content/people.yaml"]) == 1
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err
    assert "content/people.yaml:3:3: FC004 unknown field 'nick' in person entry" in err
    assert "claims/" not in err  # the registry is not read as a claim file


def test_a_free_text_claimant_never_takes_a_registered_page(tmp_path):
    # "Page" is kept for the people index's later pages; a registry id is never taken.
    root = project(tmp_path, [claim(1, "Page"), claim(2, "Eric")], people="- id: eric-2\n  name: Eric Two\n")
    site = load(root)
    assert sorted(site.people) == ["eric", "page-2"]
