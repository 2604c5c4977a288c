"""One page of each type from a built site, and how to open it in the browser ready to check."""

from __future__ import annotations

from pathlib import Path

SEARCH_QUERY = "intelligence"
EDITORIAL_SLUGS = ("methodology", "about", "corrections-policy", "contribute")


def html_files(output: Path) -> list[Path]:
    """Every HTML page of the built site (Pagefind's own folder holds none of ours)."""
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.relative_to(output).parts)


def url_path(output: Path, file: Path) -> str:
    """The address a page is served at: ``claims/x/index.html`` → ``/claims/x/``."""
    relative = file.relative_to(output).as_posix()
    return "/" + (relative.removesuffix("index.html"))


def _first(output: Path, pattern: str, containing: str) -> str:
    for file in sorted(output.glob(pattern)):
        if containing in file.read_text(encoding="utf-8"):
            return url_path(output, file)
    raise AssertionError(f"the built site has no page {pattern} containing {containing!r}")


def page_types(output: Path) -> dict[str, str]:
    """Page type → address of one page of that type, found in the built output."""
    pages = {
        "home": "/",
        "claim": _first(output, "claims/*/index.html", "evidence-source"),
        "source": _first(output, "sources/*/index.html", "<mark"),
        "sources": "/sources/",
        "verdict": _first(output, "verdicts/*/index.html", "claim-list"),
        "source-claims": _first(output, "sources/*/claims/index.html", "claim-list"),
        "people": "/people/",
        "person": _first(output, "people/*/index.html", "scorecard"),
        "topics": "/topics/",
        "topic": _first(output, "topics/*/index.html", "scorecard"),
        "search": f"/search/?q={SEARCH_QUERY}",
        "corrections": "/corrections/",
        "404": "/404.html",
    }
    # Editorial pages are Markdown under content/pages; check one when the site has any.
    for slug in EDITORIAL_SLUGS:
        if (output / slug / "index.html").exists():
            pages["editorial"] = f"/{slug}/"
            break
    return pages


def open_page(page, base_url: str, path: str) -> None:
    """Load a page; on the search page, wait until Pagefind has shown its results."""
    page.goto(base_url + path)
    if path.startswith("/search/"):
        page.wait_for_selector(".search-result")
        page.wait_for_load_state("networkidle")


def paged_page_types(fixture_site: Path) -> dict[str, str]:
    """Later pages of each kind of list, from the generated fixture site (the reference site
    is too small to paginate): page type → address."""
    pages = {
        "claims-page": "/page/2/",
        "verdict-page": "/verdicts/mostly-false/page/2/",
        "verdict-empty": "/verdicts/true/",
        "sources-page": "/sources/page/2/",
        "source-unquoted": "/sources/memo/claims/",
        "source-claims-page": "/sources/ledger/claims/page/2/",
        "people-page": "/people/page/2/",
        "person-page": "/people/hr-mcmaster/page/2/",
        "topics-page": "/topics/page/2/",
        "topic-page": "/topics/allies/page/2/",
        "corrections-page": "/corrections/page/2/",
        "person-free-text": "/people/eric-schuler/",
    }
    for name, path in pages.items():
        assert (fixture_site / path.strip("/") / "index.html").is_file(), f"the fixture site has no {name} page at {path}"
    return pages
