"""The catalogue of problem codes against what documents and shows each code: its failing
fixtures, the CONTRIBUTING.md table and the list in docs/CLAIM-FORMAT.md."""

from __future__ import annotations

import re
import string
from pathlib import Path

from conftest import ROOT
from factcheck.rules.catalogue import BY_CODE, CODES, RULES, WARNINGS
from factcheck.rules.problems import ERROR, WARNING, Position, Problems

FAILING = Path(__file__).parent / "fixtures" / "failing"
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
