"""The reference site's own content (claims/, content/sources/, content/people.yaml and
topics.yaml) is complete and clean.

These tests, and the others under tests/reference/, are the ones that break when the example
content changes. Tests of the generator build their own small sites (tests/fixture_site.py,
tests/newsites.py, tests/fixtures/) and never read the reference content;
tests/test_reference_guard.py keeps it so.
"""

from __future__ import annotations

from conftest import SOURCES
from factcheck.problems import Problems
from factcheck.sources import read_source


def test_every_archived_source_loads():
    found = Problems()
    for path in sorted(SOURCES.glob("*.txt")):
        source = read_source(path, found)
        assert source is not None and source.paragraphs
    assert not found.items
