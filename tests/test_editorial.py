"""Editorial pages and the corrections log take their facts from configuration and claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_project
from fixture_site import METHODOLOGY, default_claims, write_project


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    # A site with its own scale: the page must show it, not a copy of the default.
    project = write_project(tmp_path_factory.mktemp("editorial"), default_claims(), page_size=50,
                            pages={"methodology": METHODOLOGY}, settings='''
FACTCHECK_VERDICTS = [dict(v) for v in FACTCHECK_VERDICTS]
FACTCHECK_VERDICTS[0]["label"] = "Accurate"
FACTCHECK_REPOSITORY_URL = "https://git.example.org/desk/site"
''')
    claim = project / "claims" / "claim-01.yaml"
    claim.write_text(claim.read_text() + """updates:
  - date: 2026-11-22
    note: Added the Post's wording on declassification.
  - date: 2026-11-23
    note: Corrected the *date* of the commentary.
""")
    assert build_project(project, None, "--no-search") == 0
    return project / "output"


def test_methodology_shows_the_configured_scale(project):
    page = html(project / "methodology" / "index.html")
    rows = [(th.get_text(strip=True), td.get_text(strip=True)) for th, td in
            ((tr.find("th"), tr.find("td")) for tr in page.select("table.verdict-scale tbody tr"))]
    assert rows[0] == ("Accurate", "Accurate, nothing significant missing.")
    assert [r[0] for r in rows[1:]] == ["Mostly true", "Mixed", "Misleading", "Mostly false", "False", "Unverifiable"]
    assert "[[" not in page.get_text()
    assert "https://git.example.org/desk/site" in page.get_text()


def test_claim_pages_use_the_same_labels(project):
    page = html(project / "verdicts" / "true" / "index.html")
    assert page.find("h1").get_text(" ", strip=True) == "Claims rated Accurate"


def test_corrections_log_lists_updates_newest_first(project):
    page = html(project / "corrections" / "index.html")
    dates = [li.time["datetime"] for li in page.select("ol.corrections li")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 2 + 4  # the fixture claims have four updates of their own, all older
    # The two updates this test added, among those the fixture claims have.
    ours = [li for li in page.select("ol.corrections li") if li.a["href"] == "/claims/claim-01/#updates-heading"]
    assert len(ours) == 2
    assert ours[0].get_text(" ", strip=True).startswith("23 November 2026")
    assert "Corrected the date of the commentary." in ours[0].get_text(" ", strip=True)
    assert ours[0].em.get_text() == "date"


def test_claim_page_shows_its_own_log(project):
    page = html(project / "claims" / "claim-01" / "index.html")
    updates = [li.get_text(" ", strip=True) for li in page.select("ul.updates li")]
    assert updates[0].startswith("23 November 2026")
    assert "updated" in page.select_one(".claim-footer").get_text()


def test_placeholders_are_filled_as_the_page_is_rendered():
    from factcheck.site.page_placeholders import fill_placeholders, placeholder_values

    values = placeholder_values("<table></table>", None, "<Desk & Co>")
    html = "<p>[[verdict-scale]]</p>\n<p>By [[publisher]], from [[repository-url]]; [[unknown]] stays.</p>"
    assert fill_placeholders(html, values) == (
        "<table></table>\n<p>By &lt;Desk &amp; Co&gt;, from its public repository; [[unknown]] stays.</p>")

