"""The extraction benchmark runs over the corpus and its figures say what the extractor is
worth. Its timings are not tested."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_archive_benchmark_reports_the_corpus(tmp_path):
    report = tmp_path / "archive-bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "archive_bench.py"), "--repeat", "1", "--json", str(report)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text())
    assert len(data["pages"]) == 5
    ours, bare = data["totals"]["ours"], data["totals"]["bs4 alone"]
    assert ours["kept"] == ours["paragraphs"] > 100 and ours["boilerplate_kept"] == 0
    assert bare["boilerplate_kept"] > 50  # without the extractor, the chrome comes along
    assert all(row["ours"]["seconds"] > 0 for row in data["pages"])
    assert "| **all** | ours | " in result.stdout
