"""A new site's first source and claim, shared by the tests of ``factcheck init``: the steps
a newsroom takes after ``init``, each a function of the site's folder and a way to run
``factcheck`` there (in-process, or an installed command)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

Run = Callable[..., int]  # run(site, "build", ...) -> exit status

SOURCE_ID = "harbour-board-minutes"
SOURCE = """\
---
title: Minutes of the harbour board meeting of 4 March
publisher: Harbour board
published: 2024-03-04
---
The chair opened the meeting at six.
The treasurer reported that the final cost of the new ferry pier was twice the approved budget.
Members asked for an independent review of the contract.
"""
QUOTE = "the final cost of the new ferry pier was twice the approved budget"
CLAIM = "The ferry pier was finished on budget."
CLAIM_SLUG = "the-ferry-pier-was-finished-on-budget"


def add_source(site: Path, run: Run) -> None:
    """A hand-written source file, in the format CONTRIBUTING.md describes. (``factcheck
    archive`` makes the same file from a saved page: a test of it belongs here.)"""
    (site / "content" / "sources" / f"{SOURCE_ID}.txt").write_text(SOURCE, encoding="utf-8")


def add_claim(site: Path, run: Run) -> None:
    """The claim, written by ``factcheck new`` from flags alone."""
    status = run(site, "new", "--no-input", "--claim", CLAIM, "--claimant", "The harbour board", "--verdict", "false",
                 "--summary", "The board's own minutes record the cost as twice the budget.",
                 "--evidence", f"{SOURCE_ID}:refutes:{QUOTE}")
    assert status == 0


FIRST_FACT_CHECK: tuple[Callable[[Path, Run], None], ...] = (add_source, add_claim)
