#!/usr/bin/env python3
"""Benchmark: how the generator scales, side by side with bare Pelican and Hugo.

Generates a synthetic corpus (N claims, M sources of prose, K quotes per claim drawn from
the sources, some elided, some typed with straight quotes where the source has curly ones)
in a temporary folder, then measures in one run:

- `factcheck check` on a fresh clone, on an unchanged tree (cached), after one claim is
  edited, and over one named claim file (the pull-request case in CI);
- our full build (pages, social cards, Pagefind index) on a fresh clone, and again with
  the `.cache` folder a Netlify deploy restores; the same without social cards;
- what the next deploy uploads (new or changed files, as a digest-based deploy such as
  Netlify's compares them) when nothing changed, and after one claim is edited;
- every social card drawn afresh (time per card, size), the largest list pages;
- N equivalent Markdown articles built by bare Pelican (default theme) + Pagefind, and by
  Hugo + Pagefind where a `hugo` binary exists;
- peak memory of each, output size, claim page weight, the largest list page (all claims,
  per verdict, source, person or topic, and the indexes);
- the bytes a browser transfers for a typical query, and to open the filters (real
  Chromium, where one and Playwright are installed; otherwise the step is skipped);
- under `factcheck serve`, the time from saving an edited claim to the page showing it.

Prints two README-ready tables and writes JSON.

    .venv/bin/python scripts/bench.py --claims 10000 --sources 500 --quotes 3 --json bench.json
    .venv/bin/python scripts/bench.py --scales 1000,5000,10000 --sources 500 --quotes 3 --repeat 3 --json docs/bench-results.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
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


def repeated(times: int, prepare, step) -> dict[str, float]:
    """The median time and the highest peak memory of ``times`` runs of ``step``, each after
    ``prepare`` (removing the previous output or cache, editing a file: never timed)."""
    runs = []
    for _ in range(times):
        if prepare is not None:
            prepare()
        runs.append(step())
    runs.sort(key=lambda r: r["seconds"])
    result = dict(runs[len(runs) // 2], peak_mb=max(r["peak_mb"] for r in runs))
    if times > 1:
        result["runs"] = sorted(r["seconds"] for r in runs)
    return result


def removing(*folders: Path):
    def prepare() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    return prepare


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def digests(folder: Path) -> dict[str, tuple[str, int]]:
    """Each file's SHA-1 and size, by path: what a digest-based deploy (Netlify's) compares."""
    return {str(p.relative_to(folder)): (hashlib.sha1(p.read_bytes()).hexdigest(), p.stat().st_size)
            for p in folder.rglob("*") if p.is_file()}


def to_upload(before: dict[str, tuple[str, int]], after: dict[str, tuple[str, int]]) -> dict[str, float]:
    """The files of ``after`` that a deploy of it over ``before`` sends: new or changed."""
    sent = [size for path, (digest, size) in after.items() if before.get(path, ("", 0))[0] != digest]
    return {"files": len(sent), "mb": round(sum(sent) / 1e6, 2), "of_files": len(after)}


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


def browser_tools() -> tuple[str | None, str]:
    """Chromium and Playwright for the steps that need a browser, or why they are missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return None, "no Chromium found (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None, "Playwright is not installed (it comes with the test tools: pip install -e '.[test]')"
    return chromium, ""


def check_requirements() -> None:
    """Fail before a long run, not after it, if the tools every step needs are missing."""
    if not (BIN / "factcheck").exists():
        raise SystemExit(f"bench: no factcheck command in {BIN}; run it with the project's Python (make site sets it up)")
    try:
        pagefind()
    except Exception as exc:  # noqa: BLE001 - any failure to find the binary means the same
        raise SystemExit(f"bench: the Pagefind binary is missing ({exc}); run `make site` first") from None


class Gzipping:
    """A static server that compresses text files as hosts do (Pagefind's index files are
    gzip already) and counts the bytes it sends for each path."""

    def __init__(self, site: Path) -> None:
        import functools
        import http.server
        import threading

        sent = self.sent = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def send_head(self):
                path = Path(self.translate_path(self.path.split("?")[0]))
                if path.is_dir():
                    path = path / "index.html"
                if path.suffix not in (".js", ".css", ".html", ".json") or "gzip" not in self.headers.get("Accept-Encoding", ""):
                    if path.is_file():
                        sent.append((self.path, path.stat().st_size))
                    return super().send_head()
                body = gzip.compress(path.read_bytes())
                sent.append((self.path, len(body)))
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def search_bytes(self) -> int:
        """What the search itself cost: Pagefind's files and our search script."""
        return sum(size for path, size in self.sent if path.startswith(("/pagefind/", "/theme/js/")))


def search_transfer(site: Path, query: str, chromium: str) -> dict[str, float]:
    """Bytes a browser fetches to show the results of one query (Pagefind's files and our
    search script, compressed as hosts serve them), and then to open the filters."""
    from playwright.sync_api import sync_playwright

    server = Gzipping(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(f"{server.url}/search/?q={query}")
            page.wait_for_selector(".search-result", timeout=120_000)
            page.wait_for_load_state("networkidle")
            query_bytes = server.search_bytes()
            page.click(".search-filters-toggle")
            page.wait_for_selector(".search-filter input", timeout=120_000)
            page.wait_for_load_state("networkidle")
            filter_bytes = server.search_bytes()
            browser.close()
    finally:
        server.server.shutdown()
    return {"query_kb": round(query_bytes / 1024, 1), "with_filters_kb": round(filter_bytes / 1024, 1)}


def typical_query(articles: dict[str, list[str]]) -> str:
    """A word that claims use: the commonest longer word of the claims' titles."""
    counts: dict[str, int] = {}
    for title, *_ in articles.values():
        for word in re.findall(r"[a-z]{6,}", title.lower()):
            counts[word] = counts.get(word, 0) + 1
    return max(sorted(counts), key=counts.get)


def card_drawing(project: Path, claims: int) -> dict[str, float]:  # noqa: ARG001 (the claims are those of the project)
    """Every claim's card drawn afresh on every core, and what the cards weigh."""
    code = (
        "import json, sys, tempfile, time\n"
        "from pathlib import Path\n"
        "from factcheck.outputs.cards.cache import spec, write_cards\n"
        "from factcheck.outputs.cards.colours import verdict_colours\n"
        "from factcheck.project.settings import read, verdict_scale\n"
        "from factcheck.checking.load_site import load_site\n"
        "settings = read('pelican.conf.py')\n"
        "site = load_site('claims', 'content/sources', verdict_scale(settings), cache='.cache/check')\n"
        "colours = verdict_colours(site.verdicts)\n"
        "work = Path(tempfile.mkdtemp(dir='.'))\n"
        "jobs = [(spec(c, colours), work / 'out' / c.slug / 'card.png') for c in site.claims]\n"
        "start = time.perf_counter()\n"
        "write_cards(jobs, settings['SITENAME'], work / 'cache')\n"
        "seconds = time.perf_counter() - start\n"
        "sizes = [path.stat().st_size for _, path in jobs]\n"
        "print(json.dumps({'seconds': round(seconds, 2), 'count': len(sizes), 'average_bytes': round(sum(sizes) / len(sizes)), 'max_bytes': max(sizes)}))\n"
    )
    os.sync()
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"bench: drawing the cards failed:\n{result.stderr[-3000:]}")
    for folder in project.glob("tmp*"):
        shutil.rmtree(folder, ignore_errors=True)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    found["per_card_ms"] = round(found["seconds"] / max(1, found["count"]) * 1000, 2)
    return found


def list_pages(output: Path) -> dict[str, int | None]:
    """The largest page of each kind of list, in bytes (None where the site has none)."""
    def largest(pattern: str) -> int | None:
        sizes = [p.stat().st_size for p in output.glob(pattern)]
        return max(sizes) if sizes else None
    # A paginated list's further pages are page/N/index.html below its first page.
    return {"home": (output / "index.html").stat().st_size,
            "all_claims": max(filter(None, (largest("page/*/index.html"), largest("claims/index.html"), largest("claims/page/*/index.html"))), default=None),
            "verdict": largest("verdicts/**/index.html"), "person": largest("people/**/index.html"), "topic": largest("topics/**/index.html")}


def edit_to_reload(project: Path, chromium: str | None, edits: int = 3) -> dict:
    """Under `factcheck serve`: from saving an edited claim to seeing it on the page (in a
    real tab, reloaded by the preview; without a browser, as soon as the server serves it)."""
    import signal
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = project / "serve.log"
    handle = open(log, "w")  # noqa: SIM115 (the server writes to it until it stops)
    process = subprocess.Popen([str(BIN / "factcheck"), "serve", "--port", str(port)], cwd=project, stdout=handle, stderr=subprocess.STDOUT)

    def wait_for(condition, what: str, limit: float = 3600) -> None:
        deadline = time.monotonic() + limit
        while not condition():
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bench: serve never showed {what}:\n{log.read_text()[-3000:]}")
            time.sleep(0.02)

    def indexed() -> int:
        return log.read_text().count("search index updated")

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as response:
            return response.read().decode()

    times = []
    browser = None
    try:
        wait_for(lambda: "serving http" in log.read_text() and indexed() >= 1, "its first build and index")
        if chromium:
            from playwright.sync_api import sync_playwright
            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
        for n in range(edits):
            slug = f"claim-{n + 1:05d}"
            claim = project / "claims" / f"{slug}.yaml"
            marker = f"Edited{n}x{random.randrange(10**9)}"
            if browser:
                page.goto(f"http://127.0.0.1:{port}/claims/{slug}/")
                page.wait_for_timeout(300)  # the tab is listening for the preview's news
            done = indexed()
            text = claim.read_text(encoding="utf-8").replace('summary: "', f'summary: "{marker} ', 1)
            start = time.perf_counter()
            claim.write_text(text, encoding="utf-8")
            if browser:
                page.wait_for_function("m => document.body.textContent.includes(m)", arg=marker, timeout=600_000)
            else:
                wait_for(lambda marker=marker, slug=slug: marker in fetch(f"claims/{slug}/"), "the edited claim")
            times.append(round(time.perf_counter() - start, 2))
            wait_for(lambda done=done: indexed() > done, "the search index after the edit")  # the next edit starts quiet
    finally:
        if browser:
            browser.close()
            playwright.stop()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        handle.close()
    return {"seconds": sorted(times)[len(times) // 2], "runs": times, "seen_in": "browser tab" if chromium else "served page"}


def measure(claims: int, sources: int, quotes: int, work: Path, chromium: str | None, cards: bool = True,
            repeat: int = 1, serve: bool = True) -> dict:
    project = work / f"ours-{claims}"
    project.mkdir()
    articles = write_corpus(project, claims, sources, quotes)
    written = time.time()
    factcheck = [str(BIN / "factcheck")]
    cache, output = project / ".cache", project / "output"
    result: dict = {"claims": claims, "sources": sources, "quotes_per_claim": quotes}

    # Checking: a fresh clone, an unchanged tree, one edited claim, one named claim (CI).
    result["check"] = repeated(repeat, removing(cache / "check"), lambda: run([*factcheck, "check"], project))
    time.sleep(max(0.0, written + 2.5 - time.time()))  # files this new are not vouched for by their status
    run([*factcheck, "check"], project)
    result["check_cached"] = repeated(repeat, None, lambda: run([*factcheck, "check"], project))
    edited = project / "claims" / "claim-00001.yaml"
    original = edited.read_text(encoding="utf-8")
    edits = iter(range(10**6))

    def edit() -> None:
        edited.write_text(original.replace('summary: "', f'summary: "Edit {next(edits)}. ', 1), encoding="utf-8")
    result["check_after_edit"] = repeated(repeat, edit, lambda: run([*factcheck, "check"], project))
    edited.write_text(original, encoding="utf-8")
    result["check_one"] = repeated(repeat, removing(cache / "check"), lambda: run([*factcheck, "check", "claims/claim-00000.yaml"], project))

    # Building: a fresh clone (nothing cached), then a deploy with .cache restored.
    result["ours"] = repeated(repeat, removing(cache, output), lambda: run([*factcheck, "build"], project))
    fresh = digests(output)
    result["ours_cached"] = repeated(repeat, removing(output), lambda: run([*factcheck, "build"], project))
    # What the next deploy uploads: nothing when nothing changed, then after one edited claim.
    deployed = digests(output)
    result["deploy_unchanged"] = to_upload(fresh, deployed)
    edit()
    result["deploy_after_edit"] = {**run([*factcheck, "build"], project), **to_upload(deployed, digests(output))}
    edited.write_text(original, encoding="utf-8")  # the output keeps the edit: a few bytes in one claim
    result["ours"]["output_mb"] = round(folder_size(output) / 1e6, 1)
    pages = sorted((output / "claims").glob("*/index.html"))[:50]
    css = folder_size(output / "theme" / "css")
    result["ours"]["claim_page_bytes"] = round(sum(p.stat().st_size for p in pages) / len(pages) + css)
    result["list_pages"] = list_pages(output)
    size, where = largest_list_page(output)
    result["ours"]["largest_list_page_bytes"], result["ours"]["largest_list_page"] = size, where
    result["cards"] = card_drawing(project, claims)
    if chromium:
        result["search"] = search_transfer(output, typical_query(articles), chromium)
        result["ours"]["search_transfer_kb"] = result["search"]["query_kb"]
    if cards:  # the same build without social cards (and without a check cache): the pages alone, like the other tools
        config = project / "pelican.conf.py"
        config.write_text(config.read_text() + "\nFACTCHECK_SOCIAL_CARDS = False\n")
        result["ours_without_cards"] = repeated(repeat, removing(project / "output-nocards", cache / "check"),
                                                lambda: run([*factcheck, "build", "--output", "output-nocards"], project))
        config.write_text(config.read_text().replace("\nFACTCHECK_SOCIAL_CARDS = False\n", ""))
        shutil.rmtree(project / "output-nocards", ignore_errors=True)
    if serve:
        result["edit_to_reload"] = edit_to_reload(project, chromium)

    bare = work / f"pelican-{claims}"
    write_markdown(bare / "content", articles, lambda slug, title, i: f"Title: {title}\nDate: 2026-01-{1 + i % 28:02d}\nSlug: {slug}\n\n")
    (bare / "pelicanconf.py").write_text("SITENAME='Bare'\nPATH='content'\nTIMEZONE='UTC'\nDEFAULT_LANG='en'\nSITEURL=''\n")
    result["bare_pelican"] = repeated(repeat, removing(bare / "output"), lambda: combine(
        run([str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", "-q"], bare),
        run([pagefind(), "--site", "output"], bare)))
    result["bare_pelican"]["output_mb"] = round(folder_size(bare / "output") / 1e6, 1)

    hugo = shutil.which("hugo")
    if hugo:
        site = work / f"hugo-{claims}"
        write_markdown(site / "content" / "posts", articles, lambda _slug, title, i: f"---\ntitle: {json.dumps(title)}\ndate: 2026-01-{1 + i % 28:02d}\n---\n")
        (site / "hugo.toml").write_text("baseURL = '/'\ntitle = 'Bare'\n")
        layouts = site / "layouts" / "_default"
        layouts.mkdir(parents=True)
        page = "<!doctype html><html lang=en><head><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>"
        (layouts / "baseof.html").write_text(page)
        (layouts / "single.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}')
        (layouts / "list.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}')
        result["hugo"] = repeated(repeat, removing(site / "public"), lambda: combine(
            run([hugo, "--quiet", "--destination", "public"], site), run([pagefind(), "--site", "public"], site)))
        result["hugo"]["output_mb"] = round(folder_size(site / "public") / 1e6, 1)
    return result


def _seconds(step: dict | None) -> str:
    return f"{step['seconds']}" if step else "n/a"


def _ratio(a: dict | None, b: dict | None) -> str:
    return f"{a['seconds'] / b['seconds']:.2f}" if a and b and b["seconds"] else "n/a"


def _kb(value: int | float | None) -> str:
    return f"{value / 1000:.1f}" if value else "n/a"


def _upload(step: dict | None, mb: bool = True) -> str:
    if not step:
        return "n/a"
    return f"{step['files']} / {step['mb']}" if mb else f"{step['files']}"


def table(results: list[dict]) -> str:
    """Two README-ready tables: building, then the figures a contributor and a reader feel."""
    rows = ["| N claims | ours, fresh clone (s) | ours, cache restored (s) | ours, no cards (s) | bare Pelican (s) | fresh / Pelican | cached / Pelican | no cards / Pelican | Hugo (s) | fresh / Hugo | no cards / Hugo | ours peak MB | Pelican peak MB | ours output MB | Pelican output MB | next deploy, nothing changed (files) | next deploy, one claim edited (files / MB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        ours, cached, plain, bare, hugo = r["ours"], r.get("ours_cached"), r.get("ours_without_cards"), r["bare_pelican"], r.get("hugo")
        rows.append(f"| {r['claims']} | {ours['seconds']} | {_seconds(cached)} | {_seconds(plain)} | {bare['seconds']} | {_ratio(ours, bare)} | "
                    f"{_ratio(cached, bare)} | {_ratio(plain, bare)} | {_seconds(hugo)} | {_ratio(ours, hugo)} | {_ratio(plain, hugo)} | "
                    f"{ours['peak_mb']} | {bare['peak_mb']} | {ours.get('output_mb', 'n/a')} | {bare.get('output_mb', 'n/a')} | "
                    f"{_upload(r.get('deploy_unchanged'), mb=False)} | {_upload(r.get('deploy_after_edit'))} |")
    rows += ["", "| N claims | cards, all (s) | card ms | card avg kB | card max kB | check (s) | check, unchanged (s) | check, one edited (s) | check one file (s) | edit → reload (s) | search kB | search + filters kB | claim page kB | largest list page kB | home kB | largest page of all claims kB | largest verdict page kB | largest person page kB | largest topic page kB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        cards, pages, search, loop = r.get("cards", {}), r.get("list_pages", {}), r.get("search", {}), r.get("edit_to_reload")
        rows.append(f"| {r['claims']} | {cards.get('seconds', 'n/a')} | {cards.get('per_card_ms', 'n/a')} | {_kb(cards.get('average_bytes'))} | {_kb(cards.get('max_bytes'))} | "
                    f"{r['check']['seconds']} | {_seconds(r.get('check_cached'))} | {_seconds(r.get('check_after_edit'))} | {r['check_one']['seconds']} | "
                    f"{_seconds(loop)} | {search.get('query_kb', 'n/a')} | {search.get('with_filters_kb', 'n/a')} | {_kb(r['ours'].get('claim_page_bytes'))} | "
                    f"{_kb(r['ours'].get('largest_list_page_bytes'))} | {_kb(pages.get('home'))} | {_kb(pages.get('all_claims'))} | {_kb(pages.get('verdict'))} | {_kb(pages.get('person'))} | {_kb(pages.get('topic'))} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--quotes", type=int, default=3)
    parser.add_argument("--scales", help="comma-separated claim counts to run in turn, e.g. 1000,5000,10000")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--no-browser", action="store_true", help="skip the steps in a browser (search transfer; the reload is timed over HTTP)")
    parser.add_argument("--no-cards-run", action="store_true", help="skip the extra build without social cards")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-to-reload measurement under factcheck serve")
    parser.add_argument("--repeat", type=int, default=1, help="run each check and build this many times and report the median")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    args = parser.parse_args(argv)
    scales = [int(n) for n in args.scales.split(",")] if args.scales else [args.claims]
    check_requirements()
    chromium = None
    if not args.no_browser:
        chromium, missing = browser_tools()
        if not chromium:
            print(f"bench: {missing}: skipping the search transfer, and timing the reload over HTTP instead of in a tab", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    try:
        results = [measure(n, args.sources, args.quotes, work, chromium, not args.no_cards_run, args.repeat, not args.no_serve) for n in scales]
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
