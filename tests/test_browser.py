"""Readers in a real Chromium: search, filters, and the header search box."""

from __future__ import annotations

import pytest

from conftest import ROOT
from factcheck.settings import read
from factcheck.site import load_site
from factcheck.verdicts import scale

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result"
RESULT_LINK = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title .pagefind-ui__result-link"


@pytest.fixture(scope="module")
def claims():
    site = load_site(ROOT / "claims", ROOT / "content" / "sources", scale(read(ROOT / "pelican.conf.py")["FACTCHECK_VERDICTS"]))
    return {c.slug: c for c in site.claims}


def search(page, query: str) -> None:
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__message")
    page.wait_for_function("q => document.querySelector('.pagefind-ui__message').textContent.includes(q)", arg=query)


def result_titles(page) -> list[str]:
    page.wait_for_selector(RESULT)
    return [t.strip() for t in page.locator(RESULT_LINK).all_inner_texts()]


def test_search_finds_the_claim_first_and_the_verdict_filter_narrows_it(page, site_url, claims):
    claim = claims["sources-or-methods-not-discussed"]
    page.goto(f"{site_url}/search/")
    search(page, "sources or methods")
    titles = result_titles(page)
    assert titles[0] == claim.claim
    assert len(titles) > 1  # sources quoting McMaster match too
    first = page.locator(RESULT).first
    assert f"Verdict: {claim.verdict.label}" in first.inner_text()

    page.check(f"input[name=verdict][value='{claim.verdict.label}']")
    page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__result').length < n", arg=len(titles))
    narrowed = result_titles(page)
    assert narrowed[0] == claim.claim
    assert len(narrowed) < len(titles)
    for tag in page.locator(f"{RESULT} [data-pagefind-ui-meta=verdict]").all_inner_texts():
        assert tag.strip() == f"Verdict: {claim.verdict.label}"


def test_header_search_box_lands_on_results(page, site_url, claims):
    page.goto(f"{site_url}/")
    page.fill("#header-search-input", "declassify")
    page.press("#header-search-input", "Enter")
    page.wait_for_url("**/search/?q=declassify")
    assert claims["no-laws-were-broken"].claim in result_titles(page)


def test_pages_other_than_search_work_without_javascript(browser, site_url, claims):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/claims/no-laws-were-broken/")
    link = page.locator("#evidence-1 .evidence-source a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")
    mark = page.locator(f"mark#{href.split('#')[1]}")
    assert mark.is_visible()
    context.close()
