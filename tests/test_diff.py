"""``factcheck diff BASE`` in a real git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from factcheck.cli.main import main
from fixture_site import FixtureClaim, git, write_project

QUOTE = "Note 5 records a meeting in week 5"


@pytest.fixture
def repo(tmp_path) -> Path:
    project = write_project(tmp_path / "repo", [FixtureClaim("claim-01", "H.R. McMaster", "mostly-true", "2026-01-11", number=1),
                                                 FixtureClaim("claim-02", "Dina Powell", "mostly-true", "2026-02-12", number=2)])
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "base")
    return project


def run_diff(repo: Path, capsys, *args: str) -> tuple[int, str, str]:
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        capsys.readouterr()
        code = main(["diff", *args])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_no_change(repo, capsys):
    code, out, _ = run_diff(repo, capsys, "main")
    assert code == 0
    assert out == "## Claim changes against `main`\n\nNo claim was added, removed or changed.\n"


def test_summary_of_every_kind_of_change(repo, capsys):
    claims = repo / "claims"
    git(repo, "switch", "-q", "-c", "edit")
    # A verdict change, a quote added and one removed, and an edited summary, in one file.
    target = claims / "claim-01.yaml"
    text = target.read_text()
    text = text.replace("verdict: mostly-true", "verdict: misleading")
    text = text.replace("  - source: diary\n    quote: Note 1 records a meeting\n", f"  - source: diary\n    quote: {QUOTE}\n")
    text = text.replace("What we found about claim 1.", "What we <b>found</b> about claim 1.")
    target.write_text(text)
    removed = claims / "claim-02.yaml"
    removed_claim = "Claim 2 said something checkable."
    removed.unlink()
    (claims / "a-new-claim.yaml").write_text(
        "claim: A *new* claim | with pipes\nclaimant: X\nverdict: false\nsummary: Found.\n"
        "evidence:\n  - source: ledger\n    quote: Entry 9 says the minister\n    stance: refutes\npublished: 2026-11-22\n")
    (claims / "broken.yaml").write_text("claim: [unclosed\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edit")

    code, out, _ = run_diff(repo, capsys, "main")
    assert code == 0
    assert "2 added, 1 removed, 1 verdict change, 1 with quote changes, 1 summary edited." in out
    assert "- `claims/broken.yaml`: see the check results for the problems" in out
    assert "- `claims/a-new-claim.yaml`: “A \\*new\\* claim \\| with pipes”, **False**, 1 quote" in out
    assert f"- `claims/claim-02.yaml`: “{removed_claim}" in out and "was **Mostly true**" in out
    assert "- `claims/claim-01.yaml`: **Mostly true** → **Misleading**" in out
    assert f"  - added (diary, context): “{QUOTE}”" in out
    assert "  - removed (diary, context): “Note 1 records a meeting”" in out
    # Contributor HTML is shown as text in the comment, never rendered.
    assert "What we &lt;b&gt;found&lt;/b&gt; about claim 1." in out
    assert "<b>" not in out


def test_working_tree_changes_count_and_output_file(repo, capsys, tmp_path):
    target = repo / "claims" / "claim-01.yaml"
    target.write_text(target.read_text().replace("verdict: mostly-true", "verdict: true"))
    code, out, _ = run_diff(repo, capsys, "HEAD", "--output", str(tmp_path / "summary.md"))
    assert code == 0 and out == ""
    assert "**Mostly true** → **True**" in (tmp_path / "summary.md").read_text()


def test_unknown_ref_is_a_clear_error(repo, capsys):
    code, _, err = run_diff(repo, capsys, "no-such-branch")
    assert code == 1
    assert "factcheck: diff: 'no-such-branch' is not a commit" in err
    assert "Traceback" not in err


def test_file_names_cannot_add_markup_to_the_summary(repo, capsys):
    """A file name is a contributor's text too: shown whole, in code, whatever it holds."""
    names = ["claims/a` <img src=https:&#47;&#47;tracker.example&#47;p.png> <!-- `.yaml",
             "claims/b\n## All checks passed\n.yaml", "claims/``c``.yaml", "content/sources/d` <!-- .txt"]
    for name in names:
        (repo / name).write_text("claim: Said.\nverdict: false\n" if name.endswith(".yaml") else "---\ntitle: T\n---\nText.\n")
    code, out, _ = run_diff(repo, capsys, "main")
    assert code == 0
    html = MarkdownIt("commonmark").render(out)  # raw HTML on, as GitHub renders a comment
    tree = BeautifulSoup(html, "html.parser")
    assert "<img" not in html and "<!--" not in html
    assert [h.get_text() for h in tree.find_all(["h1", "h2", "h3"])] == [
        "Claim changes against main", "Added (3)", "Archived sources"]
    shown = {c.get_text() for c in tree.find_all("code")}
    assert {name.replace("\n", "\\n") for name in names} <= shown


def test_sources_are_read_as_every_input_is(repo, tmp_path):
    """A source text that is a FIFO, a link to a device or a link to a file elsewhere is listed
    as unreadable: diff neither blocks, nor runs out of memory, nor quotes the other file."""
    sources = repo / "content" / "sources"
    secret = tmp_path / "secret.txt"
    secret.write_text("---\ntitle: Private\n---\nThe deploy key is hunter2.\n")
    os.mkfifo(sources / "pipe.txt")
    (sources / "zero.txt").symlink_to("/dev/zero")
    (sources / "elsewhere.txt").symlink_to(secret)
    edited = next(p for p in sorted(sources.glob("*.txt")) if not p.is_symlink() and p.name != "pipe.txt")
    edited.unlink()
    edited.symlink_to(secret)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    done = subprocess.run([sys.executable, "-m", "factcheck", "diff", "main"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "hunter2" not in done.stdout and "Private" not in done.stdout
    for name in ("pipe", "zero", "elsewhere"):
        assert f"- added `content/sources/{name}.txt`: cannot be read, see the check results for the problems\n" in done.stdout
    assert f"- **edited** `content/sources/{edited.name}`: cannot be read" in done.stdout
