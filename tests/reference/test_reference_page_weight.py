"""The page-weight budget: a claim page is at most 20 kB of HTML and CSS, and no page except
search loads JavaScript (the header search is a plain form).

A sweep over every page of the reference build (and of the fixture site where it says so):
the pages come from the reference content, so this is a test of that content too."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from sitepages import html_files, open_page, page_types, url_path

CLAIM_BUDGET = 20_000  # bytes of HTML plus every stylesheet it links
# Structured data rides in <script type="application/ld+json">: data, not code.
DATA_SCRIPT_TYPES = {"application/ld+json"}


def page_weight(built_site, file) -> int:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    css = [built_site / link["href"].split("?")[0].lstrip("/") for link in soup.find_all("link", rel="stylesheet")]
    return file.stat().st_size + sum(path.stat().st_size for path in css)


def test_claim_pages_stay_within_the_budget(built_site):
    claims = sorted(built_site.glob("claims/*/index.html"))
    assert claims
    weights = {url_path(built_site, f): page_weight(built_site, f) for f in claims}
    over = {url: size for url, size in weights.items() if size > CLAIM_BUDGET}
    assert over == {}, f"over {CLAIM_BUDGET} bytes of HTML+CSS"


def scripts(soup: BeautifulSoup) -> list[str]:
    """Everything on a page that would run: script elements (not data), on* handlers, javascript: links."""
    found = [str(s)[:80] for s in soup.find_all("script") if s.get("type", "").lower() not in DATA_SCRIPT_TYPES]
    for element in soup.find_all(True):
        found += [f"{element.name} {name}" for name in element.attrs if name.lower().startswith("on")]
        found += [f"{element.name} {value}" for value in element.attrs.values()
                  if isinstance(value, str) and value.strip().lower().startswith("javascript:")]
    return found


@pytest.mark.parametrize("which", ["reference", "fixture"])
def test_only_the_search_boxes_have_javascript(built_site, fixture_site, which):
    site = built_site if which == "reference" else fixture_site  # the fixture's sources list runs to two pages
    with_code = {}
    for file in html_files(site):
        found = scripts(BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser"))
        if found:
            with_code[url_path(site, file)] = found
    assert sorted(with_code) == ["/search/", "/sources/"]  # the site search and the archive search
    assert all("pagefind" in s or "search.js" in s for found in with_code.values() for s in found)


def test_the_script_check_sees_code_but_not_data():
    page = BeautifulSoup('<script type="application/ld+json">{}</script><a href="javascript:x()">a</a>'
                         '<button onclick="x()">b</button><script src="x.js"></script>', "html.parser")
    assert len(scripts(page)) == 3


@pytest.mark.browser
def test_pages_without_a_search_box_request_no_scripts(browser, site_url, built_site):
    page = browser.new_page()
    requested = []
    page.on("request", lambda r: requested.append((page.url, r.resource_type, r.url)))
    for name, path in page_types(built_site).items():
        if name not in ("search", "sources"):
            open_page(page, site_url, path)
            page.wait_for_load_state("networkidle")
    page.close()
    assert [r for r in requested if r[1] == "script"] == []
    assert {r[1] for r in requested} <= {"document", "stylesheet"}
