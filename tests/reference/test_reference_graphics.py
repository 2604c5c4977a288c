"""Pictures for readers who look rather than read: the verdict scale on each claim page and the
verdict distribution on the home page are inline SVG with text alternatives, no JavaScript.

A sweep over every page of the reference build (and of the fixture site where it says so):
the pages come from the reference content, so this is a test of that content too."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from factcheck.checking.load_site import load_site
from factcheck.model.verdicts import scale
from factcheck.project.settings import read
from sitepages import html_files


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "claims", ROOT / "content" / "sources", scale(read(ROOT / "pelican.conf.py")["FACTCHECK_VERDICTS"]))


def soup_of(built_site, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")


def text_alternative(soup: BeautifulSoup, svg) -> str:
    """The accessible name an SVG with role=img gets from aria-labelledby."""
    assert svg.get("role") == "img"
    return " ".join(soup.find(id=i).get_text(strip=True) for i in svg["aria-labelledby"].split())


def test_each_claim_page_shows_its_verdict_on_the_scale(built_site, site):
    rated = sorted((v for v in site.verdicts if v.rating), key=lambda v: v.rating)
    for claim in site.claims:
        soup = soup_of(built_site, f"claims/{claim.slug}/index.html")
        svg = soup.select_one(".verdict-box svg")
        name = text_alternative(soup, svg)
        assert name.startswith(claim.verdict.label + ":")
        assert f"from {rated[0].label} to {rated[-1].label}" in name
        assert [r["class"][0] for r in svg.find_all("rect")] == [v.css_class for v in rated]
        current = [r["class"][0] for r in svg.select("rect.current")]
        if claim.verdict.rating:
            assert current == [claim.verdict.css_class]
            assert f"step {rated.index(claim.verdict) + 1} of {len(rated)}" in name
        else:
            assert current == [] and "not placed" in name
        # the end labels under the picture repeat the title, so screen readers skip them
        assert svg.find_next_sibling("figcaption")["aria-hidden"] == "true"


def test_home_page_charts_the_verdicts_with_counts_in_words(built_site, site):
    soup = soup_of(built_site, "index.html")
    svg = soup.select_one("svg.distribution")
    name = text_alternative(soup, svg)
    assert name.startswith(f"Verdicts of {len(site.claims)} claim")
    widths = {}
    for rect in svg.find_all("rect"):
        widths[rect["class"][0]] = int(rect["width"])
    for verdict in site.verdicts:
        count = len(site.claims_with_verdict(verdict.id))
        assert widths.get(verdict.css_class, 0) == count
        if count:
            assert f"{count} {verdict.label.lower()}" in name


def test_every_svg_is_named_or_hidden(built_site):
    svgs = 0
    for file in html_files(built_site):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for svg in soup.find_all("svg"):
            svgs += 1
            assert svg.get("aria-hidden") == "true" or text_alternative(soup, svg), file
            assert not svg.find("script"), file
    assert svgs > 0
