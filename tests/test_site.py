"""End to end: the real site built by real Pelican and Pagefind into a temporary folder."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_project, copy_project
from factcheck.base.normalized_text import normalize, quote_parts
from factcheck.checking.load_site import load_site
from factcheck.model.verdicts import scale
from factcheck.project.settings import read, registry_paths

REQUIRED_CLAIMS = ("no-laws-were-broken", "sources-or-methods-not-discussed")


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site():
    settings = read(ROOT / "pelican.conf.py")
    return load_site(ROOT / "claims", ROOT / "content" / "sources", scale(settings["FACTCHECK_VERDICTS"]), **registry_paths(settings))


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_reference_claims_exist_with_enough_evidence(site):
    by_slug = {c.slug: c for c in site.claims}
    for slug in REQUIRED_CLAIMS:
        claim = by_slug[slug]
        assert len(claim.evidence) >= 3
        assert len(claim.source_ids) >= 2


def test_every_page_type_is_written(built_site, site):
    for page in ("index.html", "404.html", "search/index.html", "sources/index.html", "corrections/index.html"):
        assert (built_site / page).is_file(), page
    for claim in site.claims:
        assert (built_site / "claims" / claim.slug / "index.html").is_file()
    for source_id in site.sources:
        assert (built_site / "sources" / source_id / "index.html").is_file()
    for verdict in site.verdicts:
        assert (built_site / "verdicts" / verdict.id / "index.html").is_file()


def test_each_evidence_link_resolves_to_a_mark_holding_the_quote(built_site, site):
    checked = 0
    for claim in site.claims:
        page = html(built_site / "claims" / claim.slug / "index.html")
        for item in claim.evidence:
            li = page.find(id=item.anchor)
            link = li.select_one(".evidence-source a")
            path, _, fragment = link["href"].partition("#")
            assert path == f"/sources/{item.source}/"
            source_page = html(built_site / path.strip("/") / "index.html")
            mark = source_page.find("mark", id=fragment)
            assert mark is not None, (claim.slug, item.number)
            assert normalize(mark.get_text()) == quote_parts(normalize(item.quote))[0]
            checked += 1
    assert checked >= 6


def test_source_pages_link_each_quote_back_to_its_claim(built_site, site):
    for source in site.sources.values():
        page = html(built_site / "sources" / source.id / "index.html")
        backlinks = {a["href"] for a in page.select("a.backlink")}
        for citation in site.citations[source.id]:
            assert f"/claims/{citation.claim.slug}/#{citation.evidence.anchor}" in backlinks
        paragraphs = page.select(".source-text p[id^=p-]")
        assert len(paragraphs) == len(source.paragraphs)
        assert "".join(p.get_text() for p in paragraphs) == "".join(source.text[p.start:p.end] for p in source.paragraphs)


def test_claim_pages_carry_search_filters_and_title(built_site, site):
    for claim in site.claims:
        page = html(built_site / "claims" / claim.slug / "index.html")
        main = page.find("main")
        assert main.has_attr("data-pagefind-body")
        assert main.find(attrs={"data-pagefind-meta": "title"}).get_text() == claim.claim
        assert main.find(attrs={"data-pagefind-filter": "verdict"}).get_text() == claim.verdict.label
        assert main.find(attrs={"data-pagefind-filter": "claimant"}).get_text() == site.person_of[claim.slug].name
        assert [t.get_text() for t in main.find_all(attrs={"data-pagefind-filter": "topic"})] == [site.topics[t].label for t in claim.tags]
        assert main.find_all(attrs={"data-pagefind-filter": "source"})


def test_only_content_pages_are_indexed(built_site, site):
    for listing in ("index.html", "search/index.html", "sources/index.html", "404.html", "people/index.html",
                    "topics/index.html", "people/hr-mcmaster/index.html", "topics/allies/index.html"):
        assert html(built_site / listing).find(attrs={"data-pagefind-body": True}) is None, listing
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = sum(language["page_count"] for language in entry["languages"].values())
    editorial = len(list((ROOT / "content" / "pages").glob("*.md"))) if (ROOT / "content" / "pages").exists() else 0
    assert pages == len(site.claims) + len(site.sources) + editorial


def test_the_site_search_reads_only_pages_it_can_index():
    from factcheck.site.search_index import searched_pages

    settings = read(ROOT / "pelican.conf.py")
    assert searched_pages(settings) == "{claims/*/index.html,sources/*/index.html,*/index.html}"
    assert searched_pages(dict(settings, PAGE_SAVE_AS="pages/{slug}/{date:%Y}.html")) is None  # cannot tell: every page


def test_reference_claimants_and_tags_are_all_in_the_registries(site):
    """The reference site's people and topics are cleaned up: every claimant has a registry
    entry with a type, every tag a label and a description, and no page holds one claim's
    worth of a spelling variant."""
    assert site.people and site.topics
    for person in site.people.values():
        assert person.registered and person.type in ("Person", "Organization"), person.name
        assert "," not in person.name, f"{person.name}: the role belongs in 'role', not in the name"
    for topic in site.topics.values():
        assert topic.registered and topic.description, topic.id
    assert site.people["anonymous-officials"].type == "Organization"
    assert sum(len(p.claims) for p in site.people.values()) == len(site.claims)
    assert not [w for w in site.warnings if w.code in ("FC055", "FC057", "FC058", "FC059")]


def test_every_claim_page_links_its_claimants_page_and_its_topics(built_site, site):
    for claim in site.claims:
        page = html(built_site / "claims" / claim.slug / "index.html")
        assert page.select_one(".attribution a")["href"] == f"/people/{site.person_of[claim.slug].id}/"
        assert [a["href"] for a in page.select(".claim-footer a[data-pagefind-filter=topic]")] == [f"/topics/{t}/" for t in claim.tags]
        person = html(built_site / "people" / site.person_of[claim.slug].id / "index.html")
        assert f"/claims/{claim.slug}/" in [a["href"] for a in person.select(".claim-list .claim-link")]
        for tag in claim.tags:
            topic = html(built_site / "topics" / tag / "index.html")
            assert f"/claims/{claim.slug}/" in [a["href"] for a in topic.select(".claim-list .claim-link")]


def test_index_lists_claims_newest_first_with_verdict_counts(built_site, site):
    page = html(built_site / "index.html")
    titles = [a.get_text() for a in page.select(".claim-list .claim-link")]
    assert titles == [c.claim for c in site.claims]
    counts = {li.select_one(".verdict").get_text(): li.select_one(".count").get_text() for li in page.select(".verdict-counts li")}
    for verdict in site.verdicts:
        n = len(site.claims_with_verdict(verdict.id))
        assert counts[verdict.label] == f"{n} claim{'' if n == 1 else 's'}"


def test_search_box_in_every_header_leads_to_search(built_site):
    page = html(built_site / "claims" / REQUIRED_CLAIMS[0] / "index.html")
    form = page.find("form", attrs={"role": "search"})
    assert form["action"] == "/search/" and form.find("input")["name"] == "q"


NEW_CLAIM = """\
claim: Russia could use the location to identify the ally.
claimant: U.S. officials
verdict: unverifiable
summary: |
  Officials said so; <script>alert("x")</script> nobody can know.
evidence:
  - source: washington-post
    quote: "Russia could use that detail to help identify the U.S. ally or intelligence capability involved"
    stance: supports
  - source: libertarian-institute
    quote: "it's not hard to see what's being implied here"
    stance: context
  - source: the-atlantic
    quote: "it might be able to figure out the country that shared it with the United States"
    stance: supports
published: 2026-11-20
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("editable"))


def test_new_claim_with_straight_quotes_needs_no_code_change(project):
    (project / "claims" / "russia-could-identify-the-ally.yaml").write_text(NEW_CLAIM)
    assert build_project(project) == 0
    out = project / "output"
    claim_page = html(out / "claims" / "russia-could-identify-the-ally" / "index.html")
    assert claim_page.find("h1").get_text() == "Russia could use the location to identify the ally."
    assert 'alert("x")' in claim_page.select_one("section p").get_text()  # shown as text
    assert not claim_page.find_all("script", type=lambda t: t != "application/ld+json")
    source = html(out / "sources" / "libertarian-institute" / "index.html")
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


def test_check_command_passes_on_the_reference_claims():
    result = run_cli("check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


def test_github_annotations(project):
    broken = project / "claims" / "zz-broken.yaml"
    broken.write_text(NEW_CLAIM.replace("claimant: U.S. officials", "claimant:"))
    result = subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=project, capture_output=True, text=True,
                            env={**__import__("os").environ, "GITHUB_ACTIONS": "true"})
    broken.unlink()
    assert "::error file=claims/zz-broken.yaml,line=2,col=10::FC019 'claimant' is empty; write its value after 'claimant:'" in result.stderr
