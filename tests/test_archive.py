"""``factcheck archive``: saved pages and addresses become archived source texts.

The corpus in tests/archive_corpus/ is archived news texts (its texts/) dressed as five
kinds of site; addresses are served from a local http.server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import http.server
import json
import os
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from conftest import ROOT, build_project
from factcheck.archiving.extract_article import extract
from factcheck.archiving.fetch_page import USER_AGENT, FetchFailed, fetch_page
from factcheck.cli.main import main
from fixture_site import add_excerpts, default_claims, git, write_project

CORPUS = ROOT / "tests" / "archive_corpus"
KINDS = sorted(p.stem for p in CORPUS.glob("*.html"))
QUOTE = "Trump boasted to the Russians about the quality of the divulged intelligence"


def expected(kind: str) -> dict:
    return json.loads((CORPUS / f"{kind}.json").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def project(tmp_path) -> Path:
    """A fixture project, with the news excerpts among its sources, for the command to write into."""
    return add_excerpts(write_project(tmp_path / "project", default_claims()[:3]))


def run(project: Path, capsys, *args: str) -> tuple[int, str, str]:
    cwd = os.getcwd()
    os.chdir(project)
    try:
        capsys.readouterr()
        code = main([*args])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr()
    return code, out.out, out.err


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    header, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(header), body


# -- the corpus -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_corpus_page_keeps_every_paragraph_on_its_own_line_and_no_boilerplate(kind):
    page = expected(kind)
    extraction = extract((CORPUS / f"{kind}.html").read_bytes())
    lines = [norm(p) for p in extraction.paragraphs]
    assert [k for k in map(norm, page["keep"]) if k not in lines] == []
    text = "\n".join(extraction.paragraphs)
    assert [b for b in page["boilerplate"] if b in text] == []
    # Article paragraphs come out in the page's order.
    positions = [lines.index(norm(k)) for k in page["keep"]]
    assert positions == sorted(positions)
    meta = extraction.metadata
    got = {"title": meta.title, "publisher": meta.publisher, "author": meta.author,
           "published": meta.published.isoformat() if meta.published else None, "url": meta.url}
    assert got == page["metadata"]


def test_corpus_has_five_kinds_of_site():
    assert KINDS == ["blogger", "magazine", "newsblog", "newspaper", "wordpress"]
    for kind in KINDS:
        assert expected(kind)["source"] in {p.stem for p in (CORPUS / "texts").glob("*.txt")}


def test_corpus_pages_are_what_the_dressing_script_makes(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("dress", CORPUS / "dress.py")
    dress = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dress)
    monkeypatch.setattr(dress, "HERE", tmp_path)
    dress.main()
    for made in sorted(tmp_path.iterdir()):
        assert made.read_bytes() == (CORPUS / made.name).read_bytes(), f"{made.name} is stale: run tests/archive_corpus/dress.py"


def test_windows_1252_page_with_character_references_comes_out_right():
    data = (CORPUS / "blogger.html").read_bytes()
    assert b"\x93" in data and b"&#263;" in data  # curly quotes as cp1252 bytes, a character cp1252 lacks as a reference
    extraction = extract(data)
    assert extraction.decoded.encoding == "cp1252"
    text = "\n".join(extraction.paragraphs)
    assert "Milošević" in text and "“" in text and "\ufffd" not in text


def test_inline_markup_joins_without_spurious_spaces():
    page = b"""<html><head><title>t</title></head><body><article><h1>A headline for the test page</h1>
    <p>First, the <a href="/p">Post</a>'s report said <em>so</em>mething about the <b>meeting</b>, which was news enough for everyone.</p>
    <p>Second para<br><br>split by breaks only, as old content systems write paragraphs that run on for many words.</p>
    <ul><li>A list item of its own that has enough words to be counted as text.</li></ul>
    <blockquote>A quoted line that is long enough to be a paragraph in the article body.</blockquote></article></body></html>"""
    paragraphs = extract(page).paragraphs
    assert "First, the Post's report said something about the meeting, which was news enough for everyone." in paragraphs
    assert "Second para" in paragraphs and "split by breaks only, as old content systems write paragraphs that run on for many words." in paragraphs
    assert "A list item of its own that has enough words to be counted as text." in paragraphs
    assert "A quoted line that is long enough to be a paragraph in the article body." in paragraphs


# -- the command, from a saved file ------------------------------------------------------

def test_archive_a_saved_page_then_quote_it_in_a_claim_that_checks(project, capsys):
    before = listing(project / "content" / "sources")
    code, out, err = run(project, capsys, "archive", str(CORPUS / "newsblog.html"), "--id", "slatest-post")
    assert code == 0, err
    text = project / "content" / "sources" / "slatest-post.txt"
    snapshot = project / "content" / "sources" / "slatest-post.html.snapshot"
    assert snapshot.read_bytes() == (CORPUS / "newsblog.html").read_bytes()
    meta, body = front_matter(text)
    assert meta == {
        "title": expected("newsblog")["metadata"]["title"], "publisher": "Slate Magazine", "published": dt.date(2017, 5, 15),
        "url": expected("newsblog")["metadata"]["url"], "sha256": hashlib.sha256(snapshot.read_bytes()).hexdigest(),
    }
    assert list(meta) == ["title", "publisher", "published", "url", "sha256"]
    lines = [line for line in body.split("\n") if line]
    assert lines == [norm(k) for k in expected("newsblog")["keep"]]
    assert "kept 13 paragraphs" in out and "sha256 " in out
    assert "retrieved: not stated on the page; pass --retrieved" in out
    assert "1. \"Russia’s Foreign Minister Sergei Lavrov" in out  # the dropped photo caption, for review

    (project / "claims" / "boasted.yaml").write_text(
        "claim: Trump boasted about his intelligence.\nclaimant: A reader\nverdict: true\nsummary: He did.\n"
        f"evidence:\n  - source: slatest-post\n    quote: {QUOTE}\n    stance: supports\n"
        f"  - source: washington-post\n    quote: He did not reveal the specific intelligence gathering method\n    stance: context\n"
        "published: 2024-01-01\n")
    code, out, err = run(project, capsys, "check")
    assert code == 0, err
    assert "source(s) checked, 0 errors" in out
    # The other sources are untouched.
    after = listing(project / "content" / "sources")
    assert {name: after[name] for name in before} == before and len(after) == len(before) + 2


def test_flags_override_page_metadata_and_dry_run_writes_nothing(project, capsys):
    sources = project / "content" / "sources"
    before = listing(sources)
    code, out, _ = run(project, capsys, "archive", str(CORPUS / "wordpress.html"), "--id", "li", "--dry-run",
                       "--title", "Another title", "--author", "A. Writer", "--published", "2017-05-18", "--retrieved", "2020-02-02")
    assert code == 0
    assert "would write (dry run, nothing written)" in out
    assert "title: Another title (from --title)" in out and "published: 2017-05-18 (from --published)" in out
    assert listing(sources) == before
    code, out, _ = run(project, capsys, "archive", str(CORPUS / "wordpress.html"), "--id", "li", "--title", "Another title",
                       "--description", "A post", "--retrieved", "2020-02-02")
    meta, _ = front_matter(sources / "li.txt")
    assert meta["title"] == "Another title" and meta["description"] == "A post" and meta["retrieved"] == dt.date(2020, 2, 2)
    assert meta["author"] == "Eric Schuler"


def test_keep_a_dropped_block_by_number_or_words_rerunning_from_the_snapshot(project, capsys):
    sources = project / "content" / "sources"
    code, out, _ = run(project, capsys, "archive", str(CORPUS / "magazine.html"), "--id", "mag", "--url", "https://magazine.example/a", "--retrieved", "2021-03-04")
    assert code == 0
    assert '1. "According to recent news reports, President Trump' in out  # the dek
    snapshot = sources / "mag.html.snapshot"
    code, out, err = run(project, capsys, "archive", str(snapshot), "--id", "mag", "--force", "--keep", "1")
    assert code == 0, err
    meta, body = front_matter(sources / "mag.txt")
    lines = [line for line in body.split("\n") if line]
    assert lines[0].startswith("According to recent news reports")  # kept in its place in the page
    # Same snapshot, same retrieval: the address and date recorded the first time are kept.
    assert meta["url"] == "https://magazine.example/a" and meta["retrieved"] == dt.date(2021, 3, 4)
    code, _, _ = run(project, capsys, "archive", str(snapshot), "--id", "mag", "--force", "--keep", "Get our guide to the day’s")
    assert code == 0
    assert "Get our guide to the day’s biggest news" in (sources / "mag.txt").read_text(encoding="utf-8")


HOSTILE = """<html><head><meta charset="utf-8">
<title>Real title\n---\nurl: https://evil.example/\x07\u202eevil</title>
<meta property="og:title" content="&quot;quoted&quot;: {[&amp;*# title} --- ...\x1b[31m">
<meta property="og:site_name" content="Pub: lisher\n---">
<meta name="author" content="- a list?">
</head><body><article><h1>Heading</h1>
<p>A paragraph\x00 with a control character\x1b and plenty of words so the extractor keeps it as text.</p>
<p>---</p><p>Another paragraph that has enough words in it to be part of the article body here.</p>
<script>document.write('<p>never run</p>')</script><img src=x onerror="alert(1)"></article></body></html>"""


def test_hostile_metadata_cannot_inject_front_matter(project, capsys, tmp_path):
    page = tmp_path / "hostile.html"
    page.write_bytes(HOSTILE.encode("utf-8"))
    code, _out, err = run(project, capsys, "archive", str(page), "--id", "hostile")
    assert code == 0, err
    path = project / "content" / "sources" / "hostile.txt"
    meta, body = front_matter(path)
    assert meta == {"title": '"quoted": {[&*# title} --- ...[31m', "publisher": "Pub: lisher ---", "author": "- a list?",
                    "sha256": hashlib.sha256(page.read_bytes()).hexdigest()}
    assert "\x00" not in body and "\x1b" not in body and "never run" not in body
    assert "A paragraph with a control character and plenty of words" in body
    code, _, err = run(project, capsys, "check")
    assert code == 0, err


# -- bad input: one line, exit 1, nothing written ----------------------------------------

def _bad_inputs(tmp_path: Path) -> list[tuple[list[str], str]]:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    nul = tmp_path / "data.html"
    nul.write_bytes(b"<html>\x00\x01\x02" * 100)
    empty_article = tmp_path / "empty.html"
    empty_article.write_text("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    no_title = tmp_path / "untitled.html"
    no_title.write_text("<html><body><p>" + "Words enough for a paragraph of an article here. " * 5 + "</p></body></html>")
    empty = tmp_path / "zero.html"
    empty.write_bytes(b"")
    page = str(CORPUS / "wordpress.html")
    return [
        ([str(tmp_path / "missing.html"), "--id", "x"], "missing.html: no such file or directory"),
        ([str(tmp_path), "--id", "x"], "not a file"),
        ([str(binary), "--id", "x"], "it is a PNG image, not an HTML page"),
        ([str(nul), "--id", "x"], "binary data, not an HTML page"),
        ([str(empty), "--id", "x"], "the file is empty"),
        ([str(empty_article), "--id", "x"], "no article text found"),
        ([str(no_title), "--id", "x"], "the page states no title"),
        ([page, "--id", "washington-post"], "content/sources/washington-post.txt exists already; choose another --id, or pass --force"),
        ([page, "--id", "../x"], "--id '../x' is not a valid id"),
        ([page, "--id", "Capital"], "--id 'Capital' is not a valid id"),
        ([page, "--id", "with space"], "--id 'with space' is not a valid id"),
        ([page], "--id is required"),
        ([page, "--id", "x", "--published", "15 May 2017"], "--published '15 May 2017' must be a real date"),
        ([page, "--id", "x", "--published", "2999-01-01"], "must be a real date, YYYY-MM-DD, no later than today"),
        ([page, "--id", "x", "--url", "javascript:alert(1)"], "--url 'javascript:alert(1)' must be an http:// or https:// address"),
        ([page, "--id", "x", "--keep", "99"], "--keep 99: the dropped blocks are numbered 1 to 10"),
        ([page, "--id", "x", "--keep", "No such opening"], "--keep 'No such opening': no dropped block starts with these words"),
        (["file:///etc/passwd", "--id", "x"], "only http:// and https:// addresses"),
        (["ftp://example.org/page.html", "--id", "x"], "only http:// and https:// addresses"),
    ]


def test_every_bad_input_is_one_line_exit_1_nothing_written(project, capsys, tmp_path):
    sources = project / "content" / "sources"
    before = listing(sources)
    for args, message in _bad_inputs(tmp_path):
        code, out, err = run(project, capsys, "archive", *args)
        assert code == 1, (args, err)
        assert len(err.strip().splitlines()) == 1, (args, err)
        assert err.startswith("factcheck: archive: ") and message in err and err.rstrip().endswith("nothing written"), (args, err)
        assert "Traceback" not in err and out == ""
        assert listing(sources) == before, args


def test_force_replaces_and_a_snapshot_alone_blocks_the_id(project, capsys):
    sources = project / "content" / "sources"
    (sources / "orphan.html.snapshot").write_bytes(b"<html></html>")
    code, _, err = run(project, capsys, "archive", str(CORPUS / "wordpress.html"), "--id", "orphan")
    assert code == 1 and "orphan.html.snapshot exists already" in err
    code, _, err = run(project, capsys, "archive", str(CORPUS / "wordpress.html"), "--id", "orphan", "--force")
    assert code == 0, err
    assert (sources / "orphan.html.snapshot").read_bytes() == (CORPUS / "wordpress.html").read_bytes()


# -- the command, from an address ---------------------------------------------------------

class _Pages(http.server.BaseHTTPRequestHandler):
    """Serves the corpus and a few misbehaving addresses; records what it was asked."""

    seen: ClassVar[list[dict]] = []

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str | None = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        _Pages.seen.append({"path": self.path, "user_agent": self.headers.get("User-Agent")})
        path = self.path
        if path.startswith("/corpus/"):
            kind = path.split("/")[2].removesuffix(".html")
            self._send(200, (CORPUS / f"{kind}.html").read_bytes(), expected(kind)["content_type"])
        elif path == "/header-charset-only":
            data = (CORPUS / "blogger.html").read_bytes().replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b"")
            self._send(200, data, "text/html; charset=windows-1252")
        elif path == "/gzip":
            self._send(200, gzip.compress((CORPUS / "newspaper.html").read_bytes()), Content_Encoding="gzip")
        elif path == "/moved":
            self._send(301, b"", None, Location="/corpus/newspaper.html")
        elif path.startswith("/loop"):
            self._send(302, b"", None, Location=f"/loop{len(path)}")
        elif path == "/to-file":
            self._send(302, b"", None, Location="file:///etc/passwd")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4\n", "application/pdf")
        elif path == "/untyped":
            self._send(200, b"<html></html>", None)
        elif path == "/huge-declared":
            self._send(200, b"<html>", "text/html", Content_Length=str(50 * 1024 * 1024))
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(200):  # 13 MB, no length given: the limit is enforced while reading
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(3)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
                self._send(200, b"<html></html>")
        else:
            self._send(404, b"<h1>Not Found</h1>")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("kind", KINDS)
def test_archive_each_corpus_page_from_its_address(project, capsys, server, kind):
    url = f"{server}/corpus/{kind}.html"
    code, _out, err = run(project, capsys, "archive", url, "--id", f"web-{kind}", "--local-network")
    assert code == 0, err
    path = project / "content" / "sources" / f"web-{kind}.txt"
    meta, body = front_matter(path)
    assert meta["retrieved"] == dt.date.today()
    assert meta["url"] == (expected(kind)["metadata"]["url"] or url)  # the canonical link, else the fetched address
    assert meta["sha256"] == hashlib.sha256((CORPUS / f"{kind}.html").read_bytes()).hexdigest()
    lines = [line for line in body.split("\n") if line]
    assert [k for k in map(norm, expected(kind)["keep"]) if k not in lines] == []
    assert _Pages.seen[-1]["user_agent"] == USER_AGENT


def test_a_page_on_this_machine_or_a_private_network_is_not_fetched_unless_asked(project, capsys, server):
    # A page's address (or where it redirects) could otherwise make the archive a copy of a
    # router's page or a cloud metadata service, published with the source.
    sources = project / "content" / "sources"
    before, requests = listing(sources), len(_Pages.seen)
    code, _out, err = run(project, capsys, "archive", f"{server}/corpus/blogger.html", "--id", "x")
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert "127.0.0.1 is on this machine or a private network; only pages on the public internet are archived" in err
    assert listing(sources) == before and len(_Pages.seen) == requests  # refused before a byte was sent
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchFailed, match="on this machine or a private network"):
        fetch_page(f"http://localhost:{port}/moved")
    with pytest.raises(FetchFailed, match=r"127\.0\.0\.1 is on this machine or a private network"):
        fetch_page(f"https://127.0.0.1:{port}/")  # refused before TLS begins
    with pytest.raises(FetchFailed, match="secure connection failed"):
        fetch_page(f"https://127.0.0.1:{port}/", local=True)  # allowed: TLS begins (with a server that has none)
    assert len(_Pages.seen) == requests


def test_charset_from_the_http_header(server):
    page = fetch_page(f"{server}/header-charset-only", local=True)
    assert page.charset == "windows-1252" and b"charset=windows-1252" not in page.body
    extraction = extract(page.body, http_charset=page.charset)
    assert extraction.decoded.declared_by == "from the HTTP header"
    assert "Milošević" in "\n".join(extraction.paragraphs)


def test_redirects_are_followed_a_bounded_number_of_times_and_gzip_is_undone(server):
    page = fetch_page(f"{server}/moved", local=True)
    assert page.final_url == f"{server}/corpus/newspaper.html"
    assert fetch_page(f"{server}/gzip", local=True).body == (CORPUS / "newspaper.html").read_bytes()
    with pytest.raises(FetchFailed, match="more than 5 redirects, or a redirect loop"):
        fetch_page(f"{server}/loop", local=True)
    with pytest.raises(FetchFailed, match="only http:// and https:// addresses"):
        fetch_page(f"{server}/to-file", local=True)


@pytest.mark.parametrize(("path", "message"), [
    ("/nothing-here", "the server answered HTTP 404 Not Found"),
    ("/pdf", "the server sent application/pdf, not an HTML page"),
    ("/untyped", "the server sent no Content-Type, not an HTML page"),
    ("/huge-declared", "the page is 52,428,800 bytes, more than the 10,485,760 allowed"),
    ("/huge", "the page is more than the 10,485,760 bytes allowed"),
])
def test_fetch_refuses_what_is_not_a_page_to_archive(project, capsys, server, path, message):
    sources = project / "content" / "sources"
    before = listing(sources)
    code, _out, err = run(project, capsys, "archive", server + path, "--id", "x", "--local-network")
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1, err
    assert listing(sources) == before


def test_fetch_times_out(server):
    with pytest.raises(FetchFailed, match="no answer within 1 seconds"):
        fetch_page(f"{server}/slow", timeout=1, local=True)


def test_unreachable_host_is_one_line(project, capsys):
    code, _, err = run(project, capsys, "archive", "http://127.0.0.1:9/", "--id", "x")
    assert code == 1 and "cannot connect" in err and len(err.strip().splitlines()) == 1


# -- provenance: checked, published, and summarised for review ---------------------------

def test_check_refuses_a_snapshot_that_is_a_symbolic_link(project, capsys, tmp_path):
    sources = project / "content" / "sources"
    code, _, _ = run(project, capsys, "archive", str(CORPUS / "newsblog.html"), "--id", "linked")
    assert code == 0
    secret = tmp_path / "secret.html"
    secret.write_bytes((sources / "linked.html.snapshot").read_bytes())  # same hash: only the link is wrong
    (sources / "linked.html.snapshot").unlink()
    (sources / "linked.html.snapshot").symlink_to(secret)
    code, _, err = run(project, capsys, "check")
    assert code == 1
    assert "content/sources/linked.html.snapshot:1:1: FC054 snapshot linked.html.snapshot is a symbolic link" in err


def test_source_page_shows_provenance_and_publishes_the_snapshot_as_text(tmp_path, capsys):
    project = add_excerpts(write_project(tmp_path / "site", default_claims()[:3]))
    code, _, err = run(project, capsys, "archive", str(CORPUS / "newspaper.html"), "--id", "daily-report",
                       "--retrieved", "2024-05-06")
    assert code == 0, err
    assert build_project(project, None, "--no-search") == 0
    output = project / "output" / "sources" / "daily-report"
    page = (output / "index.html").read_text(encoding="utf-8")
    snapshot = (CORPUS / "newspaper.html").read_bytes()
    assert (output / "snapshot.txt").read_bytes() == snapshot
    assert '<dt>Retrieved</dt><dd><time datetime="2024-05-06">6 May 2024</time></dd>' in page
    assert f'<a href="/sources/daily-report/snapshot.txt" type="text/plain">the page as retrieved</a> (raw HTML, {len(snapshot):,} bytes)' in page
    assert f'<code class="hash">{hashlib.sha256(snapshot).hexdigest()}</code>' in page
    assert expected("newspaper")["metadata"]["url"] in page
    # The other sources keep no snapshot, so their pages show none.
    assert "snapshot.txt" not in (project / "output" / "sources" / "slate" / "index.html").read_text(encoding="utf-8")


def test_diff_lists_new_and_edited_sources(project, capsys):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "base")
    code, out, _ = run(project, capsys, "diff", "main")
    assert out == "## Claim changes against `main`\n\nNo claim was added, removed or changed.\n"
    run(project, capsys, "archive", str(CORPUS / "newsblog.html"), "--id", "slatest-post")
    edited = project / "content" / "sources" / "slate.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("have responded to the Post’s report", "have responded to the Post’s story")
                      .replace("publisher: Slate (The Slatest)", "publisher: Slate"), encoding="utf-8")
    code, out, _ = run(project, capsys, "diff", "main")
    assert code == 0
    assert "### Archived sources\n\n1 added, 1 edited, 0 removed." in out
    assert "- added `content/sources/slatest-post.txt`: “Report: President Trump Leaked" in out and "13 paragraphs, with its snapshot" in out
    assert "- **edited** `content/sources/slate.txt`: “Report: President Trump Leaked" in out
    assert "front matter changed; text changed (1 paragraph removed or edited, 1 added or edited)" in out
    assert "the Post’s report" in out.split("  - before: ")[1].split("\n")[0]
    assert "the Post’s story" in out.split("  - after: ")[1].split("\n")[0]
