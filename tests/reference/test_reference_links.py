"""No broken internal links and no links to missing anchors anywhere in the built site.

A sweep over every page of the reference build (and of the fixture site where it says so):
the pages come from the reference content, so this is a test of that content too."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from sitepages import html_files, url_path

# Attributes that point at another file or an anchor.
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "iframe": "src", "source": "src"}


def target_file(site: Path, path: str) -> Path | None:
    """The file a server would send for ``path``, as a static host maps folders to index.html."""
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def anchors(file: Path, cache: dict[Path, set[str]]) -> set[str]:
    if file not in cache:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        cache[file] = {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}
    return cache[file]


def broken_links(site: Path) -> list[str]:
    """Every internal link whose file or fragment is missing, as ``page: link (why)``."""
    problems, cache = [], {}
    for file in html_files(site):
        base = url_path(site, file)
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LINKING.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                link = element[attribute]
                parts = urlsplit(urljoin(base, link))
                if parts.scheme or parts.netloc:
                    continue  # another site, or data:, mailto:, javascript:
                target = target_file(site, parts.path)
                if target is None:
                    problems.append(f"{base}: {link} (no such page)")
                elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target, cache):
                    problems.append(f"{base}: {link} (no element with id {parts.fragment!r})")
    return problems


def test_the_built_site_has_no_broken_links_or_missing_anchors(built_site, fixture_site):
    assert broken_links(built_site) == []
    assert broken_links(fixture_site) == []  # with pages of lists, people and topics


def test_the_built_site_links_its_pages_and_anchors(built_site):
    """The check above has something to check: the site links pages and fragments."""
    claim = next(built_site.glob("claims/*/index.html")).read_text(encoding="utf-8")
    assert '/sources/' in claim and "#q-" in claim


def test_broken_links_and_missing_anchors_are_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p><a href="#here">ok</a><a href="../b/">ok</a>'
                                               '<a href="/a/#gone">anchor</a><a href="/missing/">page</a>'
                                               '<link href="/style.css"><a href="https://example.org/x">out</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<a href="/a/#here">ok</a><a href="/a">ok</a>')
    assert broken_links(tmp_path) == [
        "/a/: /a/#gone (no element with id 'gone')",
        "/a/: /missing/ (no such page)",
        "/a/: /style.css (no such page)",
    ]
