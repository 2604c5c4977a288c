"""Big sites are checked and rendered on every core. The fixture site is small, so these
tests lower the threshold to make it take the forked path, and compare with the serial one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import build_project
from factcheck.base import parallel as forking
from factcheck.checking.load_site import load_site
from factcheck.packaged import THEME
from factcheck.project.settings import verdict_scale
from fixture_site import write_project


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def forked(monkeypatch):
    monkeypatch.setattr(forking, "PARALLEL_FROM", 1)
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)


def test_forked_loading_finds_what_serial_loading_finds(tmp_path, monkeypatch):
    project = write_project(tmp_path / "p")
    broken = project / "claims" / "claim-01.yaml"
    broken.write_text(broken.read_text().replace("stance: supports", "stance: suports", 1))
    results = []
    for threshold in (10**9, 1):
        monkeypatch.setattr(forking, "PARALLEL_FROM", threshold)
        monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
        with pytest.raises(Exception) as failure:
            load_site(project / "claims", project / "content" / "sources", verdict_scale({}))
        results.append([str(p) for p in failure.value.problems])
    assert results[0] == results[1] and any("FC010" in line for line in results[0])


def test_forked_rendering_writes_the_same_site(tmp_path, monkeypatch):
    project = write_project(tmp_path / "p")
    assert build_project(project, tmp_path / "serial", "--no-search") == 0
    monkeypatch.setattr(forking, "PARALLEL_FROM", 1)
    monkeypatch.setattr(forking.os, "cpu_count", lambda: 2)
    assert build_project(project, tmp_path / "forked", "--no-search") == 0
    serial, forked = _digest(tmp_path / "serial"), _digest(tmp_path / "forked")
    assert len(serial) > 30 and serial == forked


def test_a_template_fault_in_a_worker_is_reported_like_any_other(tmp_path, forked, capsys):
    project = write_project(tmp_path / "p")
    template = project / "themes" / "templates" / "claim.html"  # the site's own copy overrides the theme's
    template.parent.mkdir(parents=True)
    template.write_text((Path(THEME) / "templates" / "claim.html").read_text().replace("{{ claim.claimant }}", "{{ claim.claimant.nope() }}", 1))
    (project / "output").mkdir()
    (project / "output" / "kept.html").write_text("old")
    assert build_project(project, None, "--no-search") == 1
    err = capsys.readouterr().err
    assert "claim.html:" in err and "UndefinedError" in err and "Traceback" not in err
    assert [p.name for p in (project / "output").iterdir()] == ["kept.html"]
