"""``factcheck init DIR``: a new fact-check site, complete and with nothing of ours in it.

What every site shares comes from the reference site's own files as the package carries
them (``packaged.REFERENCE_SITE``): the settings file with the new site's name, publisher
and addresses put in, ``netlify.toml``, the pull-request workflows and checklist,
``.gitignore``, the hashed lock of factcheck's dependencies, and the table of error codes from
CONTRIBUTING.md. What only a new site needs (generic editorial pages, README, CONTRIBUTING,
Makefile, the pin of factcheck itself) comes from templates in ``newsite_files/``.
"""

from __future__ import annotations

import ast
import html
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from factcheck import __version__
from factcheck.model.verdicts import scale
from factcheck.outputs.claim_schema import schema_text
from factcheck.packaged import REFERENCE_SITE

TEMPLATES = Path(__file__).resolve().parent.parent / "newsite_files"
DESCRIPTION = "Claims in the news, each checked against archived copies of its sources."

# Files every site shares with the reference site, as they are.
SHARED = ("netlify.toml", ".gitignore", ".github/PULL_REQUEST_TEMPLATE.md", ".github/workflows/pr-comment.yml",
          "requirements/site.txt",  # the hashed lock of everything factcheck needs
          # the build plugin netlify.toml names, which keeps .cache between deploys
          "scripts/netlify-build-cache/manifest.yml", "scripts/netlify-build-cache/index.js")
# The pull-request workflow, less the jobs that test factcheck itself (a site has no tests).
WORKFLOW = ".github/workflows/pull-request.yml"
GENERATOR_ONLY_JOBS = ("test",)
# Settings that make a site itself; each stays as the reference site sets it otherwise.
IDENTITY = {"SITENAME": "name", "SITE_DESCRIPTION": "description", "FACTCHECK_PUBLISHER": "publisher",
            "FACTCHECK_PUBLIC_URL": "url", "FACTCHECK_REPOSITORY_URL": "repository"}
EMPTY_FOLDERS = ("claims", "content/sources")


class InitError(Exception):
    """The site cannot be made as asked; the message says why, in one line."""


@dataclass
class Answers:
    name: str = "Fact-checks"
    publisher: str = "the editors"
    url: str = "https://factcheck.example.org"
    repository: str = ""


QUESTIONS = {
    "name": "Site name",
    "publisher": "Publisher (who publishes the fact-checks)",
    "url": "Public URL (the address the site will have)",
    "repository": "Repository URL (where contributors send pull requests; Enter for none yet)",
}


def one_line(label: str, value: str) -> str:
    value = value.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise InitError(f"{label} must be one line of text")
    return value


def _web_address(label: str, value: str, *, required: bool) -> str:
    value = one_line(label, value).rstrip("/")
    if not value and not required:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise InitError(f"{label} must be a web address starting with https:// (got '{value}')")
    return value


def clean(answers: Answers) -> Answers:
    """The answers checked and tidied; ``InitError`` names the first one that is wrong."""
    name = one_line("the site name", answers.name)
    if not name:
        raise InitError("the site name must not be empty")
    repository = _web_address("the repository URL", answers.repository, required=False)
    return Answers(
        name=name,
        publisher=one_line("the publisher", answers.publisher) or Answers.publisher,
        url=_web_address("the public URL", answers.url, required=True),
        repository=repository.removesuffix(".git"),  # edit links need the web address
    )


def ask_answers(ask: Callable[[str], str], say: Callable[[str], None]) -> Answers:
    """Ask each question, showing its default (Enter keeps it), until the answer is usable."""
    answers = Answers()
    for name, question in QUESTIONS.items():
        default = getattr(answers, name)
        while True:
            reply = ask(f"{question} [{default}]: " if default else f"{question}: ").strip()
            candidate = Answers(**{**answers.__dict__, name: reply or default})
            try:
                clean(candidate)
            except InitError as problem:
                say(f"  {problem}")
                continue
            answers = candidate
            break
    return clean(answers)


# -- where the new site gets factcheck ---------------------------------------------------

def package_requirement() -> tuple[str, str | None]:
    """The pip requirement that installs this same factcheck, pinned, and the local path it
    points at when only this machine can reach it (PEP 610 records how it was installed)."""
    try:
        dist = importlib.metadata.distribution("factcheck")
    except importlib.metadata.PackageNotFoundError:
        return f"factcheck=={__version__}", None
    origin = json.loads(dist.read_text("direct_url.json") or "null")
    if not origin:  # from a package index
        return f"factcheck=={dist.version}", None
    url = origin["url"]
    if "vcs_info" in origin:
        vcs = origin["vcs_info"]
        return f"factcheck @ {vcs['vcs']}+{url}@{vcs.get('commit_id') or vcs.get('requested_revision')}", None
    archive = origin.get("archive_info", {})
    digest = archive.get("hashes", {}).get("sha256") or archive.get("hash", "").partition("sha256=")[2]
    local = urlsplit(url).path if url.startswith("file:") else None
    return f"factcheck @ {url}{f'#sha256={digest}' if digest else ''}", local


# -- the files ---------------------------------------------------------------------------

def _literal(value: str, indent: str = "") -> str:
    """A Python string literal (JSON's is one); long text in parentheses, one line a piece."""
    text = json.dumps(value, ensure_ascii=False)
    if len(indent) + len(text) <= 95:
        return text
    pieces, piece = [], ""
    for word in re.findall(r"\S+\s*", value):
        if piece and len(piece) + len(word) > 85:
            pieces.append(piece)
            piece = ""
        piece += word
    pieces.append(piece)
    inner = "".join(f"{indent}    {json.dumps(p, ensure_ascii=False)}\n" for p in pieces)
    return f"(\n{inner}{indent})"


def settings_file(reference: str, values: dict[str, str]) -> str:
    """The reference site's settings file with the identity settings given new values; a
    value read from the environment (``os.environ.get("URL", default)``) keeps doing so with
    the new default. Everything else, comments included, stays as the reference has it."""
    lines = reference.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = []
    for node in ast.parse(reference).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        key = node.targets[0].id
        if key not in values:
            continue
        target = node.value
        if isinstance(target, ast.Call) and len(target.args) == 2:  # os.environ.get(NAME, default)
            target = target.args[1]
        begin = starts[target.lineno - 1] + target.col_offset
        end = starts[target.end_lineno - 1] + target.end_col_offset
        if reference[:begin].rstrip().endswith("(") and reference[end:].lstrip().startswith(")"):
            begin = reference[:begin].rstrip().rindex("(")  # text in parentheses: _literal adds its own
            end = end + reference[end:].index(")") + 1
        edits.append((begin, end, _literal(values[key])))
    found = len(edits)
    if found != len(values):
        raise RuntimeError(f"the reference settings file sets {found} of {', '.join(values)}; factcheck init needs them all")
    text = reference
    for begin, end, literal in sorted(edits, reverse=True):
        text = text[:begin] + literal + text[end:]
    return text


def without_jobs(workflow: str, jobs: Iterable[str]) -> str:
    """A GitHub workflow with some jobs cut out, line by line, so that every comment and
    the layout of the rest stay as written (PyYAML's node marks give each job's lines)."""
    root = yaml.compose(workflow)
    lines = workflow.splitlines(keepends=True)
    job_nodes = next(value for key, value in root.value if key.value == "jobs")
    cut: set[int] = set()
    for key, value in job_nodes.value:
        if key.value not in jobs:
            continue
        end = value.end_mark.line  # where the next job starts, or the end of the file
        if end < len(lines) and lines[end][:value.end_mark.column].strip():  # the job ends within this line
            end += 1
        span = list(range(key.start_mark.line, end))
        # Blank and comment lines at the end belong to whatever follows.
        while span and (not lines[span[-1]].strip() or lines[span[-1]].lstrip().startswith("#")):
            span.pop()
        # The blank line that separated the job from the one before goes with it.
        if key.start_mark.line > 0 and not lines[key.start_mark.line - 1].strip():
            span.insert(0, key.start_mark.line - 1)
        cut.update(span)
    return "".join(line for number, line in enumerate(lines) if number not in cut)


def _split_row(row: str) -> list[str]:
    """The cells of a Markdown table row; a | inside `code` or escaped is not a border."""
    cells, cell, in_code, escaped = [], "", False, False
    for char in row.strip().strip("|"):
        if escaped:
            cell, escaped = cell + char, False
        elif char == "\\":
            cell, escaped = cell + char, True
        elif char == "`":
            cell, in_code = cell + char, not in_code
        elif char == "|" and not in_code:
            cells.append(cell.strip())
            cell = ""
        else:
            cell += char
    cells.append(cell.strip())
    return cells


def error_code_table(contributing: str) -> str:
    """The reference CONTRIBUTING.md's table of error codes and the notes after it, less the
    example messages, which quote the reference site's own files."""
    section = contributing.split("\n## Error codes\n", 1)[1].split("\n## ", 1)[0]
    lines = section.strip("\n").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    last = first
    while last < len(lines) and lines[last].startswith("|"):
        last += 1
    header = _split_row(lines[first])
    keep = [i for i, title in enumerate(header) if not title.lower().startswith("example")]
    rows = [_split_row(line) for line in lines[first:last]]
    table = ["| " + " | ".join(row[i] for i in keep) + " |" for row in rows]
    return "\n".join(table + lines[last:]).strip() + "\n"


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), keep_trailing_newline=True, trim_blocks=True,
                       lstrip_blocks=True, undefined=StrictUndefined, autoescape=False)


def site_files(answers: Answers, requirement: str, local: str | None = None) -> dict[str, str]:
    """Every file of the new site, by its path: text to write."""
    reference = REFERENCE_SITE
    files = {name: (reference / name).read_text(encoding="utf-8") for name in SHARED}
    files[WORKFLOW] = without_jobs((reference / WORKFLOW).read_text(encoding="utf-8"), GENERATOR_ONLY_JOBS)
    settings = settings_file((reference / "pelican.conf.py").read_text(encoding="utf-8"),
                             {key: getattr(answers, name) if name != "description" else DESCRIPTION for key, name in IDENTITY.items()})
    files["pelican.conf.py"] = settings

    values = {
        "name": answers.name, "publisher": answers.publisher, "url": answers.url, "repository": answers.repository,
        "description": DESCRIPTION, "version": __version__, "requirement": requirement, "local": local,
        "error_codes": error_code_table((reference / "CONTRIBUTING.md").read_text(encoding="utf-8")),
    }
    markdown = {k: html.escape(v, quote=False) if isinstance(v, str) and k in ("name", "publisher") else v for k, v in values.items()}
    env = _environment()
    for template in sorted(env.list_templates()):
        files[template] = env.get_template(template).render(markdown if template.endswith(".md") else values)

    verdicts = _verdicts_of(settings)
    files["schema/claim.schema.json"] = schema_text(verdicts)
    for folder in EMPTY_FOLDERS:
        files[f"{folder}/.gitkeep"] = ""  # git keeps no empty folders
    return files


def _verdicts_of(settings: str):
    """The verdict scale the new settings file sets, read as Pelican would read it."""
    namespace: dict = {"__file__": "pelican.conf.py"}
    exec(compile(settings, "pelican.conf.py", "exec"), namespace)  # our own text, as written a line above
    return scale(namespace.get("FACTCHECK_VERDICTS"))


# -- writing -----------------------------------------------------------------------------

def check_target(directory: Path) -> None:
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise InitError(f"{directory} exists and is not a folder; give a new or empty folder")
    if directory.is_dir() and any(directory.iterdir()):
        raise InitError(f"{directory} is not empty; give a new or empty folder")


def write_site(directory: Path, files: dict[str, str]) -> None:
    """Write the files into ``directory`` (new, or empty) all at once: they are written into
    a folder beside it, which takes its place only when every file is there."""
    check_target(directory)
    parent = directory.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-init-", dir=parent))
    try:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it private
        if directory.is_dir():
            directory.rmdir()  # empty, as checked
        os.replace(staging, directory)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def git_init(directory: Path) -> bool:
    """Make the folder a git repository on branch main, where git is installed."""
    git = shutil.which("git")
    if git is None:
        return False
    result = subprocess.run([git, "-c", "init.defaultBranch=main", "init", "--quiet", str(directory)],
                            capture_output=True, text=True, check=False)
    return result.returncode == 0
