"""People, topics and paginated lists, on small generated sites (tests/fixture_site.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import extruct
import pytest
from bs4 import BeautifulSoup

from conftest import build_project
from factcheck.model.verdicts import DEFAULT_VERDICTS
from fixture_site import PAGE_SIZE, FixtureClaim, default_claims, write_project

LABELS = {v["id"]: v["label"] for v in DEFAULT_VERDICTS}
MCMASTER = {"H.R. McMaster", "H. R. McMaster", "Herbert McMaster"}  # the registry's name and aliases
ATOM = "{http://www.w3.org/2005/Atom}"


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_file(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"


def walk(site: Path, first: str) -> list[tuple[str, BeautifulSoup]]:
    """Every page of a list, from its first page along rel="next"; checks the links both ways."""
    pages, url, previous = [], first, None
    while url is not None:
        soup = html(page_file(site, url))
        prev_link = soup.find("link", rel="prev")
        assert (prev_link["href"] if prev_link else None) == previous, url
        nav_prev = soup.select_one(".pagination a[rel=prev]")
        assert (nav_prev["href"] if nav_prev else None) == previous, url
        pages.append((url, soup))
        assert len(pages) < 50, "rel=next goes round in circles"
        next_link = soup.find("link", rel="next")
        nav_next = soup.select_one(".pagination a[rel=next]")
        assert (nav_next["href"] if nav_next else None) == (next_link["href"] if next_link else None), url
        previous, url = url, (next_link["href"] if next_link else None)
    return pages


def listed_claims(site: Path, first: str) -> list[str]:
    """The claim slugs a paginated claim list shows, in order, across all its pages."""
    slugs = []
    for url, soup in walk(site, first):
        items = [a["href"].split("/")[2] for a in soup.select(".claim-list .claim-link")]
        assert 0 < len(items) <= PAGE_SIZE, url
        slugs += items
    return slugs


def newest_first(claims: list[FixtureClaim]) -> list[str]:
    return [c.slug for c in sorted(claims, key=lambda c: (c.published, c.slug), reverse=True)]


@pytest.fixture(scope="module")
def claims() -> list[FixtureClaim]:
    return default_claims()


def person_of(claim: FixtureClaim) -> str:
    """The page each claimant should land on, worked out independently of the code."""
    return {"Eric Schuler": "eric-schuler", "Anonymous officials": "anonymous-officials",
            "Dina Powell": "dina-powell"}.get(claim.claimant, "hr-mcmaster" if claim.claimant in MCMASTER else None)


# -- people ----------------------------------------------------------------------------------

def folders(path: Path) -> list[str]:
    """The pages under an index: its folders, except ``page/`` where its own later pages are."""
    return sorted(p.name for p in path.iterdir() if p.is_dir() and p.name != "page")


def test_person_pages_list_exactly_the_claims_of_their_claimant(fixture_site, claims):
    people = {person_of(c) for c in claims}
    assert folders(fixture_site / "people") == sorted(people)
    for person in people:
        mine = [c for c in claims if person_of(c) == person]
        assert listed_claims(fixture_site, f"/people/{person}/") == newest_first(mine), person


def test_spellings_listed_as_aliases_land_on_one_page(fixture_site, claims):
    page = html(fixture_site / "people" / "hr-mcmaster" / "index.html")
    assert page.find("h1").get_text() == "H.R. McMaster"
    assert page.select_one(".role").get_text() == "National security adviser"
    assert page.select_one(".lead em").get_text() == "May 2017"  # the description's Markdown
    assert {c.claimant for c in claims if person_of(c) == "hr-mcmaster"} == MCMASTER
    for spelling in ("h-r-mcmaster", "herbert-mcmaster"):
        assert not (fixture_site / "people" / spelling).exists()
    for claim in claims:
        if claim.claimant in MCMASTER:
            link = html(fixture_site / "claims" / claim.slug / "index.html").select_one(".attribution a")
            assert (link["href"], link.get_text()) == ("/people/hr-mcmaster/", "H.R. McMaster")


def test_free_text_claimants_get_a_page_without_any_registry(tmp_path, claims):
    project = write_project(tmp_path / "p", people=None, topics=None)
    assert build_project(project, None, "--no-search") == 0
    site = project / "output"
    by_key = {"Eric Schuler": "eric-schuler", "Anonymous officials": "anonymous-officials", "Dina Powell": "dina-powell",
              "H.R. McMaster": "h-r-mcmaster", "H. R. McMaster": "h-r-mcmaster", "Herbert McMaster": "herbert-mcmaster"}
    for slug in set(by_key.values()):
        mine = [c for c in claims if by_key[c.claimant] == slug]
        assert listed_claims(site, f"/people/{slug}/") == newest_first(mine), slug
        page = html(site / "people" / slug / "index.html")
        assert page.select_one(".eyebrow").get_text() == "Claimant"
    # Two spellings that differ only in punctuation and spacing are one claimant; the page is
    # named by the spelling more claims use.
    assert html(site / "people" / "h-r-mcmaster" / "index.html").find("h1").get_text() == "H.R. McMaster"
    assert html(site / "topics" / "allies" / "index.html").find("h1").get_text() == "Allies"


def scorecard(page: BeautifulSoup) -> dict[str, int]:
    rows = page.select("table.scorecard tbody tr")
    return {row.th.get_text(strip=True): int(row.select_one("td.count").get_text()) for row in rows}


def test_scorecard_numbers_match_the_claims(fixture_site, claims):
    checked = 0
    for person in {person_of(c) for c in claims}:
        page = html(fixture_site / "people" / person / "index.html")
        expected = Counter(LABELS[c.verdict] for c in claims if person_of(c) == person)
        table = scorecard(page)
        assert list(table) == list(LABELS.values())  # every verdict of the scale, in its order
        assert table == {label: expected.get(label, 0) for label in LABELS.values()}, person
        total = sum(expected.values())
        shares = [td.get_text(strip=True) for td in page.select("table.scorecard td.share")]
        assert shares == [f"{round(100 * expected.get(label, 0) / total)}%" for label in LABELS.values()]
        assert page.select_one("table.scorecard caption").get_text().startswith(f"Verdicts on {total} claim")
        checked += 1
    topic = html(fixture_site / "topics" / "allies" / "index.html")
    assert scorecard(topic) == {label: Counter(LABELS[c.verdict] for c in claims if "allies" in c.tags).get(label, 0)
                                for label in LABELS.values()}
    assert checked == 4


def test_scorecard_bars_are_hidden_from_screen_readers_which_read_the_numbers(fixture_site):
    page = html(fixture_site / "people" / "hr-mcmaster" / "index.html")
    bars = page.select("table.scorecard svg")
    assert bars and all(svg["aria-hidden"] == "true" for svg in bars)
    assert all(row.th.select_one(".verdict").get_text() for row in page.select("table.scorecard tbody tr"))


def test_people_index_lists_everyone_with_their_counts(fixture_site, claims):
    counts = Counter(person_of(c) for c in claims)
    seen = {}
    for _, soup in walk(fixture_site, "/people/"):
        for li in soup.select(".entry-list > li"):
            slug = li.a["href"].split("/")[2]
            seen[slug] = int(re.match(r".*?(\d+) claims? checked", li.select_one(".claim-meta").get_text()).group(1))
    assert seen == dict(counts)


# -- topics ----------------------------------------------------------------------------------

def test_topic_pages_list_exactly_the_claims_with_their_tag(fixture_site, claims):
    tags = {t for c in claims for t in c.tags}
    assert folders(fixture_site / "topics") == sorted(tags)
    for tag in tags:
        assert listed_claims(fixture_site, f"/topics/{tag}/") == newest_first([c for c in claims if tag in c.tags]), tag
    registered = html(fixture_site / "topics" / "allies" / "index.html")
    assert registered.find("h1").get_text() == "Allies and the source"
    assert registered.select_one(".lead").get_text() == "The partner whose intelligence was shared."
    assert html(fixture_site / "topics" / "russia-and-isis" / "index.html").find("h1").get_text() == "Russia and isis"


def test_topics_index_lists_every_topic_with_its_count(fixture_site, claims):
    counts = Counter(t for c in claims for t in c.tags)
    seen = {}
    for _, soup in walk(fixture_site, "/topics/"):
        for li in soup.select(".entry-list > li"):
            seen[li.a["href"].split("/")[2]] = int(re.search(r"(\d+) claims?$", li.select_one(".claim-meta").get_text()).group(1))
    assert seen == dict(counts)


# -- links between them -------------------------------------------------------------------------

def test_claim_pages_link_their_claimant_and_topics_and_carry_search_filters(fixture_site, claims):
    for claim in claims:
        page = html(fixture_site / "claims" / claim.slug / "index.html")
        person = page.select_one(".attribution a")
        assert person["href"] == f"/people/{person_of(claim)}/"
        assert person["data-pagefind-filter"] == "claimant" and person["data-pagefind-meta"] == "claimant"
        topics = page.select(".claim-footer a[data-pagefind-filter=topic]")
        assert [a["href"] for a in topics] == [f"/topics/{t}/" for t in claim.tags]


def test_home_page_and_navigation_lead_to_people_and_topics(fixture_site):
    home = html(fixture_site / "index.html")
    assert home.select_one("main a[href='/people/']") and home.select_one("main a[href='/topics/']")
    for path in ("index.html", "claims/claim-01/index.html", "sources/ledger/index.html"):
        nav = [a["href"] for a in html(fixture_site / path).select("nav[aria-label=Main] a")]
        assert "/people/" in nav and "/topics/" in nav, path
    assert html(fixture_site / "people" / "index.html").select_one("nav[aria-label=Main] a[aria-current=page]")["href"] == "/people/"


def test_each_person_and_topic_has_a_feed_linked_from_its_page(fixture_site, claims):
    for folder, members in [("people/hr-mcmaster", [c for c in claims if person_of(c) == "hr-mcmaster"]),
                            ("topics/allies", [c for c in claims if "allies" in c.tags])]:
        page = html(fixture_site / folder / "index.html")
        alternate = page.find("link", rel="alternate", href=f"/{folder}/feed.xml")
        assert alternate and alternate["type"] == "application/atom+xml"
        assert page.select_one(f".follow a[href='/{folder}/feed.xml']")
        feed = ET.parse(fixture_site / folder / "feed.xml").getroot()
        links = {e.find(f"{ATOM}link").get("href").split("/")[-2] for e in feed.findall(f"{ATOM}entry")}
        assert links == {c.slug for c in members}, folder
        assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith(f"/{folder}/feed.xml")


# -- pagination ------------------------------------------------------------------------------

def test_pagination_covers_every_claim_exactly_once_on_every_list(fixture_site, claims):
    everything = newest_first(claims)
    assert listed_claims(fixture_site, "/") == everything
    assert len(walk(fixture_site, "/")) == -(-len(claims) // PAGE_SIZE)
    for verdict in LABELS:
        mine = newest_first([c for c in claims if c.verdict == verdict])
        assert (listed_claims(fixture_site, f"/verdicts/{verdict}/") if mine else []) == mine, verdict
    for source in ("ledger", "diary"):  # every fixture claim quotes both
        assert listed_claims(fixture_site, f"/sources/{source}/claims/") == everything
    corrected = []
    for url, soup in walk(fixture_site, "/corrections/"):
        items = soup.select("ol.corrections > li a")
        assert 0 < len(items) <= PAGE_SIZE
        corrected += [a["href"].split("/")[2] for a in items]
    assert sorted(corrected) == sorted(c.slug for c in claims if c.extra)


def test_page_navigation_names_pages_and_marks_the_current_one(fixture_site):
    pages = walk(fixture_site, "/")
    assert len(pages) >= 3
    for number, (url, soup) in enumerate(pages, 1):
        nav = soup.select_one("nav.pagination")
        current = nav.select("a[aria-current=page]")
        assert len(current) == 1 and current[0]["href"] == url and current[0].get_text() == f"Page {number}"
        assert soup.find("title").get_text().startswith("Fixture checks" if number == 1 else f"All claims, page {number} of {len(pages)}")
        assert soup.find("link", rel="canonical")["href"].endswith(url)
    assert pages[1][0] == "/page/2/"
    assert html(fixture_site / "page" / "2" / "index.html").select_one("ol.claim-list")["start"] == str(PAGE_SIZE + 1)


def test_a_short_list_has_no_page_navigation(fixture_site):
    page = html(fixture_site / "people" / "dina-powell" / "index.html")
    assert page.select_one("nav.pagination") is None and page.find("link", rel="next") is None


def test_page_links_stay_few_on_a_long_list():
    from factcheck.site.pagination import paginate

    pages = paginate(list(range(1000)), 10, "x/")
    assert [p.url for p in pages[:2]] == ["x/", "x/page/2/"]
    links = pages[49].links()
    assert [link[0] if link else None for link in links] == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert [link[0] for link in pages[0].links() if link] == [1, 2, 3, 100]
    assert sum(len(p.items) for p in pages) == 1000 and pages[-1].next_url is None and pages[0].prev_url is None
    assert paginate([], 10, "x/")[0].items == []  # an empty list still has its page


# -- structured data -------------------------------------------------------------------------------

def item_author(site: Path, slug: str) -> dict:
    data = extruct.extract((site / "claims" / slug / "index.html").read_text(encoding="utf-8"), syntaxes=["json-ld"])
    (review,) = [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]
    return review["itemReviewed"]["author"]


def test_claimreview_author_comes_from_the_registry(fixture_site, claims):
    for claim in claims:
        author = item_author(fixture_site, claim.slug)
        if person_of(claim) == "hr-mcmaster":
            assert author == {"@type": "Person", "name": "H.R. McMaster", "jobTitle": "national security adviser"}
        elif person_of(claim) == "anonymous-officials":
            assert author == {"@type": "Organization", "name": "Anonymous officials"}
        else:  # no registry entry: the claim file's own words
            assert author == {"@type": "Person", "name": claim.claimant}


def test_claims_json_names_each_claims_person_and_lists_people_and_topics(fixture_site, claims):
    data = json.loads((fixture_site / "claims.json").read_text())
    people = {p["id"]: p for p in data["people"]}
    assert people["hr-mcmaster"]["aliases"] == ["H. R. McMaster", "Herbert McMaster"] and people["hr-mcmaster"]["registered"]
    assert people["eric-schuler"]["registered"] is False and people["eric-schuler"]["claims"] == 3
    assert people["hr-mcmaster"]["url"].endswith("/people/hr-mcmaster/")
    by_slug = {c.slug: c for c in claims}
    for record in data["claims"]:
        assert record["person"] == person_of(by_slug[record["slug"]])
        assert record["claimant"] == by_slug[record["slug"]].claimant  # as the file writes it
    assert {t["id"]: t["claims"] for t in data["topics"]} == dict(Counter(t for c in claims for t in c.tags))


# -- hostile names -----------------------------------------------------------------------------------

def test_hostile_claimant_names_give_short_safe_page_addresses(tmp_path):
    names = ["Longname " * 33, "../../etc/passwd", "???", '<script>alert("x")</script>', "Владимир Путин"]
    claims = [FixtureClaim(f"claim-{n}", json.dumps(name), "mixed", "2026-01-01", [], n) for n, name in enumerate(names, 1)]
    project = write_project(tmp_path / "p", claims, people=None, topics=None)
    assert build_project(project, None, "--no-search") == 0
    site = project / "output"
    slugs = folders(site / "people")
    assert len(slugs) == len(names)
    assert all(len(f) <= 60 and re.fullmatch(r"[^\W_]+(-[^\W_]+)*", f) for f in slugs), slugs
    assert "etc-passwd" in slugs and "script-alert-x-script" in slugs and "владимир-путин" in slugs
    assert any(f.startswith("claimant-") for f in slugs)  # "???" has no letters to make one from
    page = (site / "people" / "script-alert-x-script" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    home = html(site / "index.html")
    assert all(len(a.get_text()) <= 121 for a in home.select(".claim-meta a"))  # long names cut short in lists
