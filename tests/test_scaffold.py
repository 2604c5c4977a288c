"""``factcheck new``: scripted with flags, and interactive through its questions."""

from __future__ import annotations

import dataclasses
import json
import os
import pty
import select
import sys
import tempfile
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT
from factcheck.checking import load_site as site
from factcheck.cli import new_claim as scaffold
from factcheck.cli.main import main
from factcheck.cli.new_claim import EvidenceInput, NewClaim, ScaffoldError, complete_interactively, slugify, write_claim
from factcheck.model.verdicts import scale
from factcheck.reading import field_values as fields
from fixture_site import add_excerpts, default_claims, write_project

QUOTE = "He did not reveal the specific intelligence gathering method"
SECOND = "The story that came out tonight as reported is false"


@pytest.fixture
def project(tmp_path) -> Path:
    """A fixture project whose sources include the news excerpts the quotes above are from."""
    return add_excerpts(write_project(tmp_path / "project", default_claims()[:3]))


def run(project: Path, *args: str) -> int:
    cwd = os.getcwd()
    os.chdir(project)
    try:
        return main(list(args))
    finally:
        os.chdir(cwd)


def test_slug_is_made_from_the_claim():
    assert slugify("It's virtually certain that no laws were broken.") == "its-virtually-certain-that-no-laws-were-broken"
    assert slugify("Trump’s “déjà vu”: a claim") == "trumps-deja-vu-a-claim"
    assert len(slugify("word " * 40)) <= 60


def test_new_with_flags_writes_a_file_that_checks(project, capsys):
    args = ["new", "--claim", "Sources: none were discussed", "--claimant", "H.R. McMaster", "--verdict", "misleading",
            "--summary", "The Post says otherwise.", "--evidence", f"washington-post:supports:{QUOTE}",
            "--evidence", f"slate:context:{SECOND}", "--no-input"]
    assert run(project, *args) == 0
    path = project / "claims" / "sources-none-were-discussed.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/claim.schema.json\n")
    assert "#   unverifiable  the available evidence cannot settle it" in text
    assert 'claim: "Sources: none were discussed"' in text
    assert run(project, "check", str(path)) == 0
    # Editors check the file against the JSON Schema its first line names: it must pass that too.
    schema = json.loads((ROOT / "schema" / "claim.schema.json").read_text())
    jsonschema.validate(yaml.load(text, Loader=yaml.BaseLoader), schema)  # scalars as text, as editors read them
    # The same claim again: the slug is taken and the file is left alone.
    assert run(project, *args) == 1
    err = capsys.readouterr().err
    assert "claims/sources-none-were-discussed.yaml already exists: edit that file, or choose another name with --slug" in err
    assert path.read_text() == text


def test_a_claimant_near_a_registered_name_gets_a_did_you_mean(project, capsys):
    (project / "content" / "people.yaml").write_text("- id: hr-mcmaster\n  name: H.R. McMaster\n")
    args = ["new", "--claim", "Nothing was discussed", "--claimant", "H.R. McMastr", "--verdict", "misleading", "--summary", "No.",
            "--evidence", f"washington-post:supports:{QUOTE}", "--evidence", f"slate:context:{SECOND}", "--no-input"]
    capsys.readouterr()
    assert run(project, *args) == 0  # a warning: the file is written
    err = capsys.readouterr().err
    assert "claims/nothing-was-discussed.yaml:4:11: FC055 warning: claimant 'H.R. McMastr' is near 'H.R. McMaster'" in err
    assert "FC058" not in err  # one new claim says nothing about the registry's other entries


def test_a_quote_not_in_its_source_is_refused_before_writing(project, capsys):
    code = run(project, "new", "--claim", "A claim", "--claimant", "X", "--verdict", "false", "--no-input",
               "--evidence", f"washington-post:supports:{QUOTE}", "--evidence", f"washington-post:refutes:{SECOND}")
    assert code == 1
    err = capsys.readouterr().err
    assert "claims/a-claim.yaml:" in err
    assert "FC027 quote not found in 'washington-post', but it is in 'slate': change 'source' to slate" in err
    assert not (project / "claims" / "a-claim.yaml").exists()


def test_blank_summary_is_left_for_the_contributor_and_check_says_so(project, capsys):
    assert run(project, "new", "--claim", "A claim", "--claimant", "X", "--verdict", "false", "--no-input",
               "--evidence", f"washington-post:supports:{QUOTE}") == 0
    capsys.readouterr()
    assert run(project, "check", "claims/a-claim.yaml") == 1
    assert "FC019 'summary' is empty" in capsys.readouterr().err


def test_only_the_blank_summary_is_left_for_later_whatever_its_wording(project, monkeypatch):
    """``new`` tells the blank it leaves by code and field, not by the message's words."""
    from factcheck.rules import catalogue
    sources = project / "content" / "sources"
    blank_summary = NewClaim("A claim", "X", "false", [EvidenceInput("washington-post", "supports", QUOTE)])
    reworded = dataclasses.replace(catalogue.FC019, messages={**catalogue.FC019.messages, "": "no value for {field}"})
    monkeypatch.setattr(scaffold, "FC019", reworded)
    monkeypatch.setattr(fields, "FC019", reworded)
    path, warnings = write_claim(blank_summary, project / "claims", sources, scale())
    assert path.exists() and [w.code for w in warnings] == []
    blank_claimant = NewClaim("Another claim", " ", "false", [EvidenceInput("washington-post", "supports", QUOTE)])
    with pytest.raises(ScaffoldError) as refused:
        write_claim(blank_claimant, project / "claims", sources, scale())
    assert [(p.code, p.subject, p.message) for p in refused.value.problems] == [("FC019", "claimant", "no value for claimant")]


def test_a_quote_is_checked_in_memory_against_sources_read_once(project, monkeypatch):
    """Each answer is checked without writing a trial file or loading the site again."""
    reads = []
    real_read_source = site.read_source
    monkeypatch.setattr(site, "read_source", lambda *a, **k: reads.append(a[0]) or real_read_source(*a, **k))
    monkeypatch.setattr(site, "load_site", None)  # not called
    monkeypatch.setattr(tempfile, "TemporaryDirectory", None)
    answers = iter(["washington-post", "supports", "He did not reveal the method", QUOTE, "n"])
    said: list[str] = []
    data = {"claim": "A claim", "claimant": "X", "verdict": "false", "summary": "s", "evidence": []}
    claim = complete_interactively(data, project / "content" / "sources", scale(), lambda q: next(answers), said.append)
    assert [e.quote for e in claim.evidence] == [QUOTE]
    assert any(s.startswith("FC011 quote not found in 'washington-post'") for s in said)
    assert len(reads) == len(set(reads)) == len(list((project / "content" / "sources").glob("*.txt")))


def test_missing_flags_without_a_terminal_fail_with_the_flags_named(project, capsys):
    assert run(project, "new", "--claim", "A claim", "--no-input") == 1
    assert "new: --claimant, --verdict, --evidence needed" in capsys.readouterr().err


def test_bad_evidence_flag(project, capsys):
    assert run(project, "new", "--claim", "A", "--claimant", "X", "--verdict", "false", "--evidence", "slate-only") == 1
    assert "must be SOURCE:STANCE:QUOTE" in capsys.readouterr().err


def test_interactive_questions_recheck_each_answer(project):
    answers = iter([
        "It was all fine",  # claim
        "",  # claimant: asked again
        "A spokesman",
        "mislead",  # not a verdict: asked again
        "misleading",
        "What we found.",
        "the-post", "washington-post",  # unknown source, then a known one
        "support", "supports",
        "He did not reveal the method",  # not in the source: asked again
        QUOTE,
        "y",
        "slate", "context", SECOND,
        "n",
    ])
    said: list[str] = []
    data = {"claim": None, "claimant": None, "verdict": None, "summary": "", "appeared_in": None, "said_on": None, "evidence": []}
    claim = complete_interactively(data, project / "content" / "sources", scale(), lambda q: next(answers), said.append)
    assert next(answers, "done") == "done"
    assert claim.claimant == "A spokesman" and claim.verdict == "misleading"
    assert [(e.source, e.stance, e.quote) for e in claim.evidence] == [("washington-post", "supports", QUOTE), ("slate", "context", SECOND)]
    assert any("'mislead' is not one of" in s and "did you mean 'misleading'" in s for s in said)
    assert any(s.startswith("FC011 quote not found in 'washington-post'") for s in said)
    path, warnings = write_claim(claim, project / "claims", project / "content" / "sources", scale())
    assert path.name == "it-was-all-fine.yaml" and warnings == []


def test_write_claim_never_reuses_a_slug(project):
    existing = min((project / "claims").glob("*.yaml"))
    data = NewClaim("x", "y", "false", [EvidenceInput("washington-post", "supports", QUOTE)])
    with pytest.raises(ScaffoldError, match="already exists"):
        write_claim(data, project / "claims", project / "content" / "sources", scale(), slug=existing.stem)
    # Slugs are site-wide: a claim in a subfolder takes its slug too.
    (project / "claims" / "2017").mkdir()
    (project / "claims" / "2017" / "older-claim.yml").write_text("claim: x\n")
    with pytest.raises(ScaffoldError, match=r"older-claim\.yml already exists"):
        write_claim(data, project / "claims", project / "content" / "sources", scale(), slug="older-claim")


def test_interactive_in_a_real_terminal(project):
    """The command asks its questions when its input is a terminal."""
    answers = ["Nothing was shared", "A spokesman", "false", "", "washington-post", "refutes", QUOTE, "n"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with a terminal for stdin and stdout
        os.chdir(project)
        os.execv(sys.executable, [sys.executable, "-m", "factcheck", "new"])
    output = b""
    deadline = time.monotonic() + 60
    try:
        for answer in answers:
            while not output.rstrip().endswith((b":", b"]")) and time.monotonic() < deadline:
                ready, _, _ = select.select([fd], [], [], 1)
                if ready:
                    output += os.read(fd, 4096)
            output = b""
            os.write(fd, answer.encode() + b"\n")
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
    finally:
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output.decode()
    assert b"wrote claims/nothing-was-shared.yaml" in output
    text = (project / "claims" / "nothing-was-shared.yaml").read_text()
    assert "verdict: false" in text and QUOTE in text
