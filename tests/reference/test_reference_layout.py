"""Layout in a real Chromium: every page type fits a 375 px phone without sideways scrolling,
dark mode is dark, and print drops navigation and search. Screenshots of each page type at
desktop and phone widths are written to tests/artifacts/ for people to look at.

A sweep over every page of the reference build (and of the fixture site where it says so):
the pages come from the reference content, so this is a test of that content too."""

from __future__ import annotations

import pytest

from conftest import ROOT
from sitepages import open_page, page_types, paged_page_types

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

LUMINANCE = """s => { const [r, g, b] = getComputedStyle(document.querySelector(s)).%s.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_fits_a_phone_and_is_photographed(browser, site_url, built_site, fixture_site_url, fixture_site, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(color_scheme=scheme, viewport=PHONE)
    page = context.new_page()
    too_wide = {}
    pages = [(site_url, name, path) for name, path in page_types(built_site).items()]
    pages += [(fixture_site_url, name, path) for name, path in paged_page_types(fixture_site).items()]
    for url, name, path in pages:
        for label, viewport in (("desktop", DESKTOP), ("mobile", PHONE)):
            page.set_viewport_size(viewport)
            open_page(page, url, path)
            page.screenshot(path=ARTIFACTS / f"{name}-{label}-{scheme}.png", full_page=True)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
    context.close()
    assert too_wide == {}


def test_the_phone_check_can_fail(page):
    page.set_viewport_size(PHONE)
    page.set_content('<meta name="viewport" content="width=device-width"><pre>' + "x" * 200 + "</pre>")
    assert page.evaluate("document.scrollingElement.scrollWidth") > PHONE["width"]


def test_dark_mode_is_light_text_on_a_dark_background(browser, site_url, built_site):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + page_types(built_site)["claim"])
    assert page.evaluate(LUMINANCE % "backgroundColor", "body") < 0.2
    assert page.evaluate(LUMINANCE % "color", "body") > 0.8
    context.close()


@pytest.mark.parametrize("kind", ["claim", "search"])
def test_print_drops_navigation_and_search(browser, site_url, built_site, kind):
    page = browser.new_context(color_scheme="dark").new_page()
    open_page(page, site_url, page_types(built_site)[kind])
    hidden = ["nav", ".skip-link", ".header-search" if kind == "claim" else ".search-form input"]
    for selector in hidden:
        assert page.locator(selector).first.is_visible() or selector == ".skip-link"
    page.emulate_media(media="print")
    for selector in hidden:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("main h1").is_visible()
    assert page.evaluate(LUMINANCE % "backgroundColor", "body") > 0.99  # white paper, even in dark mode
    assert page.evaluate(LUMINANCE % "color", "main h1") < 0.01
    page.screenshot(path=ARTIFACTS / f"{kind}-print.png", full_page=True)
    page.context.close()
