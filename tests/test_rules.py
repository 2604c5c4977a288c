"""The catalogue of problem codes against what documents and shows each code: its failing
fixtures, the CONTRIBUTING.md table and the list in docs/CLAIM-FORMAT.md."""

from __future__ import annotations

import ast
import collections
import re
import string
from pathlib import Path

from conftest import ROOT
from factcheck.rules import catalogue
from factcheck.rules.catalogue import BY_CODE, CODES, RULES, WARNINGS
from factcheck.rules.problems import ERROR, WARNING, Position, Problems

FAILING = Path(__file__).parent / "fixtures" / "failing"
PACKAGE = ROOT / "factcheck"
CODE = re.compile(r"FC\d{3}")


def table_rows(path: Path, columns: int) -> dict[str, list[str]]:
    """The rows of a Markdown table whose first cell is a code, by code."""
    rows: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `(FC\d{3})` \|", line)
        if match:
            assert match[1] not in rows, f"{path.name}: two rows for {match[1]}"
            rows[match[1]] = [cell.strip() for cell in line.strip("|").split(" | ")][1:columns]
    return rows


def test_codes_are_unique_sorted_and_well_formed():
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    assert all(CODE.fullmatch(code) for code in codes)
    assert dict(CODES) == {rule.code: rule.title for rule in RULES}
    assert all(rule.severity in (ERROR, WARNING) for rule in RULES)


def test_every_rule_has_its_fixtures_and_every_fixture_its_rule():
    folders = {p.name for p in FAILING.iterdir() if p.is_dir()}
    claimed: dict[str, str] = {}
    for rule in RULES:
        assert rule.fixtures, rule.code
        for name in rule.fixtures:
            assert name in folders, f"{rule.code}: no fixture folder {name}"
            assert name.split("-")[0] == rule.code, name
            assert name not in claimed, f"{name} is listed by {claimed.get(name)} and {rule.code}"
            claimed[name] = rule.code
            expected = (FAILING / name / "expected").read_text(encoding="utf-8")
            assert re.search(rf": {rule.code}$", expected, re.M), f"{name}/expected does not name {rule.code}"
    assert sorted(folders - set(claimed)) == [], "fixture folders no rule lists"


def test_contributing_has_one_row_per_code_with_its_title_and_kind():
    rows = table_rows(ROOT / "CONTRIBUTING.md", 4)
    assert sorted(rows) == [rule.code for rule in RULES]
    for rule in RULES:
        title, example = rows[rule.code][:2]
        assert title == rule.title + (" (warning)" if rule.is_warning else ""), rule.code
        assert f" {rule.code} {'warning: ' if rule.is_warning else ''}" in example, f"{rule.code}: example message"
    listed = re.search(r"^Warnings \(((?:`FC\d{3}`,?\s*)+)\) are printed", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.M)
    assert listed and tuple(CODE.findall(listed[1])) == WARNINGS


def test_claim_format_lists_every_code_with_its_title_and_kind():
    rows = table_rows(ROOT / "docs" / "CLAIM-FORMAT.md", 3)
    assert rows == {rule.code: [rule.title, "warning" if rule.is_warning else "error"] for rule in RULES}


def test_each_wording_takes_the_values_its_callers_give():
    """Templates name their values; a brace in the wording itself would break ``format``."""
    for rule in RULES:
        for variant, template in rule.messages.items():
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
            assert all(name.isidentifier() for name in names), (rule.code, variant, names)
            message = rule.message(variant, **{name: 1 for name in names})
            assert "\n" not in message and message == message.strip(), (rule.code, variant)


def test_a_rule_makes_a_problem_with_its_own_severity_and_subject():
    problems = Problems()
    BY_CODE["FC019"].report(problems, Position("claims/a.yaml", 3, 11), subject="summary", field="summary")
    BY_CODE["FC025"].report(problems, Position("claims/a.yaml", 11, 3))
    error, warning = problems.items
    assert str(error) == "claims/a.yaml:3:11: FC019 'summary' is empty; write its value after 'summary:'"
    assert (error.code, error.subject, error.is_error) == ("FC019", "summary", True)
    assert str(warning) == "claims/a.yaml:11:3: FC025 warning: all evidence comes from one source; quote a second source where one exists"
    assert not warning.is_error and problems.errors == [error]


def test_the_subject_does_not_change_how_problems_sort_or_compare():
    rule = BY_CODE["FC019"]
    where = Position("claims/a.yaml", 3, 11)
    assert rule.at(where, subject="summary", field="summary") == rule.at(where, field="summary")


def _variants(node: ast.expr | None) -> set[str] | None:
    """The wordings a call names: "" when it names none; None when only running it tells."""
    if node is None:
        return {""}
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _variants(node.body), _variants(node.orelse)
        return None if body is None or orelse is None else body | orelse
    return None


def raise_sites() -> dict[tuple[str, str | None], set[str]]:
    """Where each rule is raised, read from the source: ``FC011.report(problems, where,
    "variant", …)``, ``FC060.at(where, …)``, ``Refused(FC017, mark, "alias")``; by (code,
    variant), the modules (relative to factcheck/)."""
    found: dict[tuple[str, str | None], set[str]] = collections.defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        if module == "rules.catalogue":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            call = node.func
            if isinstance(call, ast.Attribute) and isinstance(call.value, ast.Name) and CODE.fullmatch(call.value.id):
                code, index = call.value.id, {"report": 2, "at": 1, "message": 0}.get(call.attr)
            elif node.args and isinstance(node.args[0], ast.Name) and CODE.fullmatch(node.args[0].id):
                code, index = node.args[0].id, 2  # an exception that carries the rule
            else:
                continue
            if index is not None:
                for variant in _variants(node.args[index] if len(node.args) > index else None) or {None}:
                    found[(code, variant)].add(module)
    for rule in catalogue._REFUSALS.values():  # refused by base.safe_files, worded by catalogue.refusal
        for variant in rule.messages:
            found[(rule.code, variant)].add("base.safe_files")
    return found


def test_each_wording_is_raised_from_one_module_named_in_its_rule():
    sites = raise_sites()
    for (code, variant), modules in sites.items():
        rule = BY_CODE[code]
        assert variant is None or variant in rule.messages, f"{code} has no wording {variant!r}, raised in {modules}"
        assert modules <= set(rule.checked_in), f"{code} is raised in {modules - set(rule.checked_in)}, not in its checked_in"
        if variant is not None and code not in {r.code for r in catalogue._REFUSALS.values()}:
            assert len(modules) == 1, f"{code} {variant!r} is raised in {sorted(modules)}: give each its own wording or one home"
    for rule in RULES:
        raised = {variant for (code, variant) in sites if code == rule.code}
        assert {m for (code, _), ms in sites.items() if code == rule.code for m in ms} == set(rule.checked_in), rule.code
        if None not in raised:  # a wording chosen only as it runs is covered by the fixtures
            assert raised == set(rule.messages), f"{rule.code}: wordings never raised: {set(rule.messages) - raised}"


def test_no_code_is_written_outside_the_catalogue():
    """Every problem is made by its rule, so its code, wording and severity come from one place."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "catalogue.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.search(node.value) and not _is_docstring(node, path):
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")


def _is_docstring(node: ast.Constant, path: Path) -> bool:
    docstrings = set()
    for parent in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(parent, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and parent.body:
            first = parent.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add((first.value.lineno, first.value.col_offset))
    return (node.lineno, node.col_offset) in docstrings
