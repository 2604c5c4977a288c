#!/usr/bin/env python3
"""Benchmark: how the generator scales, side by side with bare Pelican and Hugo.

Generates a synthetic corpus (N claims, M sources of prose, K quotes per claim drawn from
the sources, some elided, some typed with straight quotes where the source has curly ones)
in a temporary folder, then measures in one run:

- `factcheck check` over everything, and over one changed claim file (the pull-request case);
- a full build of our site (pages + Pagefind index);
- N equivalent Markdown articles built by bare Pelican (default theme) + Pagefind;
- the same articles built by Hugo + Pagefind, where a `hugo` binary exists;
- peak memory of each, output size, claim page weight, the largest list page (all claims,
  per verdict, source, person or topic, and the indexes), and the bytes a browser transfers
  from Pagefind for a typical query (real Chromium, where one is installed).

Prints a table with the ratios ours / bare Pelican and ours / Hugo and writes JSON.

    .venv/bin/python scripts/bench.py --claims 10000 --sources 500 --quotes 3 --json bench.json
    .venv/bin/python scripts/bench.py --scales 1000,5000,10000 --json bench.json
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORDS = sorted({w for p in (ROOT / "content" / "sources").glob("*.txt")
                for w in re.findall(r"[A-Za-z][a-z]{2,}", p.read_text(encoding="utf-8"))})
VERDICTS = ["true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unverifiable"]
TOPICS = 60  # tags drawn from topic-0 … topic-59, one to three a claim


# -- corpus --------------------------------------------------------------------------------

def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:  # a quoted phrase with curly quotes
        i = rng.randrange(len(words) - 3)
        words[i] = "\u201c" + words[i]
        words[i + 2] += "\u201d"
    if rng.random() < 0.2:
        words.insert(rng.randrange(1, len(words)), "\u2014")
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] += ","
    return " ".join(words).replace(" \u2014 ", "\u2014") + rng.choice(".....?")


def source_text(rng: random.Random) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(20, 35))]


def pick_quote(rng: random.Random, paragraph: str) -> str:
    words = paragraph.split(" ")
    length = rng.randint(10, 18)
    start = rng.randrange(0, max(1, len(words) - length))
    chunk = words[start:start + length]
    quote = " ".join(chunk)
    if rng.random() < 0.25 and len(words) > start + length + 12:  # elide a few words
        tail = words[start + length + 4:start + length + 10]
        quote += " ... " + " ".join(tail)
    if rng.random() < 0.5:  # typed with straight quotes and a hyphen for the dash
        quote = quote.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")
    return quote.strip(" ,.;:")


def write_corpus(folder: Path, claims: int, sources: int, quotes: int, seed: int = 1) -> dict[str, list[str]]:
    """Our project layout, plus the same content as Markdown articles for the other tools."""
    rng = random.Random(seed)
    shutil.copy2(ROOT / "pelican.conf.py", folder / "pelican.conf.py")
    shutil.copytree(ROOT / "themes", folder / "themes")
    (folder / "content" / "sources").mkdir(parents=True)
    (folder / "claims").mkdir()
    texts = {}
    for i in range(sources):
        paragraphs = source_text(rng)
        texts[f"source-{i:04d}"] = paragraphs
        front = f"---\ntitle: Synthetic source {i}\npublisher: Publisher {i % 40}\npublished: 2017-05-{1 + i % 28:02d}\n---\n"
        (folder / "content" / "sources" / f"source-{i:04d}.txt").write_text(front + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    articles = {}
    for n in range(claims):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + "."
        evidence = []
        for k in range(quotes):
            source = rng.choice(list(texts))
            quote = pick_quote(rng, rng.choice(texts[source]))
            stance = ("supports", "refutes", "context")[k % 3]
            evidence.append((source, quote, stance))
        summary = " ".join(sentence(rng) for _ in range(4))
        lines = [f"claim: {json.dumps(title)}", f"claimant: Speaker {n % 300}", f"verdict: {rng.choice(VERDICTS)}",
                 f"summary: {json.dumps(summary, ensure_ascii=False)}", "evidence:"]
        for source, quote, stance in evidence:
            lines += [f"  - source: {source}", f"    quote: {json.dumps(quote, ensure_ascii=False)}", f"    stance: {stance}"]
        lines.append(f"published: 2026-{1 + n % 10:02d}-{1 + n % 28:02d}")
        lines.append(f"tags: [{', '.join(sorted({f'topic-{rng.randrange(TOPICS)}' for _ in range(rng.randint(1, 3))}))}]")
        (folder / "claims" / f"claim-{n:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        articles[f"claim-{n:05d}"] = [title, summary] + [f"> {q}\n\n{s} ({st})" for s, q, st in evidence]
    return articles


def write_markdown(folder: Path, articles: dict[str, list[str]], front) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (slug, (title, summary, *quotes)) in enumerate(articles.items()):
        body = summary + "\n\n" + "\n\n".join(quotes) + "\n"
        (folder / f"{slug}.md").write_text(front(slug, title, i) + body, encoding="utf-8")


# -- measuring -----------------------------------------------------------------------------

def run(command: list[str], cwd: Path, env: dict | None = None) -> dict[str, float]:
    """Wall time and peak memory (of the process and its children) of one command."""
    os.sync()  # the previous step's files are on disk before this step is timed
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    err = process.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{err[-3000:]}")
    return {"seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def combine(*steps: dict[str, float]) -> dict[str, float]:
    return {"seconds": round(sum(s["seconds"] for s in steps), 2), "peak_mb": max(s["peak_mb"] for s in steps)}


def repeated(times: int, output: Path | None, build) -> dict[str, float]:
    """The median time and the highest peak memory of ``times`` runs, each build into an
    empty ``output`` (removing the previous one is not timed, for any tool)."""
    runs = []
    for _ in range(times):
        if output is not None:
            shutil.rmtree(output, ignore_errors=True)
        runs.append(build())
    runs.sort(key=lambda r: r["seconds"])
    result = dict(runs[len(runs) // 2], peak_mb=max(r["peak_mb"] for r in runs))
    if times > 1:
        result["runs"] = sorted(r["seconds"] for r in runs)
    return result


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# Every list page of our site: all claims, per verdict, per source, per person, per topic, the
# indexes of sources, people and topics, and the corrections log, with their later pages.
LIST_PAGES = ("index.html", "page/*/index.html", "verdicts/**/index.html", "sources/index.html", "sources/page/*/index.html",
              "sources/*/claims/**/index.html", "people/**/index.html", "topics/**/index.html", "corrections/**/index.html")


def largest_list_page(site: Path) -> tuple[int, str]:
    """The size in bytes of the biggest list page's HTML, and its address."""
    sizes = {p: p.stat().st_size for pattern in LIST_PAGES for p in site.glob(pattern)}
    biggest = max(sizes, key=sizes.get)
    folder = biggest.parent.relative_to(site).as_posix()
    return sizes[biggest], "/" if folder == "." else f"/{folder}/"


def pagefind() -> str:
    from pagefind_bin import get_executable
    return str(get_executable())


def search_transfer(site: Path, query: str) -> int | None:
    """Bytes a browser fetches from /pagefind/ to show results for one query."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return None
    import functools
    import http.server
    import threading
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        """Compresses text files as static hosts do; Pagefind's index files are gzip already."""

        def log_message(self, *a):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path.split("?")[0]))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix not in (".js", ".css", ".html", ".json") or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().send_head()
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}")
            page.wait_for_selector(".pagefind-ui__result", timeout=60_000)
            page.wait_for_load_state("networkidle")
            total = sum(sizes)
            browser.close()
    finally:
        server.shutdown()
    return total


def measure(claims: int, sources: int, quotes: int, work: Path, browser: bool, cards: bool = True, repeat: int = 1) -> dict:
    project = work / f"ours-{claims}"
    project.mkdir()
    articles = write_corpus(project, claims, sources, quotes)
    factcheck = [str(BIN / "factcheck")]
    result: dict = {"claims": claims, "sources": sources, "quotes_per_claim": quotes}
    result["check"] = repeated(repeat, None, lambda: run(factcheck + ["check"], project))
    result["check_one"] = repeated(repeat, None, lambda: run(factcheck + ["check", "claims/claim-00000.yaml"], project))
    result["ours"] = run(factcheck + ["build"], project)
    if cards:  # the same build without social cards: the pages alone, like the other tools
        config = project / "pelican.conf.py"
        config.write_text(config.read_text() + "\nFACTCHECK_SOCIAL_CARDS = False\n")
        result["ours_without_cards"] = repeated(repeat, project / "output-nocards",
                                                lambda: run(factcheck + ["build", "--output", "output-nocards"], project))
        config.write_text(config.read_text().replace("\nFACTCHECK_SOCIAL_CARDS = False\n", ""))
    out = project / "output"
    result["ours"]["output_mb"] = round(folder_size(out) / 1e6, 1)
    pages = sorted((out / "claims").glob("*/index.html"))[:50]
    css = folder_size(out / "theme" / "css")
    result["ours"]["claim_page_bytes"] = round(sum(p.stat().st_size for p in pages) / len(pages) + css)
    size, where = largest_list_page(out)
    result["ours"]["largest_list_page_bytes"], result["ours"]["largest_list_page"] = size, where
    if browser:
        result["ours"]["search_transfer_kb"] = round((search_transfer(out, WORDS[len(WORDS) // 2]) or 0) / 1024, 1)

    bare = work / f"pelican-{claims}"
    write_markdown(bare / "content", articles, lambda slug, title, i: f"Title: {title}\nDate: 2026-01-{1 + i % 28:02d}\nSlug: {slug}\n\n")
    (bare / "pelicanconf.py").write_text("SITENAME='Bare'\nPATH='content'\nTIMEZONE='UTC'\nDEFAULT_LANG='en'\nSITEURL=''\n")
    result["bare_pelican"] = repeated(repeat, bare / "output", lambda: combine(
        run([str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", "-q"], bare),
        run([pagefind(), "--site", "output"], bare)))
    result["bare_pelican"]["output_mb"] = round(folder_size(bare / "output") / 1e6, 1)

    hugo = shutil.which("hugo")
    if hugo:
        site = work / f"hugo-{claims}"
        write_markdown(site / "content" / "posts", articles, lambda slug, title, i: f"---\ntitle: {json.dumps(title)}\ndate: 2026-01-{1 + i % 28:02d}\n---\n")
        (site / "hugo.toml").write_text("baseURL = '/'\ntitle = 'Bare'\n")
        layouts = site / "layouts" / "_default"
        layouts.mkdir(parents=True)
        page = "<!doctype html><html lang=en><head><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>"
        (layouts / "baseof.html").write_text(page)
        (layouts / "single.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}')
        (layouts / "list.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}')
        result["hugo"] = repeated(repeat, site / "public", lambda: combine(
            run([hugo, "--quiet", "--destination", "public"], site), run([pagefind(), "--site", "public"], site)))
        result["hugo"]["output_mb"] = round(folder_size(site / "public") / 1e6, 1)
    return result


def table(results: list[dict]) -> str:
    rows = ["| N claims | check (s) | check one (s) | ours build (s) | ours, no cards (s) | bare Pelican (s) | ours / Pelican | no cards / Pelican | Hugo (s) | ours / Hugo | ours peak MB | Pelican peak MB | claim page B | largest list page kB | search kB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        ours, bare, hugo = r["ours"], r["bare_pelican"], r.get("hugo")
        plain = r.get("ours_without_cards")
        rows.append("| {} | {} | {} | {} | {} | {} | {:.2f} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            r["claims"], r["check"]["seconds"], r["check_one"]["seconds"], ours["seconds"],
            plain["seconds"] if plain else "n/a", bare["seconds"], ours["seconds"] / bare["seconds"],
            f"{plain['seconds'] / bare['seconds']:.2f}" if plain else "n/a", hugo["seconds"] if hugo else "n/a",
            f"{ours['seconds'] / hugo['seconds']:.2f}" if hugo else "n/a",
            ours["peak_mb"], bare["peak_mb"], ours["claim_page_bytes"], round(ours["largest_list_page_bytes"] / 1000, 1),
            ours.get("search_transfer_kb", "n/a")))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--quotes", type=int, default=3)
    parser.add_argument("--scales", help="comma-separated claim counts to run in turn, e.g. 1000,5000,10000")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--no-browser", action="store_true", help="skip the search-transfer measurement")
    parser.add_argument("--no-cards-run", action="store_true", help="skip the extra build without social cards")
    parser.add_argument("--repeat", type=int, default=1, help="run the checks and the builds without cards (ours, bare Pelican, Hugo) this many times and report the median")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    args = parser.parse_args(argv)
    scales = [int(n) for n in args.scales.split(",")] if args.scales else [args.claims]
    work = Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    try:
        results = [measure(n, args.sources, args.quotes, work, not args.no_browser, not args.no_cards_run, args.repeat) for n in scales]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "results": results}
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
