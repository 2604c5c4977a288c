"""``factcheck check`` over one failing fixture per problem code, and over passing ones.

Each fixture is a folder: ``claims/`` (and, for source problems, ``sources/``, added to the
fixture sources in ``tests/fixtures/sources/``, short excerpts the claims quote; for editorial pages, ``pages/``; for the people and topics registries,
``content/people.yaml`` or ``content/topics.yaml``). Its ``expected`` file holds the problems ``check`` must report, one
``path:line:col: CODE`` a line, and nothing else may be reported.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from factcheck.cli.main import main
from factcheck.rules.catalogue import CODES

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = FIXTURES / "sources"  # what the fixture claims quote, not the reference site's sources
FAILING = sorted(p for p in (FIXTURES / "failing").iterdir() if p.is_dir())
PASSING = sorted(p for p in (FIXTURES / "passing").iterdir() if p.is_dir())
PROBLEM = re.compile(r"^(?P<where>\S.*?:\d+:\d+): (?P<code>FC\d{3}) (?P<warning>warning: )?(?P<message>.*)$")


def check_fixture(fixture: Path, tmp_path: Path, capsys, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run ``factcheck check`` in a project made of the fixture and the fixture sources."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    shutil.copy2(ROOT / "pelican.conf.py", project / "pelican.conf.py")
    (project / "themes").symlink_to(ROOT / "themes")
    if (fixture / "claims").is_dir():
        shutil.copytree(fixture / "claims", project / "claims", symlinks=True)  # links stay links
    else:  # a fixture for a source problem has no claims (git keeps no empty folders)
        (project / "claims").mkdir()
    shutil.copytree(SOURCES, project / "content" / "sources")
    if (fixture / "sources").is_dir():
        shutil.copytree(fixture / "sources", project / "content" / "sources", symlinks=True, dirs_exist_ok=True)
    if (fixture / "pages").is_dir():  # editorial pages
        shutil.copytree(fixture / "pages", project / "content" / "pages")
    if (fixture / "content").is_dir():  # the people and topics registries
        shutil.copytree(fixture / "content", project / "content", dirs_exist_ok=True)
    cwd = os.getcwd()
    os.chdir(project)
    try:
        capsys.readouterr()
        code = main(["check"])
    finally:
        os.chdir(cwd)
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def reported(output: str) -> list[re.Match]:
    return [m for m in map(PROBLEM.match, output.splitlines()) if m]


@pytest.mark.parametrize("fixture", FAILING, ids=lambda p: p.name)
def test_failing_fixture_reports_its_code_line_and_column(fixture, tmp_path, capsys):
    code, output = check_fixture(fixture, tmp_path, capsys)
    expected = (fixture / "expected").read_text(encoding="utf-8").splitlines()
    problems = reported(output)
    assert [f"{m['where']}: {m['code']}" for m in problems] == expected, output
    assert fixture.name[:5] in {m["code"] for m in problems}
    assert "Traceback" not in output
    # Warnings alone never fail the run; any error does.
    assert code == (1 if any(not m["warning"] for m in problems) else 0), output


@pytest.mark.parametrize("fixture", PASSING, ids=lambda p: p.name)
def test_passing_fixture_checks_clean(fixture, tmp_path, capsys):
    code, output = check_fixture(fixture, tmp_path, capsys)
    assert code == 0, output
    assert reported(output) == []


def test_every_code_has_a_failing_fixture_and_a_contributing_row():
    covered = {p.name[:5] for p in FAILING}
    assert sorted(set(CODES) - covered) == []
    rows = re.findall(r"^\| `(FC\d{3})` \|", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(rows) == sorted(CODES), "CONTRIBUTING.md needs exactly one table row per code"
    assert len(FAILING) >= 20


def test_alias_bomb_is_refused(tmp_path, capsys):
    """Nine levels of nine aliases would be 9**9 items if expanded; it is refused at the first alias."""
    code, output = check_fixture(FIXTURES / "failing" / "FC017-alias-bomb", tmp_path, capsys)
    assert code == 1
    assert "claims/a-claim.yaml:2:8: FC017 YAML aliases (*name) are not allowed" in output


def test_github_actions_annotations(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, output = check_fixture(FIXTURES / "failing" / "FC008", tmp_path, capsys)
    assert code == 1
    assert "::error file=claims/a-claim.yaml,line=6,col=10::FC008 unknown verdict 'mislead'" in output
    code, output = check_fixture(FIXTURES / "failing" / "FC025", tmp_path / "warning", capsys)
    assert code == 0
    assert "::warning file=claims/a-claim.yaml,line=11,col=3::FC025 " in output
