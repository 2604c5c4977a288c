#!/usr/bin/env python3
"""How well ``factcheck archive`` extracts articles: paragraphs kept, boilerplate kept and
time per page over the saved-page corpus in tests/archive_corpus/.

Each page is extracted four ways, so each part's worth is measured, not assumed:

- ``bs4 alone``: every visible block after beautifulsoup4's cleaning, no extractor;
- ``trafilatura text``: trafilatura's own text output from the raw page, one line a paragraph;
- ``trafilatura``: our pipeline choosing blocks with trafilatura and its readability and
  jusText fallbacks;
- ``ours``: what the command does (trafilatura without fallbacks, blocks chosen by it).

A paragraph counts as kept when it is one line of the output, exactly (white space
collapsed); boilerplate counts each listed phrase found anywhere in the output.

    .venv/bin/python scripts/archive_bench.py [--repeat 5] [--json archive-bench.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "archive_corpus"
sys.path.insert(0, str(ROOT))

from factcheck.archiving.extract_article import extract, run_extractor  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split())


def score(paragraphs: list[str], expected: dict) -> dict:
    lines = {_norm(p) for p in paragraphs}
    text = "\n".join(paragraphs)
    keep = [_norm(k) for k in expected["keep"]]
    missing = [k for k in keep if k not in lines]
    boilerplate = [b for b in expected["boilerplate"] if b in text]
    return {"paragraphs": len(keep), "kept": len(keep) - len(missing), "missing": missing,
            "boilerplate_phrases": len(expected["boilerplate"]), "boilerplate_kept": boilerplate,
            "lines": len(paragraphs)}


MODES = {
    "bs4 alone": None,
    "trafilatura text": "raw",
    "trafilatura": partial(run_extractor, fast=False),
    "ours": run_extractor,
}


def trafilatura_text(data: bytes) -> list[str]:
    """trafilatura alone, on the raw page: what the archived text would be without bs4 around it."""
    import trafilatura

    text = trafilatura.extract(data, output_format="txt", include_comments=False, favor_recall=True, deduplicate=False) or ""
    return [line.removeprefix("- ") for line in text.split("\n") if line.strip()]


def run(repeat: int) -> dict:
    pages = sorted(CORPUS.glob("*.html"))
    started = time.perf_counter()
    extract(pages[0].read_bytes())  # the first call imports trafilatura: timed on its own
    cold = time.perf_counter() - started
    results = []
    for page in pages:
        expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        data = page.read_bytes()
        row = {"page": page.stem, "kind": expected["kind"], "bytes": len(data)}
        for mode, extractor in MODES.items():
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                paragraphs = trafilatura_text(data) if extractor == "raw" else extract(data, extractor=extractor).paragraphs
                times.append(time.perf_counter() - t0)
            row[mode] = score(paragraphs, expected) | {"seconds": statistics.median(times)}
        results.append(row)
    totals = {}
    for mode in MODES:
        rows = [r[mode] for r in results]
        totals[mode] = {
            "paragraphs": sum(r["paragraphs"] for r in rows), "kept": sum(r["kept"] for r in rows),
            "boilerplate_phrases": sum(r["boilerplate_phrases"] for r in rows),
            "boilerplate_kept": sum(len(r["boilerplate_kept"]) for r in rows),
            "max_seconds": max(r["seconds"] for r in rows),
            "mean_seconds": statistics.mean(r["seconds"] for r in rows),
        }
    return {"pages": results, "totals": totals, "first_call_seconds": cold, "repeat": repeat}


def table(report: dict) -> str:
    out = ["| page | mode | paragraphs kept | boilerplate kept | lines | s/page |", "|---|---|---:|---:|---:|---:|"]
    for row in report["pages"]:
        for mode in MODES:
            r = row[mode]
            out.append(f"| {row['page']} | {mode} | {r['kept']}/{r['paragraphs']} | "
                       f"{len(r['boilerplate_kept'])}/{r['boilerplate_phrases']} | {r['lines']} | {r['seconds']:.3f} |")
    for mode, t in report["totals"].items():
        out.append(f"| **all** | {mode} | {t['kept']}/{t['paragraphs']} | {t['boilerplate_kept']}/{t['boilerplate_phrases']} | "
                   f"| {t['mean_seconds']:.3f} (max {t['max_seconds']:.3f}) |")
    out.append("")
    out.append(f"First call in a process (imports trafilatura): {report['first_call_seconds']:.2f} s.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per page and mode; the median is reported")
    parser.add_argument("--json", help="also write the full report here")
    args = parser.parse_args(argv)
    report = run(max(1, args.repeat))
    print(table(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
