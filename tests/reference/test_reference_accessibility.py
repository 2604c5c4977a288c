"""Accessibility in a real Chromium: axe-core at WCAG 2.2 AA on every page type in light and
dark colour schemes, plus the skip link, landmarks, heading order, visible focus and verdicts
that are told in words, not only in colour.

A sweep over every page of the reference build (and of the fixture site where it says so):
the pages come from the reference content, so this is a test of that content too."""

from __future__ import annotations

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from factcheck.model.verdicts import DEFAULT_VERDICTS
from sitepages import html_files, open_page, page_types, paged_page_types

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's structural rules are tagged best practice, not WCAG; they check landmarks and headings.
STRUCTURE = ["bypass", "region", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
             "landmark-no-duplicate-contentinfo", "page-has-heading-one", "heading-order"]


def axe_violations(page, rules: dict) -> list[str]:
    results = Axe().run(page, options={"runOnly": rules, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_22_aa_violations_on_any_page_type(browser, site_url, built_site, fixture_site_url, fixture_site, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    pages = [(site_url, name, path) for name, path in page_types(built_site).items()]
    pages += [(fixture_site_url, name, path) for name, path in paged_page_types(fixture_site).items()]
    for url, name, path in pages:
        open_page(page, url, path)
        problems = axe_violations(page, {"type": "tag", "values": WCAG_22_AA})
        problems += axe_violations(page, {"type": "rule", "values": STRUCTURE})
        if problems:
            found[f"{name} {path}"] = problems
    context.close()
    assert found == {}


def test_axe_reports_a_real_violation(page):
    """The axe run above can fail: an unlabelled field and grey-on-grey text are reported."""
    page.set_content('<html lang="en"><title>t</title><main><h1>x</h1><input>'
                     '<p style="color:#999;background:#aaa">faint</p></main></html>')
    ids = " ".join(axe_violations(page, {"type": "tag", "values": WCAG_22_AA}))
    assert "label" in ids and "color-contrast" in ids


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, site_url, built_site):
    page.goto(site_url + page_types(built_site)["claim"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # shown on screen while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


FOCUS_STYLE = """() => { const s = getComputedStyle(document.activeElement);
  return [document.activeElement.outerHTML.slice(0, 80), s.outlineStyle, parseFloat(s.outlineWidth)]; }"""


@pytest.mark.parametrize("kind", ["claim", "search"])
def test_every_tab_stop_shows_a_visible_focus_ring(page, site_url, built_site, kind):
    open_page(page, site_url, page_types(built_site)[kind])
    page.locator("body").focus()
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        element, style, width = page.evaluate(FOCUS_STYLE)
        assert style != "none" and width >= 2, f"no visible focus on {element}"
        seen += 1
    assert seen >= 5


def headings(soup: BeautifulSoup) -> list[int]:
    return [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def test_every_page_has_landmarks_one_h1_and_headings_in_order(built_site, fixture_site):
    for site, file in [(root, page) for root in (built_site, fixture_site) for page in html_files(root)]:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        where = file.relative_to(site)
        body = soup.body
        assert soup.html.get("lang"), where
        assert len(body.find_all("header", recursive=False)) == 1, where
        assert len(body.find_all("main", recursive=False)) == 1, where
        assert len(body.find_all("footer", recursive=False)) == 1, where
        assert body.find("nav", attrs={"aria-label": True}), where
        first = body.find("a")
        assert first.get("href") == "#main" and "skip-link" in first["class"], where
        levels = headings(soup)
        assert levels.count(1) == 1 and levels[0] == 1, where
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{where}: heading level jumps from h{before} to h{after}"


def test_verdicts_are_told_in_words_not_only_in_colour(built_site):
    labels = {v["label"] for v in DEFAULT_VERDICTS}
    badges = 0
    for file in html_files(built_site):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for badge in soup.select("span.verdict"):
            assert badge.get_text(strip=True) in labels, file
            badges += 1
    assert badges > 0
