"""Publishing on Netlify: the configuration, checked offline with Netlify's own parser, and the
built site served with its headers in a real browser without a single CSP violation."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_project, copy_project
from netlify_server import serve_like_netlify
from test_site import tree_digest

CHECKER = ROOT / "scripts" / "check-netlify-config.mjs"


def netlify_config(context: str, config: Path = ROOT / "netlify.toml") -> subprocess.CompletedProcess:
    if not (ROOT / "node_modules" / "@netlify" / "config").is_dir():
        pytest.fail("@netlify/config is not installed: `make test` runs `npm ci` for it")
    return subprocess.run(["node", str(CHECKER), str(config), context], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(("context", "site_url"), [
    ("production", "$URL"), ("deploy-preview", "$DEPLOY_PRIME_URL"), ("branch-deploy", "$DEPLOY_PRIME_URL"),
])
def test_netlify_accepts_the_configuration_without_warnings(context, site_url):
    result = netlify_config(context)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["build"]["command"] == f"SITEURL={site_url} make site"
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

    page = headers("/claims/no-laws-were-broken/")
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


def test_theme_assets_are_linked_by_content_hash(built_site):
    import hashlib

    html = (built_site / "index.html").read_text()
    digest = hashlib.sha256((built_site / "theme" / "css" / "site.css").read_bytes()).hexdigest()[:12]
    assert f'href="/theme/css/site.css?v={digest}"' in html


ROOT_OUTPUT: list[Path] = []


@pytest.fixture(scope="module")
def netlify_url(built_site):
    ROOT_OUTPUT[:] = [built_site]
    server = serve_like_netlify(built_site, ROOT / "netlify.toml")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


PAGES = ["/", "/claims/sources-or-methods-not-discussed/", "/sources/washington-post/", "/sources/",
         "/verdicts/misleading/", "/corrections/", "/methodology/", "/no-such-page/",
         "/people/", "/people/hr-mcmaster/", "/topics/", "/topics/allies/", "/sources/washington-post/claims/"]


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
    page.goto(netlify_url + "/search/?q=intelligence")
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
    project = copy_project(tmp_path_factory.mktemp("renamed"))
    old = project / "claims" / "no-laws-were-broken.yaml"
    new = project / "claims" / "no-law-was-broken.yaml"
    new.write_text(old.read_text() + "aliases: [no-laws-were-broken]\n")
    old.unlink()
    assert build_project(project, None, "--no-search") == 0
    return project


def test_renamed_claim_keeps_its_old_url(renamed):
    output = renamed / "output"
    assert (output / "_redirects").read_text() == "/claims/no-laws-were-broken/ /claims/no-law-was-broken/ 301\n"
    server = serve_like_netlify(output, ROOT / "netlify.toml")
    url = f"http://127.0.0.1:{server.server_address[1]}/claims/no-laws-were-broken/"
    try:
        request = urllib.request.Request(url)
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as moved:
            opener.open(request)
        assert moved.value.code == 301
        assert moved.value.headers["Location"] == "/claims/no-law-was-broken/"
    finally:
        server.shutdown()
    # Hosts without _redirects support get a page that sends readers on.
    fallback = (output / "claims" / "no-laws-were-broken" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=/claims/no-law-was-broken/">' in fallback


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_alias_may_not_hide_a_current_claim(tmp_path, capfd):
    project = copy_project(tmp_path / "p")
    claim = project / "claims" / "no-laws-were-broken.yaml"
    claim.write_text(claim.read_text() + "aliases: [trump-revealed-the-city]\n")
    assert build_project(project, None, "--no-search") == 1
    err = capfd.readouterr().err
    assert "claims/no-laws-were-broken.yaml:" in err and "FC028 alias 'trump-revealed-the-city' is the slug of" in err


def test_two_builds_are_byte_identical(tmp_path):
    project = copy_project(tmp_path / "p")
    assert build_project(project, tmp_path / "first") == 0
    assert build_project(project, tmp_path / "second") == 0
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")


# -- the build cache between deploys ------------------------------------------------------

CACHE_PLUGIN = ROOT / "scripts" / "netlify-build-cache"


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
    first = copy_project(tmp_path / "deploy-1")
    assert "no .cache in Netlify's build cache yet" in run_cache_plugin("onPreBuild", first, netlify_cache)
    assert build_project(first, None, "--no-search") == 0
    assert "saved .cache" in run_cache_plugin("onPostBuild", first, netlify_cache)

    second = copy_project(tmp_path / "deploy-2")  # every deploy starts from a fresh checkout
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
