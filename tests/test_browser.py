"""Readers in a real Chromium: search, filters, keyboard use, the header search box, and
navigating from a claim to its sources and back, on a small generated site made for searching."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import build_project, serve_folder
from fixture_site import FixtureClaim, load_project, write_project, write_source

pytestmark = pytest.mark.browser

RESULT = ".search-result"
RESULT_LINK = ".search-result > .search-result-link"
STATUS = "#search .search-status"


TARGET = "methods-not-discussed"  # the claim most tests look for
# Five claims that all speak of intelligence, so that every filter has something to narrow.
CLAIMS = [
    FixtureClaim(TARGET, "H.R. McMaster", "misleading", "2026-05-20", ["allies"], 30, quotes=("memo", "diary"),
                 title="At no time were intelligence sources or methods discussed.",
                 summary="The intelligence reports say otherwise."),
    FixtureClaim("the-president-may-declassify", "Dina Powell", "mostly-true", "2026-05-19", ["law"], 31,
                 title="The president can declassify anything he chooses.", summary="Legal experts on intelligence agree."),
    FixtureClaim("the-story-is-false", "H.R. McMaster", "false", "2026-05-18", ["allies", "law"], 32,
                 title="The story as reported is false.", summary="Intelligence officials confirmed the story."),
    FixtureClaim("officials-leaked-it", "Anonymous officials", "unverifiable", "2026-05-17", [], 33,
                 title="Officials leaked the intelligence.", summary="Nobody can say which intelligence sources or methods were involved."),
    FixtureClaim("allies-keep-sharing", "Eric Schuler", "mixed", "2026-05-16", [], 34,
                 title="Allies will keep sharing intelligence.", summary="Sharing of intelligence goes on."),
]
# A source no claim quotes, with a word no page but its own shows.
LETTER = "A reader wrote in.\n\nThe shipwright kept the harbour logs in order.\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = write_project(tmp_path_factory.mktemp("browser"), CLAIMS, page_size=50)
    write_source(root, "letter", LETTER, title="A letter to the editor")
    assert build_project(root) == 0
    return root


@pytest.fixture(scope="module")
def url(project):
    server = serve_folder(project / "output")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def site(project):
    return load_project(project)


@pytest.fixture(scope="module")
def claims(site):
    return {c.slug: c for c in site.claims}


def search(page, query: str) -> None:
    page.fill("#search-input", query)
    page.wait_for_function("([s, q]) => document.querySelector(s).textContent.includes(q)", arg=[STATUS, query])


def open_filters(page) -> None:
    """Filter values load when a reader opens the filters (keyboard users: Enter or Space)."""
    toggle = page.locator("#search .search-filters-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    page.wait_for_selector("#search .search-filter input[type=checkbox]")


def result_titles(page) -> list[str]:
    page.wait_for_selector(RESULT)
    page.wait_for_load_state("networkidle")  # every result's fragment, and the filters, fetched
    return [t.strip() for t in page.locator(RESULT_LINK).all_inner_texts()]


def test_search_finds_the_claim_first_and_the_verdict_filter_narrows_it(page, url, claims):
    claim = claims[TARGET]
    page.goto(f"{url}/search/")
    search(page, "sources or methods")
    titles = result_titles(page)
    assert titles[0] == claim.claim
    assert len(titles) > 1  # another claim's summary matches too
    first = page.locator(RESULT).first
    assert f"Verdict: {claim.verdict.label}" in first.inner_text()

    assert page.locator("#search .search-filter").count() == 0  # no filter values loaded until asked for
    open_filters(page)
    page.check(f"input[name=verdict][value='{claim.verdict.label}']")
    page.wait_for_function("n => document.querySelectorAll('.search-result').length < n", arg=len(titles))
    narrowed = result_titles(page)
    assert narrowed[0] == claim.claim
    assert len(narrowed) < len(titles)
    for tag in page.locator(f"{RESULT} [data-meta=verdict]").all_inner_texts():
        assert tag.strip() == f"Verdict: {claim.verdict.label}"


def test_header_search_box_lands_on_results(page, url, claims):
    page.goto(f"{url}/")
    page.fill("#header-search-input", "declassify")
    page.press("#header-search-input", "Enter")
    page.wait_for_url("**/search/?q=declassify")
    assert claims["the-president-may-declassify"].claim in result_titles(page)


def test_pages_other_than_search_work_without_javascript(browser, url, claims):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/claims/the-president-may-declassify/")
    link = page.locator("#evidence-1 .evidence-source a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")
    mark = page.locator(f"mark#{href.split('#')[1]}")
    assert mark.is_visible()
    context.close()


def result_count(page) -> int:
    found = re.match(r"(\d+) results? for", page.inner_text(STATUS))
    assert found, page.inner_text(STATUS)
    return int(found.group(1))


def narrow(page, name: str, value: str) -> list[str]:
    """Tick one filter and wait for the result count to drop; the titles now shown."""
    before = result_count(page)
    open_filters(page)
    page.locator(f"input[name={name}][value={json.dumps(value)}]").check()
    page.wait_for_function(
        "([s, n]) => /^(\\d+) result/.test(document.querySelector(s).textContent)"
        " && parseInt(document.querySelector(s).textContent) < n", arg=[STATUS, before])
    assert 0 < result_count(page) < before
    return result_titles(page)


def test_claimant_and_source_filters_narrow_the_results(page, url, site, claims):
    claim = claims[TARGET]
    page.goto(f"{url}/search/?q=intelligence")
    result_titles(page)
    by_claimant = {c.claim for c in site.claims if c.claimant == claim.claimant}
    assert set(narrow(page, "claimant", claim.claimant)) <= by_claimant

    publisher = site.sources[claim.evidence[0].source].publisher
    page.goto(f"{url}/search/?q=intelligence")
    result_titles(page)
    citing = {c.claim for c in site.claims if any(site.sources[e.source].publisher == publisher for e in c.evidence)}
    assert set(narrow(page, "source", publisher)) <= citing


def test_topic_filter_narrows_the_results_and_results_name_the_claimant(page, url, site, claims):
    claim = claims[TARGET]
    page.goto(f"{url}/search/?q=intelligence")
    result_titles(page)
    topic = site.topics["allies"]
    on_topic = {c.claim for c in topic.claims}
    assert set(narrow(page, "topic", topic.label)) <= on_topic
    result = page.locator(RESULT, has=page.locator(".search-result-link", has_text=claim.claim)).first
    assert f"Claimant: {site.person_of[claim.slug].name}" in result.inner_text()


def test_one_click_from_a_claim_to_its_claimant_and_to_its_topic(page, url, site, claims):
    claim = claims["the-story-is-false"]
    person = site.person_of[claim.slug]
    page.goto(f"{url}/claims/{claim.slug}/")
    page.locator(".attribution a").first.click()
    page.wait_for_url(f"**/people/{person.id}/")
    expect(page.locator("h1")).to_have_text(person.name)
    assert claim.claim in link_texts(page, ".claim-list .claim-link")
    page.go_back()
    page.locator(".claim-footer a[data-pagefind-filter=topic]").first.click()
    page.wait_for_url(f"**/topics/{claim.tags[0]}/")
    assert claim.claim in link_texts(page, ".claim-list .claim-link")


def test_a_query_with_no_hits_says_so(page, url):
    page.goto(f"{url}/search/")
    search(page, "zqxjkvw")
    assert page.inner_text(STATUS).strip() == "No results for zqxjkvw"
    assert page.locator(RESULT).count() == 0


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received focus by Tab")


def test_search_works_by_keyboard_alone(page, url, claims):
    claim = claims[TARGET]
    page.goto(f"{url}/")
    tab_to(page, "#header-search-input")
    page.keyboard.type("intelligence")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=intelligence")
    result_titles(page)
    before = result_count(page)
    page.locator("#search-input").focus()  # where the search page leaves the reader
    tab_to(page, ".search-filters-toggle")
    page.keyboard.press("Enter")
    expect(page.locator(".search-filters-toggle")).to_have_attribute("aria-expanded", "true")
    box = f"input[name=verdict][value={json.dumps(claim.verdict.label)}]"
    page.wait_for_selector(box)  # the filter values load when the filters are opened
    tab_to(page, box)
    page.keyboard.press("Space")
    page.wait_for_function("([s, n]) => parseInt(document.querySelector(s).textContent) < n", arg=[STATUS, before])
    titles = result_titles(page)
    assert claim.claim in titles
    for tag in page.locator(f"{RESULT} [data-meta=verdict]").all_inner_texts():
        assert tag.strip() == f"Verdict: {claim.verdict.label}"
    tab_to(page, ".search-result-link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/claims/**")
    expect(page.locator("h1")).to_have_text(titles[0])


def test_search_page_focuses_its_box_so_typing_searches(page, url, claims):
    page.goto(f"{url}/search/")
    page.wait_for_function("document.activeElement.matches('#search-input')")
    page.keyboard.type("declassify")
    # Results for the half-typed word may show first; wait for the whole word's.
    page.wait_for_function("([s, q]) => document.querySelector(s).textContent.includes(q)", arg=[STATUS, "declassify"])
    assert claims["the-president-may-declassify"].claim in result_titles(page)


def test_evidence_link_lands_on_the_highlighted_passage_and_its_backlink_returns(page, url, claims):
    claim = claims[TARGET]
    page.goto(f"{url}/claims/{claim.slug}/")
    evidence = claim.evidence[0]  # paragraph 30 of the memo: far enough down to scroll to
    link = page.locator(f"#{evidence.anchor} .evidence-source a").first
    href = link.get_attribute("href")
    assert href.endswith(f"#{evidence.mark_ids[0]}")
    link.click()
    page.wait_for_url(f"**{href}")
    mark = page.locator(f"mark#{evidence.mark_ids[0]}")
    expect(mark).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    assert evidence.quote.split()[0] in mark.inner_text()

    back = page.locator(f"a.backlink[href$='/claims/{claim.slug}/#{evidence.anchor}']")
    expect(back).to_have_count(1)
    back.click()
    page.wait_for_url(f"**/claims/{claim.slug}/#{evidence.anchor}")
    expect(page.locator(f"#{evidence.anchor}")).to_be_in_viewport()


def link_texts(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def test_index_pages_list_the_right_claims(page, url, site):
    page.goto(f"{url}/")
    assert link_texts(page, ".claim-list .claim-link") == [c.claim for c in site.claims]
    for verdict in site.verdicts:
        page.goto(f"{url}/verdicts/{verdict.id}/")
        expect(page.locator("h1")).to_contain_text(verdict.label)
        assert link_texts(page, ".claim-list .claim-link") == [c.claim for c in site.claims_with_verdict(verdict.id)]

    page.goto(f"{url}/sources/")
    assert sorted(link_texts(page, ".source-list > li > a")) == sorted(s.title for s in site.sources.values())
    for source in site.sources.values():
        page.goto(f"{url}/sources/{source.id}/")
        citing = {c.claim.claim for c in site.citations[source.id]}
        assert set(link_texts(page, ".citations a.backlink")) == citing


def archive_only_word(site, project) -> tuple[str, str]:
    """A word of some source's archived text that no page other than the source's shows."""
    shown = " ".join(path.read_text(encoding="utf-8") for path in (project / "claims").glob("*.yaml"))
    shown += " ".join(s.title + " " + (s.description or "") for s in site.sources.values())
    shown_words = set(re.findall(r"[a-z]+", shown.lower()))
    for source in sorted(site.sources.values(), key=lambda s: s.id):
        for word in sorted(set(re.findall(r"[a-z]{9,}", source.text.lower()))):
            if word not in shown_words and all(word not in s.text.lower() for s in site.sources.values() if s is not source):
                return word, source.title
    raise AssertionError("every word of the archive is shown elsewhere")


def test_archive_search_finds_what_only_the_archived_texts_say(page, url, site, project):
    word, title = archive_only_word(site, project)
    assert (word, title) == ("shipwright", "A letter to the editor")
    page.goto(f"{url}/search/")
    search(page, word)  # Pagefind may offer near matches, but none holds the word itself
    marked = [m.lower() for m in page.locator(f"{RESULT} mark").all_inner_texts()]
    assert word not in marked

    page.goto(f"{url}/sources/")
    page.fill("#archive-search input[type=search]", word)
    page.wait_for_selector(f"#archive-search {RESULT}")
    assert result_titles(page) == [title]
    expect(page.locator(f"#archive-search {RESULT} mark").first).to_have_text(re.compile(word, re.IGNORECASE))


def test_filter_values_are_fetched_only_when_the_filters_are_opened(page, url):
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{url}/search/?q=intelligence")
    result_titles(page)
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "/pagefind/filter/" in u]
    assert not [u for u in fetched if "pagefind-ui" in u]  # no stock UI script or stylesheet
    open_filters(page)
    assert [u for u in fetched if "/pagefind/filter/" in u]
    names = page.locator("#search .search-filter legend").all_inner_texts()
    assert {"Verdict", "Claimant", "Source"} <= set(names)


def test_the_archive_index_loads_only_when_its_box_is_used(page, url):
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{url}/sources/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "/pagefind" in u]
    page.focus("#archive-search input[type=search]")
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind-archive/'))")
