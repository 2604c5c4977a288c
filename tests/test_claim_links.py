""""Edit this claim" and "Report an error" on every claim page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import build_project
from fixture_site import default_claims, write_project

REPOSITORY = "https://github.com/desk/fact-checks"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = write_project(tmp_path_factory.mktemp("links"), default_claims()[:4],
                            settings=f'FACTCHECK_REPOSITORY_URL = "{REPOSITORY}"\nFACTCHECK_REPOSITORY_BRANCH = "live"\n'
                                     'SITEURL = "https://checks.example.org"\n')
    assert build_project(project, None, "--no-search") == 0
    return project


def test_every_claim_page_links_to_its_file_and_to_a_prefilled_issue(project):
    claims = sorted((project / "claims").glob("*.yaml"))
    assert claims
    for path in claims:
        page = BeautifulSoup((project / "output" / "claims" / path.stem / "index.html").read_text(), "html.parser")
        edit = page.find("a", string="Edit this claim")
        assert edit["href"] == f"{REPOSITORY}/edit/live/claims/{path.name}"
        report = page.find("a", string="Report an error")
        url = urlsplit(report["href"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPOSITORY}/issues/new"
        query = parse_qs(url.query)
        claim_text = page.find("h1").get_text()
        assert query["title"] == [f"Error in claim: {claim_text}"]
        body = query["body"][0]
        assert f"Page: https://checks.example.org/claims/{path.stem}/" in body
        assert f"File: claims/{path.name}" in body
        assert f"“{claim_text}”" in body


def test_without_a_repository_the_report_link_goes_to_the_contribute_page(tmp_path):
    project = write_project(tmp_path / "p", default_claims()[:1], pages={"contribute": "Title: Contribute\nSlug: contribute\n\nSend us a pull request.\n"})
    assert build_project(project, None, "--no-search") == 0
    page = BeautifulSoup((project / "output" / "claims" / "claim-01" / "index.html").read_text(), "html.parser")
    assert page.find("a", string="Edit this claim") is None
    assert page.find("a", string="Report an error")["href"] == "/contribute/"
