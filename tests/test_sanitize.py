"""Contributors' Markdown never becomes live script: links are kept only for http, https,
mailto and the site's own pages, however the scheme is spelled or encoded; no images."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import html5lib
import pytest
from bs4 import BeautifulSoup

from conftest import build_project
from factcheck.base.markdown import render_inline, render_markdown
from factcheck.base.sanitize import link_allowed
from fixture_site import add_excerpts, default_claims, write_project
from test_loader import GOOD

ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](jav&#x0A;ascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x]\n\n[x]: JAVASCRIPT:alert(1)",
    "<ftp://example.org/file>",
    '[x](javascript:alert(1) "title")',
]


@pytest.mark.parametrize("markdown", HOSTILE_LINKS)
def test_no_script_link_survives_rendering(markdown):
    html = str(render_markdown(markdown)) + str(render_inline(markdown))
    assert "href" not in html, html
    assert "<script" not in html


@pytest.mark.parametrize("url", ["https://example.org/a?b=1#c", "http://example.org", "mailto:desk@example.org",
                                 "/claims/other-claim/", "../sources/slate/", "#evidence-1", "?q=1", "//example.org/x"])
def test_safe_links_are_kept(url):
    assert link_allowed(url)
    assert f'href="{url}"' in str(render_markdown(f"[x]({url})"))


def test_images_and_unlisted_tags_are_dropped_but_text_stays():
    html = str(render_markdown("![alt](https://tracker.example/p.png) **bold** `code`\n\n# Heading\n\n> quoted"))
    assert "<img" not in html and "tracker" not in html
    assert "<strong>bold</strong>" in html and "<code>code</code>" in html and "<blockquote>" in html
    assert "<h1" not in html and "Heading" in html


def test_raw_html_is_still_shown_as_text():
    assert str(render_markdown("<script>alert(1)</script> <a href=javascript:x>y</a>")) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=javascript:x&gt;y&lt;/a&gt;</p>")


@pytest.mark.slow
def test_a_built_claim_page_and_feed_hold_no_script_link(tmp_path):
    project = add_excerpts(write_project(tmp_path / "project", default_claims()[:3]))  # GOOD quotes the excerpts
    summary = "  " + " ".join(HOSTILE_LINKS[:12]).replace("\n", " ") + " and ![i](https://tracker.example/p.png)"
    claim = GOOD.replace("summary: |\n  The Post reports that Trump did not reveal the method.", "summary: |\n" + summary)
    claim = claim.replace("stance: supports\n", "stance: supports\n    note: \"[x](javascript:alert(2)) [y](https://example.org/ok)\"\n", 1)
    (project / "claims" / "hostile-links.yaml").write_text(claim)
    assert build_project(project, None, "--no-search") == 0
    output = project / "output"
    page = (output / "claims" / "hostile-links" / "index.html").read_text()
    feed = (output / "feed.xml").read_text()
    for text in (page, feed):
        assert not re.search(r"(?i)(java|vb)script:|data:text", text)
        assert "tracker.example" not in text
    assert 'href="https://example.org/ok"' in page


@pytest.mark.slow
def test_markup_in_a_claims_wording_stays_text_in_its_page_and_the_feed(tmp_path):
    """Plain-text fields may hold markup; it must read as text wherever they are published."""
    project = add_excerpts(write_project(tmp_path / "project", default_claims()[:3]))
    wording = "Leaked: <!--<script> <img src=https://tracker.example/p.png> was never sent"
    claim = GOOD.replace("claim: At no time were intelligence sources or methods discussed.", f"claim: '{wording}'")
    claim += "updates:\n  - date: 2026-11-23\n    note: <img src=https://tracker.example/q.png>\n"
    (project / "claims" / "hostile-wording.yaml").write_text(claim)
    assert build_project(project, None, "--no-search") == 0
    output = project / "output"

    # The ClaimReview script holds only its JSON: the page after it is still the page.
    page = html5lib.parse((output / "claims" / "hostile-wording" / "index.html").read_text(), namespaceHTMLElements=False)
    (script,) = page.findall(".//script[@type='application/ld+json']")
    assert json.loads(script.text)["claimReviewed"] == wording
    assert "".join(page.find(".//h1").itertext()) == wording

    # What a feed reader shows of the entry's summary: HTML is rendered, text is shown as it is.
    (entry,) = [e for e in ET.parse(output / "feed.xml").getroot().iter(f"{ATOM}entry")
                if e.find(f"{ATOM}link").get("href").endswith("/claims/hostile-wording/")]
    summary = entry.find(f"{ATOM}summary")
    shown = summary.text if summary.get("type", "text") == "text" else BeautifulSoup(summary.text, "html.parser").get_text()
    assert wording in shown and "<img src=https://tracker.example/q.png>" in shown
