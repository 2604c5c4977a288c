"""The reference site's own content (claims/, content/sources/, content/people.yaml and
topics.yaml) is complete and clean.

These tests, and the others under tests/reference/, are the ones that break when the example
content changes. Tests of the generator build their own small sites (tests/fixture_site.py,
tests/newsites.py, tests/fixtures/) and never read the reference content;
tests/test_reference_guard.py keeps it so.
"""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT, SOURCES
from factcheck.checking.load_site import load_site
from factcheck.model.verdicts import scale
from factcheck.project.settings import read, registry_paths
from factcheck.reading.source_files import read_source
from factcheck.rules.problems import Problems

REQUIRED_CLAIMS = ("no-laws-were-broken", "sources-or-methods-not-discussed")


@pytest.fixture(scope="module")
def site():
    settings = read(ROOT / "pelican.conf.py")
    return load_site(ROOT / "claims", SOURCES, scale(settings["FACTCHECK_VERDICTS"]), **registry_paths(settings))


def test_every_archived_source_loads():
    found = Problems()
    for path in sorted(SOURCES.glob("*.txt")):
        source = read_source(path, found)
        assert source is not None and source.paragraphs
    assert not found.items


def test_check_command_passes_on_the_reference_claims():
    result = subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


def test_reference_claims_exist_with_enough_evidence(site):
    by_slug = {c.slug: c for c in site.claims}
    for slug in REQUIRED_CLAIMS:
        claim = by_slug[slug]
        assert len(claim.evidence) >= 3
        assert len(claim.source_ids) >= 2


def test_reference_claimants_and_tags_are_all_in_the_registries(site):
    """The reference site's people and topics are cleaned up: every claimant has a registry
    entry with a type, every tag a label and a description, and no page holds one claim's
    worth of a spelling variant."""
    assert site.people and site.topics
    for person in site.people.values():
        assert person.registered and person.type in ("Person", "Organization"), person.name
        assert "," not in person.name, f"{person.name}: the role belongs in 'role', not in the name"
    for topic in site.topics.values():
        assert topic.registered and topic.description, topic.id
    assert site.people["anonymous-officials"].type == "Organization"
    assert sum(len(p.claims) for p in site.people.values()) == len(site.claims)
    assert not [w for w in site.warnings if w.code in ("FC055", "FC057", "FC058", "FC059")]


def test_schema_accepts_every_claim():
    from test_machine_readable import yaml12

    schema = json.loads((ROOT / "schema" / "claim.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((ROOT / "claims").glob("*.yaml"))
    assert files
    for path in files:
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/claim.schema.json\n"), path
        errors = [e.message for e in validator.iter_errors(yaml12(path))]
        assert not errors, (path.name, errors)
