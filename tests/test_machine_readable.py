"""What software reads: ClaimReview, Open Graph, feed, sitemap, claims.json, the claim-file
schema and deep links into the originals, all checked on a small generated site."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import extruct
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, build_project
from factcheck.base.normalized_text import normalize, quote_parts
from factcheck.model.verdicts import scale
from factcheck.outputs.cards.colours import verdict_colours
from factcheck.outputs.claim_schema import schema_text
from factcheck.project.settings import read
from factcheck.site.text_fragments import encode_term, fragment_link, text_directive
from fixture_site import FixtureClaim, load_project, write_project

SETTINGS = read(ROOT / "pelican.conf.py")  # the settings file every fixture project starts from
TODAY = dt.date.today().isoformat()  # newer than any other date of the fixture claims
PUBLIC = SETTINGS["FACTCHECK_PUBLIC_URL"].rstrip("/")
ORIGINAL = "https://news.example.org/story"


def claims() -> list[FixtureClaim]:
    """Registered claimants (a person and an organisation), a numeric and a text rating, where
    and when a claim was said (in a source with an address and in one without), updates."""
    return [
        FixtureClaim("claim-01", "H.R. McMaster", "false", "2026-01-11", ["allies"], 1, "appeared_in: ledger\nsaid_on: 2017-05-15\n"),
        FixtureClaim("claim-02", "Anonymous officials", "unverifiable", "2026-02-12", [], 2,
                     "appeared_in: diary\nupdates:\n  - date: 2026-03-01\n    note: Added context.\n"),
        FixtureClaim("claim-03", "Herbert McMaster", "mostly-true", "2026-03-13", [], 3),
        FixtureClaim("claim-04", "H.R. McMaster", "misleading", "2026-04-14", [], 4, "said_on: 2017-05-16\n"),
    ]


def write(root: Path, settings: str = "") -> Path:
    return write_project(root, claims(), settings=settings, front_matter={"ledger": f"url: {ORIGINAL}\n"})


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """The fixture project, built with its social cards and search index."""
    project = write(tmp_path_factory.mktemp("machine-readable"), settings="FACTCHECK_SOCIAL_CARDS = True\n")
    assert build_project(project) == 0
    return project


@pytest.fixture(scope="module")
def output(built_project) -> Path:
    return built_project / "output"


@pytest.fixture(scope="module")
def site(built_project):
    return load_project(built_project)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- ClaimReview ---------------------------------------------------------------------------

def claim_reviews(path: Path) -> list[dict]:
    data = extruct.extract(path.read_text(encoding="utf-8"), base_url=PUBLIC, syntaxes=["json-ld"])
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


def test_every_claim_page_has_one_claimreview_matching_the_page(output, site):
    numbers = [v.rating for v in site.verdicts if v.rating is not None]
    for claim in site.claims:
        path = output / "claims" / claim.slug / "index.html"
        (review,) = claim_reviews(path)
        page = soup(path)
        # Google's fact-check markup: the required and recommended properties, consistent with the page.
        assert review["@context"] == "https://schema.org"
        assert review["claimReviewed"] == page.find("h1").get_text() == claim.claim
        assert review["url"] == page.find("link", rel="canonical")["href"] == f"{PUBLIC}/claims/{claim.slug}/"
        assert review["author"] == {"@type": "Organization", "name": SETTINGS["FACTCHECK_PUBLISHER"], "url": PUBLIC + "/"}
        assert dt.date.fromisoformat(review["datePublished"]) == claim.published
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == page.select_one(".verdict-box [data-pagefind-filter=verdict]").get_text()
        if claim.verdict.id == "unverifiable":
            assert set(rating) == {"@type", "alternateName"}  # a text rating, no number
        else:
            assert rating["bestRating"] == max(numbers) and rating["worstRating"] == min(numbers)
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        # The fixture claimants are all in the people registry: its type and name are used.
        person = site.person_of[claim.slug]
        assert person.registered, claim.claimant
        assert item["author"]["name"] == person.name == page.select_one(".attribution a").get_text()
        assert item["author"]["@type"] == person.type
        assert item.get("datePublished") == (claim.said_on.isoformat() if claim.said_on else None)
        if claim.appeared_in:
            source = site.sources[claim.appeared_in]
            assert item["appearance"]["url"] == (source.url or f"{PUBLIC}/sources/{source.id}/")
            assert item["appearance"]["headline"] == source.title


def test_the_fixture_has_what_the_claimreview_test_looks_at(site):
    assert {c.verdict.id == "unverifiable" for c in site.claims} == {True, False}
    assert {site.person_of[c.slug].type for c in site.claims} == {"Person", "Organization"}
    assert {bool(site.sources[c.appeared_in].url) for c in site.claims if c.appeared_in} == {True, False}
    assert {c.said_on is None for c in site.claims} == {True, False}


# -- Open Graph, Twitter cards and social images ---------------------------------------------

def test_every_page_has_social_metadata(output):
    for path in output.rglob("*.html"):
        if path.is_relative_to(output / "pagefind"):
            continue
        page = soup(path)
        meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
        for key in ("og:site_name", "og:type", "og:title", "og:description", "twitter:card"):
            assert meta.get(key), (path, key)


def test_claim_pages_reference_a_legible_card(output, site):
    colours = verdict_colours(site.verdicts)
    for claim in site.claims:
        page = soup(output / "claims" / claim.slug / "index.html")
        image = page.find("meta", property="og:image")["content"]
        assert image == f"{PUBLIC}/claims/{claim.slug}/card.png"
        assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        with Image.open(output / "claims" / claim.slug / "card.png") as card:
            assert card.format == "PNG" and card.size == (1200, 630)
            # The verdict's stripe and badge are drawn in its colour: the picture shows the verdict.
            assert card.convert("RGB").getpixel((5, 5)) == tuple(int(colours[claim.verdict.id][i:i + 2], 16) for i in (1, 3, 5))


# -- Atom feed and sitemap --------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_every_claim(output, site):
    feed = ET.parse(output / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(site.claims)
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert links == {f"{PUBLIC}/claims/{c.slug}/" for c in site.claims}
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text.endswith("T00:00:00Z")
        assert "<p>" in entry.find(f"{ATOM}content").text  # HTML, escaped inside the XML


def updated_today(project: Path) -> None:
    claim = project / "claims" / "claim-03.yaml"
    claim.write_text(claim.read_text() + f"updates:\n  - date: {TODAY}\n    note: Added context.\n")


def test_updated_claims_come_first_in_the_feed(tmp_path):
    project = write(tmp_path / "p")
    updated_today(project)
    assert build_project(project, None, "--no-search") == 0
    first = ET.parse(project / "output" / "feed.xml").getroot().find(f"{ATOM}entry")
    assert first.find(f"{ATOM}link").get("href").endswith("/claims/claim-03/")  # not the newest published
    assert first.find(f"{ATOM}updated").text == f"{TODAY}T00:00:00Z"


def test_feed_holds_the_latest_feed_max_items(tmp_path):
    project = write(tmp_path / "p", settings="FEED_MAX_ITEMS = 2\n")
    updated_today(project)
    assert build_project(project, None, "--no-search") == 0
    entries = ET.parse(project / "output" / "feed.xml").getroot().findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/claims/claim-03/")


def test_sitemap_lists_every_page_that_exists(output, site):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.find(f"{ns}loc").text for u in ET.parse(output / "sitemap.xml").getroot()]
    for claim in site.claims:
        assert f"{PUBLIC}/claims/{claim.slug}/" in locs
    for loc in locs:
        path = loc.removeprefix(PUBLIC + "/")
        assert (output / path / "index.html").is_file(), loc


# -- claims.json --------------------------------------------------------------------------

def test_claims_json_locates_every_quote(output, site):
    data = json.loads((output / "claims.json").read_text())
    assert [c["slug"] for c in data["claims"]] == [c.slug for c in site.claims]
    for record, claim in zip(data["claims"], site.claims, strict=False):
        assert record["verdict"] == {"id": claim.verdict.id, "label": claim.verdict.label}
        assert record["claimant"] == claim.claimant and record["url"] == f"{PUBLIC}/claims/{claim.slug}/"
        for item, evidence in zip(record["evidence"], claim.evidence, strict=False):
            text = site.sources[item["source"]].text
            parts = quote_parts(normalize(evidence.quote))
            assert [normalize(text[s["start"]:s["end"]]) for s in item["spans"]] == parts
            assert [s["text"] for s in item["spans"]] == [text[s["start"]:s["end"]] for s in item["spans"]]
            page = soup(output / "sources" / item["source"] / "index.html")
            paragraph = page.find(id=item["anchor"])
            assert item["spans"][0]["text"] in paragraph.get_text()
            assert paragraph.find("mark", id=item["link"].rsplit("#", 1)[1])


# -- JSON Schema ----------------------------------------------------------------------------

def yaml12(path: Path):
    """A claim file as an editor's YAML 1.2 language server sees it (dates stay text)."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                      for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


@pytest.fixture(scope="module")
def schema():
    return json.loads((ROOT / "schema" / "claim.schema.json").read_text())


def test_committed_schema_is_the_generated_one(schema, output):
    generated = schema_text(scale(SETTINGS["FACTCHECK_VERDICTS"]))
    assert (ROOT / "schema" / "claim.schema.json").read_text() == generated, "run `factcheck schema` and commit"
    assert (output / "schema" / "claim.schema.json").read_text() == generated
    jsonschema.Draft202012Validator.check_schema(schema)


SCHEMA_CLAIM = """\
# yaml-language-server: $schema=../schema/claim.schema.json
claim: No laws were broken.
claimant: H.R. McMaster
said_on: 2017-05-17
verdict: mostly-true
summary: What we found.
evidence:
  - source: ledger
    quote: Entry 1 says the minister
    stance: supports
published: 2026-11-22
"""


def test_schema_accepts_a_fixture_claim(schema, tmp_path):
    path = tmp_path / "claim.yaml"
    path.write_text(SCHEMA_CLAIM)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml12(path))) == []


@pytest.mark.parametrize(("change", "message"), [
    (("verdict: mostly-true", "verdict: mostly true"), "is not one of"),
    (("claimant:", "claimaint:"), "Additional properties"),
    (("    stance: supports", "    stance: agrees"), "is not one of"),
    (("said_on: 2017-05-17", "said_on: May 17"), "does not match"),
    (("published: 2026-11-22", ""), "'published' is a required property"),
])
def test_schema_rejects_broken_claims(schema, tmp_path, change, message):
    broken = tmp_path / "broken.yaml"
    broken.write_text(SCHEMA_CLAIM.replace(*change, 1))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(yaml12(broken))]
    assert any(message in e for e in errors), errors


# -- Deep links with text fragments ---------------------------------------------------------

def test_text_fragment_encoding():
    assert encode_term("a-b & c, d") == "a%2Db%20%26%20c%2C%20d"
    assert encode_term("it’s") == "it%E2%80%99s"
    assert encode_term("50% (so-called)") == "50%25%20%28so%2Dcalled%29"
    assert text_directive(["no laws were broken"]) == "text=no%20laws%20were%20broken"
    long = "one two three four five six seven eight nine ten eleven twelve"
    assert text_directive([long]) == "text=one%20two%20three%20four,nine%20ten%20eleven%20twelve"
    assert text_directive(["He said", "it was  fine,\nreally"]) == "text=He%20said,it%20was%20fine%2C%20really"
    assert fragment_link("https://example.org/a?b=1#top", ["x"]) == "https://example.org/a?b=1#:~:text=x"


def test_evidence_links_to_the_quote_in_the_original(output):
    page = soup(output / "claims" / "claim-01" / "index.html")
    links = [a["href"] for a in page.find_all("a", string="Read it in the original")]
    assert links == [f"{ORIGINAL}#:~:text=Entry%201%20says%20the%20minister"]  # the ledger has an address, the diary none
    (review,) = claim_reviews(output / "claims" / "claim-02" / "index.html")
    assert review["itemReviewed"]["appearance"]["url"] == f"{PUBLIC}/sources/diary/"
