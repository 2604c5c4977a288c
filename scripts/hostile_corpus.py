#!/usr/bin/env python3
"""Run `factcheck check` over the hostile corpus (tests/hostile_corpus.py), each case in a
process of its own as a contributor or CI would, and report how many give their expected
outcome and how long each takes (target: under 2 s each).

    .venv/bin/python scripts/hostile_corpus.py [--repeat 3] [--json report.json] [--only NAME-PART]

With --repeat N, each case runs N times and its median time is reported (a busy machine
makes single runs noisy); it passes only if every run gives the expected outcome.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_corpus import corpus, run_as_user  # noqa: E402

TARGET = 2.0  # seconds per check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write every case's result to this file")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case; the median time is reported")
    args = parser.parse_args(argv)
    cases = [c for c in corpus() if not args.only or args.only in c.name]
    results = []
    with tempfile.TemporaryDirectory(prefix="hostile-corpus-") as tmp:
        for number, case in enumerate(cases):
            runs = [run_as_user(case, Path(tmp) / f"{number}-{i}") for i in range(args.repeat)]
            result = next((r for r in runs if not r.passed), runs[0])
            result.seconds = statistics.median(r.seconds for r in runs)
            results.append(result)
            verdict = "pass" if result.passed else "FAIL"
            slow = "  over target" if result.seconds > TARGET else ""
            print(f"{verdict}  {result.seconds:6.2f} s  {case.name}{slow}", flush=True)
            for failure in result.failures:
                print(f"        {failure}")
    passed = sum(r.passed for r in results)
    worst = max(results, key=lambda r: r.seconds)
    over = sum(r.seconds > TARGET for r in results)
    print(f"\n{len(results)} cases, {passed} pass, {len(results) - passed} fail; "
          f"worst check {worst.seconds:.2f} s ({worst.case.name}); {over} over {TARGET:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "cases": len(results), "passed": passed, "repeat": args.repeat, "worst_seconds": round(worst.seconds, 3), "worst_case": worst.case.name,
            "results": [{"name": r.case.name, "passed": r.passed, "seconds": round(r.seconds, 3), "failures": r.failures} for r in results],
        }, indent=2) + "\n")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
