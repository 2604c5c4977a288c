"""Publishing on Netlify: the configuration, checked offline with Netlify's own parser, and the
built site (a small generated one, tests/fixture_site.py) served with its headers in a real
browser without a single CSP violation."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_project
from fixture_site import METHODOLOGY, default_claims, write_project
from netlify_server import serve_like_netlify
from test_site import tree_digest

CHECKER = ROOT / "scripts" / "check-netlify-config.mjs"


def netlify_config(context: str, config: Path = ROOT / "netlify.toml") -> subprocess.CompletedProcess:
    if not (ROOT / "node_modules" / "@netlify" / "config").is_dir():
        pytest.fail("@netlify/config is not installed: `make test` runs `npm ci` for it")
    return subprocess.run(["node", str(CHECKER), str(config), context], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(("context", "url_variable"), [
    ("production", "$URL"), ("deploy-preview", "$DEPLOY_PRIME_URL"), ("branch-deploy", "$DEPLOY_PRIME_URL"),
])
def test_netlify_accepts_the_configuration_without_warnings(context, url_variable):
    result = netlify_config(context)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["build"]["command"] == f"SITEURL={url_variable} make site"
    assert Path(config["build"]["publish"]) == ROOT / "output"
    assert config["build"]["environment"]["PYTHON_VERSION"] == "3.11"


def test_a_configuration_mistake_is_caught(tmp_path):
    broken = tmp_path / "netlify.toml"
    broken.write_text((ROOT / "netlify.toml").read_text().replace('for = "/theme/*"', ""))
    result = netlify_config("production", broken)
    assert result.returncode == 1
    assert 'Missing "for" field' in result.stderr


def test_security_headers_and_caching(netlify_url):
    def headers(path):
        with urllib.request.urlopen(netlify_url + path) as response:
            return response.headers

    page = headers("/claims/claim-01/")
    csp = page["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "frame-ancestors 'none'" in csp
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] and page["Permissions-Policy"]
    assert page["Cache-Control"] == "public, max-age=0, must-revalidate"
    css = headers("/theme/css/site.css")
    assert css["Cache-Control"] == "public, max-age=31536000, immutable"
    fragment = next((ROOT_OUTPUT[0] / "pagefind" / "fragment").iterdir()).name
    assert headers(f"/pagefind/fragment/{fragment}")["Cache-Control"].endswith("immutable")
    archived = next((ROOT_OUTPUT[0] / "pagefind-archive" / "fragment").iterdir()).name
    assert headers(f"/pagefind-archive/fragment/{archived}")["Cache-Control"].endswith("immutable")
    assert headers("/pagefind/pagefind.js")["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_theme_assets_are_linked_by_content_hash(output):
    import hashlib

    html = (output / "index.html").read_text()
    digest = hashlib.sha256((output / "theme" / "css" / "site.css").read_bytes()).hexdigest()[:12]
    assert f'href="/theme/css/site.css?v={digest}"' in html


ROOT_OUTPUT: list[Path] = []


def write(root: Path, settings: str = "") -> Path:
    """The fixture project with an editorial page (list pages of three, so several of each)."""
    return write_project(root, settings=settings, pages={"methodology": METHODOLOGY})


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    project = write(tmp_path_factory.mktemp("netlify"))
    assert build_project(project) == 0
    return project / "output"


@pytest.fixture(scope="module")
def netlify_url(output):
    ROOT_OUTPUT[:] = [output]
    server = serve_like_netlify(output, ROOT / "netlify.toml")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


PAGES = ["/", "/claims/claim-06/", "/sources/ledger/", "/sources/", "/verdicts/misleading/", "/verdicts/mostly-false/page/2/",
         "/corrections/", "/methodology/", "/no-such-page/", "/people/", "/people/hr-mcmaster/", "/topics/", "/topics/allies/",
         "/sources/ledger/claims/", "/search/?q=checkable"]


def watch_csp(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_no_page_raises_a_csp_violation(page, netlify_url, path):
    problems = watch_csp(page)
    response = page.goto(netlify_url + path)
    assert response.status == (404 if path == "/no-such-page/" else 200)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp || []") == [] and problems == []


@pytest.mark.browser
def test_search_works_under_the_csp(page, netlify_url):
    problems = watch_csp(page)
    page.goto(netlify_url + "/search/?q=checkable")  # every claim page says it
    page.wait_for_selector(".search-result-link")
    before = page.locator(".search-result").count()
    page.click(".search-filters-toggle")  # loads the filter values
    page.check("input[name=verdict][value='Mostly true']")
    # Filtering re-runs the search (in WebAssembly, under the CSP): wait for its results.
    page.wait_for_function("n => { const r = [...document.querySelectorAll('.search-result')];"
                           " return r.length > 0 && r.length < n && r.every(e => e.innerText.includes('Verdict: Mostly true')); }",
                           arg=before)
    assert all("Verdict: Mostly true" in t for t in page.locator(".search-result").all_inner_texts())
    assert page.evaluate("window.__csp || []") == [] and problems == []


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """A claim renamed to a new slug, its old slug kept as an alias."""
    project = write_project(tmp_path_factory.mktemp("renamed"), default_claims()[:3])
    old = project / "claims" / "claim-01.yaml"
    new = project / "claims" / "the-first-claim.yaml"
    new.write_text(old.read_text() + "aliases: [claim-01]\n")
    old.unlink()
    assert build_project(project, None, "--no-search") == 0
    return project


def test_renamed_claim_keeps_its_old_url(renamed):
    output = renamed / "output"
    assert (output / "_redirects").read_text() == "/claims/claim-01/ /claims/the-first-claim/ 301\n"
    server = serve_like_netlify(output, ROOT / "netlify.toml")
    url = f"http://127.0.0.1:{server.server_address[1]}/claims/claim-01/"
    try:
        request = urllib.request.Request(url)
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as moved:
            opener.open(request)
        assert moved.value.code == 301
        assert moved.value.headers["Location"] == "/claims/the-first-claim/"
    finally:
        server.shutdown()
    # Hosts without _redirects support get a page that sends readers on.
    fallback = (output / "claims" / "claim-01" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=/claims/the-first-claim/">' in fallback


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_alias_may_not_hide_a_current_claim(tmp_path, capfd):
    project = write_project(tmp_path / "p", default_claims()[:3])
    claim = project / "claims" / "claim-01.yaml"
    claim.write_text(claim.read_text() + "aliases: [claim-02]\n")
    assert build_project(project, None, "--no-search") == 1
    err = capfd.readouterr().err
    assert "claims/claim-01.yaml:" in err and "FC028 alias 'claim-02' is the slug of" in err


def test_two_builds_are_byte_identical(tmp_path):
    project = write(tmp_path / "p", settings=CARDS)
    assert build_project(project, tmp_path / "first") == 0
    assert build_project(project, tmp_path / "second") == 0
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")


# -- the build cache between deploys ------------------------------------------------------

CACHE_PLUGIN = ROOT / "scripts" / "netlify-build-cache"
CARDS = "FACTCHECK_SOCIAL_CARDS = True\n"


def run_cache_plugin(event: str, build_dir: Path, cache_dir: Path) -> str:
    """One event of the cache plugin as Netlify Build runs it, with its manifest's inputs."""
    import yaml

    if not (ROOT / "node_modules" / "@netlify" / "cache-utils").is_dir():
        pytest.fail("@netlify/cache-utils is not installed: `make test` runs `npm ci` for it")
    inputs = {i["name"]: i["default"] for i in yaml.safe_load((CACHE_PLUGIN / "manifest.yml").read_text())["inputs"]}
    result = subprocess.run(["node", str(ROOT / "tests" / "run_netlify_plugin.mjs"), str(CACHE_PLUGIN), event,
                             str(build_dir), str(cache_dir), json.dumps(inputs)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_netlify_runs_the_cache_plugin_in_every_context():
    for context in ("production", "deploy-preview", "branch-deploy"):
        config = json.loads(netlify_config(context).stdout)
        assert [p["package"] for p in config["plugins"]] == ["./scripts/netlify-build-cache"]
        assert (ROOT / config["plugins"][0]["package"] / "manifest.yml").is_file()


def test_cards_drawn_by_one_deploy_are_reused_by_the_next(tmp_path):
    netlify_cache = tmp_path / "netlify-cache"
    first = write(tmp_path / "deploy-1", settings=CARDS)
    assert "no .cache in Netlify's build cache yet" in run_cache_plugin("onPreBuild", first, netlify_cache)
    assert build_project(first, None, "--no-search") == 0
    assert "saved .cache" in run_cache_plugin("onPostBuild", first, netlify_cache)

    second = write(tmp_path / "deploy-2", settings=CARDS)  # every deploy starts from a fresh checkout
    assert "restored .cache" in run_cache_plugin("onPreBuild", second, netlify_cache)
    cards = second / ".cache" / "cards"
    drawn = {p.name: p.stat().st_mtime_ns for p in cards.iterdir()}
    assert drawn
    assert build_project(second, None, "--no-search") == 0
    assert {p.name: p.stat().st_mtime_ns for p in cards.iterdir()} == drawn  # none drawn again
    published = sorted((second / "output").glob("claims/*/card.png"))
    assert len(published) == len(drawn)
    assert [p.read_bytes() for p in published] == [(first / "output" / p.relative_to(second / "output")).read_bytes() for p in published]
    # Restoring copies: had this build failed, the saved cache would still be there.
    assert any((netlify_cache).rglob("*.png"))
