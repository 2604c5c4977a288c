"""Links from a claim page back to the repository: edit its file, or report an error."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from factcheck.model.claims import Claim
from factcheck.project.settings import project_root


def claim_file(settings: dict[str, Any], claim: Claim) -> str:
    """The claim file's path in the repository, with forward slashes."""
    path = Path(claim.path).resolve()
    try:
        return path.relative_to(project_root(settings).resolve()).as_posix()
    except ValueError:  # claims kept outside the project: fall back to the configured folder
        return f"{Path(settings['FACTCHECK_CLAIMS_PATH']).as_posix()}/{path.name}"


def edit_url(claim: Claim, settings: dict[str, Any]) -> str:
    """The repository's editor for the claim file (GitHub's ``/edit/<branch>/<path>``)."""
    repository = settings["FACTCHECK_REPOSITORY_URL"].rstrip("/")
    return f"{repository}/edit/{quote(settings['FACTCHECK_REPOSITORY_BRANCH'])}/{quote(claim_file(settings, claim))}"


def report_url(claim: Claim, page_url: str, settings: dict[str, Any]) -> str:
    """A new issue with the claim, its page and its file filled in."""
    repository = settings["FACTCHECK_REPOSITORY_URL"].rstrip("/")
    body = (
        f"Claim: “{claim.claim}” ({claim.claimant})\n"
        f"Page: {page_url}\n"
        f"File: {claim_file(settings, claim)}\n\n"
        "What is wrong:\n\n\n"
        "What in the archived sources shows it (source and quote):\n\n"
    )
    return f"{repository}/issues/new?{urlencode({'title': f'Error in claim: {claim.claim}', 'body': body}, quote_via=quote)}"
