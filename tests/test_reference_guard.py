"""Only the tests under tests/reference/ read the reference site's content.

The reference content (claims/, content/sources/, content/people.yaml and topics.yaml) is an
example that editors change. A test of the generator that reads it, or names one of its claims
or sources, breaks when the example changes although the generator did not: such a test builds
its own small site instead (tests/fixture_site.py, tests/newsites.py, tests/fixtures/).
Whole-site sweeps over the reference build (accessibility, HTML validity, links, layout, page
weight, graphics) are tests of the reference content too and live under tests/reference/.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

TESTS = Path(__file__).resolve().parent
REFERENCE_TESTS = TESTS / "reference"

# Ways in: the folders, the helpers and fixtures of tests/conftest.py that copy or build them.
REFERENCE_FOLDERS = ("claims", "content")
REFERENCE_HELPERS = {"SOURCES", "copy_project", "PROJECT_FILES"}
REFERENCE_FIXTURES = {"built_site", "site_url"}

# Uses that are right where they are: (file, top-level function or module-level name) -> why.
ALLOWED = {
    ("conftest.py", "SOURCES"): "defines the reference sources folder for tests/reference/",
    ("conftest.py", "copy_project"): "defines the reference project copy that tests/reference/ uses",
    ("conftest.py", "built_site"): "defines the reference build that tests/reference/ uses",
    ("conftest.py", "site_url"): "serves the reference build for tests/reference/",
    ("test_init.py", "reference_words"): "`init` must copy nothing of the reference site: it collects the words to look for",
}

@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    function: str
    what: str

    def __str__(self) -> str:
        return f"tests/{self.path}:{self.line} ({self.function or 'module'}): {self.what}"


def reference_names() -> tuple[set[str], set[str]]:
    """The reference claim slugs, and the reference source ids that no fixture source shares
    (tests/fixtures/sources/ keeps a few ids, with excerpts of their own, so that the pinned
    messages of the failing fixtures stay as they are; the archiving corpus keeps its own
    copies of the texts it dresses as web pages)."""
    slugs = {p.stem for p in (ROOT / "claims").iterdir() if p.suffix in (".yaml", ".yml")}
    fixture_ids = {p.stem for folder in (TESTS / "fixtures" / "sources", TESTS / "archive_corpus" / "texts") for p in folder.glob("*.txt")}
    source_ids = {p.stem for p in (ROOT / "content" / "sources").glob("*.txt")} - fixture_ids
    return slugs, source_ids


def _is_root(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "ROOT") or (isinstance(node, ast.Attribute) and node.attr == "ROOT")


def _uses(tree: ast.AST, names: re.Pattern[str] | None, helpers: set[str]) -> list[tuple[int, str]]:
    """(line, what) for every way into the reference content under ``tree``; ``helpers`` are
    the reference helpers of tests/conftest.py that the file imports (a local ``SOURCES`` is
    some other folder)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _is_root(node.left) \
                and isinstance(node.right, ast.Constant) and isinstance(node.right.value, str) \
                and Path(node.right.value).parts[:1] in [(f,) for f in REFERENCE_FOLDERS]:
            found.append((node.lineno, f"reads ROOT / {node.right.value!r}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "chdir" \
                and node.args and _is_root(node.args[0]):
            found.append((node.lineno, "runs in the repository, on the reference content"))
        elif isinstance(node, ast.Call) and any(k.arg == "cwd" and _is_root(k.value) for k in node.keywords) \
                and any(isinstance(c, ast.Constant) and c.value == "factcheck" for c in ast.walk(node)):
            # Tools run in the repository read its configuration (netlify.toml, workflows); factcheck reads its content.
            found.append((node.lineno, "runs factcheck in the repository, on the reference content"))
        elif isinstance(node, ast.ImportFrom) and node.module == "conftest":
            found += [(node.lineno, f"imports {a.name} from conftest") for a in node.names if a.name in REFERENCE_HELPERS]
        elif isinstance(node, ast.Name) and node.id in helpers and isinstance(node.ctx, ast.Load):
            found.append((node.lineno, f"uses {node.id}"))
        elif isinstance(node, ast.arg) and node.arg in REFERENCE_FIXTURES:
            found.append((node.lineno, f"takes the {node.arg} fixture"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in REFERENCE_FIXTURES:  # usefixtures("built_site"), getfixturevalue("site_url")
                found.append((node.lineno, f"asks for the {node.value} fixture"))
            elif names is not None and (match := names.search(node.value)):
                found.append((node.lineno, f"names the reference claim or source {match[0]!r}"))
    return found


def findings(path: Path, source: str, names: re.Pattern[str] | None) -> list[Finding]:
    """Every way into the reference content in one test file, with the top-level function it is in."""
    tree = ast.parse(source)
    relative = path.relative_to(TESTS).as_posix() if path.is_absolute() else path.as_posix()
    helpers = set(REFERENCE_HELPERS) if relative == "conftest.py" else \
        {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "conftest"
         for a in n.names if a.name in REFERENCE_HELPERS}
    out = []
    for statement in tree.body:
        function = statement.name if isinstance(statement, ast.FunctionDef | ast.ClassDef) else ""
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            function = statement.targets[0].id
        for line, what in _uses(statement, names, helpers):
            if (relative, function) not in ALLOWED:
                out.append(Finding(relative, line, function, what))
    return out


def names_pattern(names: set[str]) -> re.Pattern[str]:
    """Any of ``names`` (claim slugs, source ids), as a whole name."""
    words = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")


def test_no_test_outside_tests_reference_reads_the_reference_content():
    slugs, source_ids = reference_names()
    names = names_pattern(slugs | source_ids)
    problems = []
    for path in sorted(TESTS.rglob("*.py")):
        if REFERENCE_TESTS in path.parents or path == Path(__file__).resolve():
            continue
        problems += findings(path, path.read_text(encoding="utf-8"), names)
    assert not problems, ("tests of the generator read the reference content; give them a fixture site "
                          "(tests/fixture_site.py) or move them under tests/reference/:\n" + "\n".join(map(str, problems)))


def test_the_reference_tests_exist_and_are_marked(request):
    files = sorted(REFERENCE_TESTS.glob("test_reference_*.py"))
    assert files, "tests/reference/ holds the tests of the reference content"
    assert sorted(REFERENCE_TESTS.glob("test_*.py")) == files, "name them test_reference_*.py: test modules share one namespace"
    assert any(m.startswith("reference:") for m in request.config.getini("markers"))  # `-m "not reference"` works


def test_the_guard_sees_each_way_in_and_leaves_fixture_sites_alone():
    names = names_pattern({"no-laws-were-broken", "trump-revealed-the-city"})  # not read from claims/: it changes
    flagged = '''
from conftest import ROOT, SOURCES, copy_project
def test_a(built_site): pass
def test_b(tmp_path): copy_project(tmp_path)
def test_c(): (ROOT / "claims").iterdir()
def test_d(): (ROOT / "content" / "people.yaml").read_text()
def test_e(page): page.goto("/claims/no-laws-were-broken/")
def test_f(page): page.goto(f"/claims/{'trump-revealed-the-city'}/#evidence-1")
@pytest.mark.usefixtures("site_url")
def test_g(): pass
def test_h(): subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=ROOT)
def test_i(monkeypatch): monkeypatch.chdir(ROOT); main(["build"])
'''
    found = {(f.function, f.what.split()[0]) for f in findings(Path("test_example.py"), flagged, names)}
    assert found == {("", "imports"), ("test_a", "takes"), ("test_b", "uses"), ("test_c", "reads"), ("test_d", "reads"),
                     ("test_e", "names"), ("test_f", "names"), ("test_g", "asks"), ("test_h", "runs"), ("test_i", "runs")}, found
    legitimate = '''
from conftest import ROOT, build_project
from fixture_site import write_project
def test_a(tmp_path, fixture_site):
    project = write_project(tmp_path)
    (project / "claims" / "claim-01.yaml").read_text()
    (ROOT / "pelican.conf.py").read_text(); (ROOT / "themes").is_dir()
    assert "evidence: - source: washington-post" and "claims/a-claim.yaml:3:1" and "no-laws-were-broken-again"
    subprocess.run(["node", "scripts/check-netlify-config.mjs", "netlify.toml"], cwd=ROOT)
    subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=project)
'''
    assert findings(Path("test_example.py"), legitimate, names) == []
