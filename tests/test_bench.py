"""The benchmark script works end to end on a tiny corpus. Its timings are not tested."""

from __future__ import annotations

import json
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
    for step in ("check", "check_one", "ours", "bare_pelican"):
        assert run[step]["seconds"] > 0 and run[step]["peak_mb"] > 0, step
    assert run["ours"]["claim_page_bytes"] > 1000
    assert 1000 < run["ours"]["largest_list_page_bytes"] < 100_000 and run["ours"]["largest_list_page"].startswith("/")
    assert "| 50 |" in result.stdout  # the table row
