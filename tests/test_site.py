"""End to end: a small generated site (tests/fixture_site.py) built by real Pelican and Pagefind
into a temporary folder, and a project of its own that a test may break."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_project
from factcheck.base.normalized_text import normalize, quote_parts
from factcheck.project.settings import read
from fixture_site import PAGE_SIZE, FixtureClaim, load_project, write_project, write_source


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(fixture_site):
    """The checked site that ``fixture_site`` is the build of."""
    return load_project(fixture_site.parent)


def listed(output: Path, url: str) -> list[str]:
    """The claim links of a paginated list, across all its pages (along rel="next")."""
    links: list[str] = []
    while url:
        page = html(output / url.strip("/") / "index.html")
        links += [a["href"] for a in page.select(".claim-list .claim-link")]
        following = page.find("link", rel="next")
        url = following["href"] if following else ""
    return links


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_every_page_type_is_written(fixture_site, site):
    for page in ("index.html", "404.html", "search/index.html", "sources/index.html", "corrections/index.html"):
        assert (fixture_site / page).is_file(), page
    for claim in site.claims:
        assert (fixture_site / "claims" / claim.slug / "index.html").is_file()
    for source_id in site.sources:
        assert (fixture_site / "sources" / source_id / "index.html").is_file()
    for verdict in site.verdicts:
        assert (fixture_site / "verdicts" / verdict.id / "index.html").is_file()


def test_each_evidence_link_resolves_to_a_mark_holding_the_quote(fixture_site, site):
    checked = 0
    for claim in site.claims:
        page = html(fixture_site / "claims" / claim.slug / "index.html")
        for item in claim.evidence:
            li = page.find(id=item.anchor)
            link = li.select_one(".evidence-source a")
            path, _, fragment = link["href"].partition("#")
            assert path == f"/sources/{item.source}/"
            source_page = html(fixture_site / path.strip("/") / "index.html")
            mark = source_page.find("mark", id=fragment)
            assert mark is not None, (claim.slug, item.number)
            assert normalize(mark.get_text()) == quote_parts(normalize(item.quote))[0]
            checked += 1
    assert checked >= 6


def test_source_pages_link_each_quote_back_to_its_claim(fixture_site, site):
    for source in site.sources.values():
        page = html(fixture_site / "sources" / source.id / "index.html")
        backlinks = {a["href"] for a in page.select("a.backlink")}
        for citation in site.citations[source.id]:
            assert f"/claims/{citation.claim.slug}/#{citation.evidence.anchor}" in backlinks
        paragraphs = page.select(".source-text p[id^=p-]")
        assert len(paragraphs) == len(source.paragraphs)
        assert "".join(p.get_text() for p in paragraphs) == "".join(source.text[p.start:p.end] for p in source.paragraphs)


def test_claim_pages_carry_search_filters_and_title(fixture_site, site):
    for claim in site.claims:
        page = html(fixture_site / "claims" / claim.slug / "index.html")
        main = page.find("main")
        assert main.has_attr("data-pagefind-body")
        assert main.find(attrs={"data-pagefind-meta": "title"}).get_text() == claim.claim
        assert main.find(attrs={"data-pagefind-filter": "verdict"}).get_text() == claim.verdict.label
        assert main.find(attrs={"data-pagefind-filter": "claimant"}).get_text() == site.person_of[claim.slug].name
        assert [t.get_text() for t in main.find_all(attrs={"data-pagefind-filter": "topic"})] == [site.topics[t].label for t in claim.tags]
        assert main.find_all(attrs={"data-pagefind-filter": "source"})


def test_only_content_pages_are_indexed(fixture_site, site):
    for listing in ("index.html", "search/index.html", "sources/index.html", "404.html", "people/index.html",
                    "topics/index.html", "people/hr-mcmaster/index.html", "topics/allies/index.html"):
        assert html(fixture_site / listing).find(attrs={"data-pagefind-body": True}) is None, listing
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = sum(language["page_count"] for language in entry["languages"].values())
    assert not (fixture_site.parent / "content" / "pages").exists()  # no editorial pages to count
    assert pages == len(site.claims) + len(site.sources)


def test_the_site_search_reads_only_pages_it_can_index(fixture_site):
    from factcheck.site.search_index import searched_pages

    settings = read(fixture_site.parent / "pelican.conf.py")
    assert searched_pages(settings) == "{claims/*/index.html,sources/*/index.html,*/index.html}"
    assert searched_pages(dict(settings, PAGE_SAVE_AS="pages/{slug}/{date:%Y}.html")) is None  # cannot tell: every page


def test_every_claim_page_links_its_claimants_page_and_its_topics(fixture_site, site):
    for claim in site.claims:
        page = html(fixture_site / "claims" / claim.slug / "index.html")
        assert page.select_one(".attribution a")["href"] == f"/people/{site.person_of[claim.slug].id}/"
        assert [a["href"] for a in page.select(".claim-footer a[data-pagefind-filter=topic]")] == [f"/topics/{t}/" for t in claim.tags]
        assert f"/claims/{claim.slug}/" in listed(fixture_site, f"/people/{site.person_of[claim.slug].id}/")
        for tag in claim.tags:
            assert f"/claims/{claim.slug}/" in listed(fixture_site, f"/topics/{tag}/")


def test_index_lists_claims_newest_first_with_verdict_counts(fixture_site, site):
    page = html(fixture_site / "index.html")
    titles = [a.get_text() for a in page.select(".claim-list .claim-link")]
    assert titles == [c.claim for c in site.claims][:PAGE_SIZE]  # the first page of a paginated list
    counts = {li.select_one(".verdict").get_text(): li.select_one(".count").get_text() for li in page.select(".verdict-counts li")}
    for verdict in site.verdicts:
        n = len(site.claims_with_verdict(verdict.id))
        assert counts[verdict.label] == f"{n} claim{'' if n == 1 else 's'}"


def test_search_box_in_every_header_leads_to_search(fixture_site):
    page = html(fixture_site / "claims" / "claim-01" / "index.html")
    form = page.find("form", attrs={"role": "search"})
    assert form["action"] == "/search/" and form.find("input")["name"] == "q"


NEW_CLAIM = """\
claim: Russia could use the location to identify the ally.
claimant: U.S. officials
verdict: unverifiable
summary: |
  Officials said so; <script>alert("x")</script> nobody can know.
evidence:
  - source: ledger
    quote: "Entry 7 says the minister spoke on day 7"
    stance: supports
  - source: letter
    quote: "it's not hard to see what's being implied here"
    stance: context
  - source: diary
    quote: "Note 7 records a meeting in week 7"
    stance: supports
published: 2026-11-20
"""

# Curly apostrophes in the source, straight ones in the claim above.
LETTER = "A reader wrote in.\n\nAs the letter put it, \u201cit\u2019s not hard to see what\u2019s being implied here.\u201d\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project of its own: two claims like the fixture site's, and a source with curly quotes."""
    root = write_project(tmp_path_factory.mktemp("editable"), [FixtureClaim("claim-01", "H.R. McMaster", "false", "2026-01-11", number=1),
                                                                 FixtureClaim("claim-02", "Dina Powell", "true", "2026-02-12", number=2)])
    write_source(root, "letter", LETTER, title="A letter to the editor")
    return root


def test_new_claim_with_straight_quotes_needs_no_code_change(project):
    (project / "claims" / "russia-could-identify-the-ally.yaml").write_text(NEW_CLAIM)
    assert build_project(project) == 0
    out = project / "output"
    claim_page = html(out / "claims" / "russia-could-identify-the-ally" / "index.html")
    assert claim_page.find("h1").get_text() == "Russia could use the location to identify the ally."
    assert 'alert("x")' in claim_page.select_one("section p").get_text()  # shown as text
    assert not claim_page.find_all("script", type=lambda t: t != "application/ld+json")
    source = html(out / "sources" / "letter" / "index.html")
    link = claim_page.select("#evidence-2 .evidence-source a")[0]["href"]
    mark = source.find("mark", id=link.partition("#")[2])
    assert mark.get_text() == "it\u2019s not hard to see what\u2019s being implied here"
    assert source.find("a", class_="backlink", href="/claims/russia-could-identify-the-ally/#evidence-2")


def test_broken_claim_fails_and_leaves_output_as_it_was(project, capfd):
    out = project / "output"
    if not out.exists():
        assert build_project(project) == 0
    before = tree_digest(out)
    broken = project / "claims" / "zz-broken.yaml"
    broken.write_text(NEW_CLAIM.replace("verdict: unverifiable", "verdit: unverifiable"))
    capfd.readouterr()
    assert build_project(project) == 1
    err = capfd.readouterr().err
    assert "claims/zz-broken.yaml:3:1: FC004 unknown field 'verdit' in claim (did you mean 'verdict'?)" in err
    assert "Traceback" not in err
    assert tree_digest(out) == before
    assert not list(project.glob(".output-*"))
    broken.unlink()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True)


def test_check_command_reports_and_exits_1(project):
    broken = project / "claims" / "zz-broken.yaml"
    broken.write_text(NEW_CLAIM.replace("stance: context", "stance: contxt"))
    result = run_cli("check", "claims/zz-broken.yaml", cwd=project)
    broken.unlink()
    assert result.returncode == 1
    assert "claims/zz-broken.yaml:12:13: FC010 unknown stance 'contxt' (did you mean 'context'?); use one of: supports, refutes, context" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_github_annotations(project):
    broken = project / "claims" / "zz-broken.yaml"
    broken.write_text(NEW_CLAIM.replace("claimant: U.S. officials", "claimant:"))
    result = subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=project, capture_output=True, text=True,
                            env={**__import__("os").environ, "GITHUB_ACTIONS": "true"})
    broken.unlink()
    assert "::error file=claims/zz-broken.yaml,line=2,col=10::FC019 'claimant' is empty; write its value after 'claimant:'" in result.stderr
