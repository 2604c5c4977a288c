"""Every problem is one line, whatever a value, key or file name holds: a newline must never
start a second line that CI reads as a workflow command."""

from __future__ import annotations

import os

from factcheck.base.escaping import one_line, shown
from factcheck.cli.main import main
from factcheck.rules.problems import Position, Problem
from factcheck.rules.reporting import report
from fixture_site import write_project
from test_loader import GOOD


def test_one_line_escapes_controls_separators_and_bidi_overrides():
    assert one_line("a\nb\rc\td\x00e\x1b[31m\u2028\u202e") == "a\\nb\\rc\\td\\x00e\\x1b[31m\\u2028\\u202e"
    assert one_line("plain text – with “quotes”") == "plain text – with “quotes”"


def test_shown_cuts_long_values_and_keeps_escapes_unambiguous():
    assert shown("x" * 500) == "x" * 80 + "…"
    assert shown("a\\n\nb") == "a\\\\n\\nb"  # a written backslash-n and a real newline differ


def run_check(tmp_path, capsys, monkeypatch, files: dict[str, str]) -> tuple[int, list[str]]:
    project = tmp_path / "project"
    (project / "claims").mkdir(parents=True)
    (project / "content").mkdir()
    from conftest import ROOT
    from fixture_site import EXCERPTS

    (project / "content" / "sources").symlink_to(EXCERPTS)
    (project / "pelican.conf.py").write_text((ROOT / "pelican.conf.py").read_text())
    for name, text in files.items():
        (project / "claims" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    capsys.readouterr()
    code = main(["check"])
    out = capsys.readouterr()
    return code, (out.err + out.out).splitlines()


def test_a_value_with_a_newline_cannot_forge_an_annotation(tmp_path, capsys, monkeypatch):
    forged = GOOD.replace("said_on: 2017-05-15", 'said_on: "2017\\n::error file=README.md,line=1::INJECTED"')
    code, lines = run_check(tmp_path, capsys, monkeypatch, {"a-claim.yaml": forged})
    assert code == 1
    assert not [line for line in lines if line.startswith("::") and "INJECTED" in line.split("::", 2)[1]]
    assert not [line for line in lines if line.startswith("::error file=README.md")]
    (problem,) = [line for line in lines if " FC007 " in line and not line.startswith("::")]
    assert problem == "claims/a-claim.yaml:4:10: FC007 'said_on' must be a date as YYYY-MM-DD, got '2017\\n::error file=README.md,line=1::INJECTED'"


def test_a_key_and_a_file_name_with_newlines_stay_on_one_line(tmp_path, capsys, monkeypatch):
    forged_key = GOOD.replace("said_on: 2017-05-15", '"said\\n::error::KEY": 2017-05-15')
    code, lines = run_check(tmp_path, capsys, monkeypatch, {"a-claim.yaml": forged_key, "b\n::error::NAME.yaml": GOOD})
    assert code == 1
    assert all(not line.startswith("::error::") for line in lines), lines
    assert any("FC004 unknown field 'said\\n::error::KEY'" in line for line in lines)
    annotations = [line for line in lines if line.startswith("::")]
    assert any("file=claims/b\\n%3A%3Aerror%3A%3ANAME.yaml," in line for line in annotations), annotations


def test_report_escapes_annotation_properties(capsys, monkeypatch):
    report([Problem(Position("claims/a,line=1::x.yaml", 2, 3), "FC008", "bad")])  # not under Actions
    assert capsys.readouterr().err == "claims/a,line=1::x.yaml:2:3: FC008 bad\n"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    report([Problem(Position("claims/a,line=1::x.yaml", 2, 3), "FC008", "100% bad")])
    assert capsys.readouterr().err.splitlines()[1] == "::error file=claims/a%2Cline=1%3A%3Ax.yaml,line=2,col=3::FC008 100%25 bad"


def test_output_to_a_reader_that_went_away_ends_quietly(tmp_path):
    """``factcheck schema - | head -c 10`` and the like: the pipe closes before the output is
    written; the command stops with a failing status and no traceback."""
    import subprocess
    import sys

    write_project(tmp_path)
    for command in (["schema", "--output", "-"], ["check"]):
        reader, writer = os.pipe()
        os.close(reader)  # nobody will read
        try:
            done = subprocess.run([sys.executable, "-m", "factcheck", *command], stdout=writer, stderr=subprocess.PIPE,
                                  cwd=tmp_path, text=True, check=False, timeout=60)
        finally:
            os.close(writer)
        assert done.returncode == 1, command
        assert done.stderr == "", command
