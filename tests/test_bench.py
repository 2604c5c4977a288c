"""The benchmark script works end to end on a tiny corpus. Its timings are not tested."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT


def test_benchmark_smoke_run(tmp_path):
    report = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--claims", "50", "--sources", "5",
         "--no-browser", "--no-cards-run", "--json", str(report)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (run,) = json.loads(report.read_text())["results"]
    assert run["claims"] == 50 and run["sources"] == 5
    for step in ("check", "check_cached", "check_after_edit", "check_one", "ours", "ours_cached", "bare_pelican"):
        assert run[step]["seconds"] > 0 and run[step]["peak_mb"] > 0, step
    assert run["ours"]["claim_page_bytes"] > 1000
    # Builds are byte-for-byte repeatable, so a digest-based deploy sends nothing unchanged;
    # one edited claim changes its own page and the files that list it, not the whole site.
    assert run["deploy_unchanged"]["files"] == 0 and run["deploy_unchanged"]["of_files"] > 100
    edit = run["deploy_after_edit"]
    assert 0 < edit["files"] < edit["of_files"] / 4 and edit["seconds"] > 0, edit
    assert run["cards"]["count"] == 50 and 0 < run["cards"]["average_bytes"] <= run["cards"]["max_bytes"] <= 20_000
    assert 1000 < run["ours"]["largest_list_page_bytes"] < 100_000 and run["ours"]["largest_list_page"].startswith("/")
    assert run["edit_to_reload"]["seen_in"] == "served page" and len(run["edit_to_reload"]["runs"]) == 3
    assert "search" not in run  # no browser asked for
    assert "| 50 |" in result.stdout  # the table rows
    assert result.stdout.count("| 50 |") == 2


def test_benchmark_says_what_it_lacks_before_it_starts(tmp_path):
    """Without Playwright, the browser steps are skipped with a message, not a crash at the end."""
    shadow = tmp_path / "shadow"
    (shadow / "playwright").mkdir(parents=True)
    (shadow / "playwright" / "__init__.py").write_text("raise ImportError('not installed here')\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--claims", "20", "--sources", "3", "--no-cards-run", "--no-serve",
         "--json", str(tmp_path / "bench.json")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(shadow)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "skipping the search transfer" in result.stderr  # Playwright (or Chromium) is missing, and it says so
    assert "search" not in json.loads((tmp_path / "bench.json").read_text())["results"][0]
