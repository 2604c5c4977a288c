"""A new site's first source and claim, shared by the tests of ``factcheck init``: the steps
a newsroom takes after ``init``, each a function of the site's folder and a way to run
``factcheck`` there (in-process, or an installed command)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Run = Callable[..., int]  # run(site, "build", ...) -> exit status

SOURCE_ID = "harbour-board-minutes"
QUOTE = "the final cost of the new ferry pier was twice the approved budget"
CLAIM = "The ferry pier was finished on budget."
CLAIM_SLUG = "the-ferry-pier-was-finished-on-budget"


# The same minutes as a newsroom would save them from the board's website ("Save page as…
# HTML only"): menus, a cookie banner and a footer around the article.
SAVED_PAGE = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Minutes of the harbour board meeting of 4 March | Harbour board</title>
<meta property="og:title" content="Minutes of the harbour board meeting of 4 March">
<meta property="og:site_name" content="Harbour board">
<meta property="article:published_time" content="2024-03-04T18:00:00Z">
<link rel="canonical" href="https://harbour-board.example/minutes/2024-03-04">
</head><body>
<nav><a href="/">Home</a> <a href="/minutes">Minutes</a> <a href="/contact">Contact us</a></nav>
<div class="cookie-banner">We use cookies to improve your experience on this website. Accept all cookies?</div>
<main><article>
<h1>Minutes of the harbour board meeting of 4 March</h1>
<p>The chair opened the meeting at six, with all seven members of the board present.</p>
<p>The treasurer reported that the final cost of the new ferry pier was twice the approved budget.</p>
<p>Members asked for an independent review of the contract before any further payment is made.</p>
</article></main>
<footer>Copyright Harbour board. All rights reserved. Privacy policy and terms of use.</footer>
</body></html>
"""


def add_source(site: Path, run: Run) -> None:
    """The source archived with ``factcheck archive`` from a saved page, as CONTRIBUTING.md
    describes: the text, its front matter and its snapshot."""
    saved = site.parent / "minutes.html"
    saved.write_text(SAVED_PAGE, encoding="utf-8")
    assert run(site, "archive", str(saved), "--id", SOURCE_ID) == 0
    text = (site / "content" / "sources" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")
    assert "title: Minutes of the harbour board meeting of 4 March" in text
    assert "cookies" not in text and "Privacy policy" not in text
    assert (site / "content" / "sources" / f"{SOURCE_ID}.html.snapshot").read_bytes() == SAVED_PAGE.encode()


def add_claim(site: Path, run: Run) -> None:
    """The claim, written by ``factcheck new`` from flags alone."""
    status = run(site, "new", "--no-input", "--claim", CLAIM, "--claimant", "The harbour board", "--verdict", "false",
                 "--summary", "The board's own minutes record the cost as twice the budget.",
                 "--evidence", f"{SOURCE_ID}:refutes:{QUOTE}")
    assert status == 0


FIRST_FACT_CHECK: tuple[Callable[[Path, Run], None], ...] = (add_source, add_claim)
