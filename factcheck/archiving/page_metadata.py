"""What a web page says about itself: title, publisher, author, date and address.

Only what the page declares is taken, in a fixed order of preference, and each value says
where it came from so the contributor can judge it. Nothing is guessed from the prose.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from factcheck.archiving.web_page import clean_text

LIMITS = {"title": 300, "publisher": 200, "author": 200}
_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                  "OpinionNewsArticle", "LiveBlogPosting", "WebPage", "Report", "ScholarlyArticle", "SocialMediaPosting")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
# "Save page as" in Chrome and Edge writes the page's address into the file in this comment.
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_MAX_JSON_LD = 1_000_000


@dataclass
class PageMetadata:
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    found_in: dict[str, str] = field(default_factory=dict)  # field -> where on the page


class _PageIndex:
    """What metadata is read from, collected in one walk over the page (a page may have a
    hundred thousand elements; a search per field would walk them all each time)."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.title: str | None = None
        self.entry_title: str | None = None
        self.h1: dict[str, str] = {}  # scope ("article", "main", "page") -> first <h1> in it
        self.time: dict[str, str] = {}  # scope -> first <time datetime>
        self.rel_author: str | None = None
        self.comments: list[str] = []
        for node in soup.descendants:
            if isinstance(node, Comment):
                if len(self.comments) < 5:
                    self.comments.append(str(node))
            elif isinstance(node, Tag):
                self._see(node)

    def _scopes(self, tag: Tag) -> list[str]:
        scopes = ["page"]
        for parent in tag.parents:
            if parent.name in ("article", "main"):
                scopes.append(parent.name)
        return scopes

    def _see(self, tag: Tag) -> None:
        name = tag.name
        if name == "meta":
            key = tag.get("property") or tag.get("name")
            if key and tag.get("content") and str(key).lower() not in self.meta:
                self.meta[str(key).lower()] = str(tag["content"])
        elif name == "link":
            for rel in tag.get("rel") or []:
                if tag.get("href"):
                    self.links.setdefault(rel.lower(), str(tag["href"]))
        elif name == "script":
            if re.match(r"\s*application/ld\+json", str(tag.get("type", "")), re.I) and len(self.json_ld) < 20:
                self.json_ld.append(tag.get_text())
        elif name == "title" and self.title is None:
            self.title = tag.get_text()
        elif name == "h1":
            for scope in self._scopes(tag):
                self.h1.setdefault(scope, tag.get_text())
        elif name == "time" and tag.get("datetime"):
            for scope in self._scopes(tag):
                self.time.setdefault(scope, str(tag["datetime"]))
        elif name == "a" and self.rel_author is None and "author" in (tag.get("rel") or []):
            self.rel_author = tag.get_text()
        if self.entry_title is None and "entry-title" in (tag.get("class") or []) and tag.get_text(strip=True):
            self.entry_title = tag.get_text()

    def first_meta(self, *names: str) -> str | None:
        return next((self.meta[n] for n in names if n in self.meta), None)


def json_ld_objects(blocks: list[str]) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in the page's blocks, ``@graph`` members included; broken blocks are skipped."""
    for raw in blocks:
        if not raw or len(raw) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        pending = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    pending.extend(item["@graph"])


def _types(obj: dict) -> list[str]:
    kind = obj.get("@type")
    return [str(k) for k in kind] if isinstance(kind, list) else [str(kind)]


def _article(blocks: list[str]) -> dict[str, Any]:
    objects = list(json_ld_objects(blocks))
    for obj in objects:
        if any(t in _ARTICLE_TYPES for t in _types(obj)) and obj.get("headline"):
            return obj
    return next((o for o in objects if o.get("headline")), {})


def _name(value: Any) -> str | None:
    """A JSON-LD person or organisation (or a list of them) as display text."""
    if isinstance(value, str):
        return value if not value.startswith(("http://", "https://")) else None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:10]) if n]
        if not names:
            return None
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return None


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    text = clean_text(html.unescape(value))
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def page_date(value: Any) -> dt.date | None:
    """The calendar date at the start of an ISO 8601 value, as the publisher wrote it."""
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        date = dt.date(*map(int, match.groups()))
    except ValueError:
        return None
    return date if date <= dt.date.today() else None


def web_address(value: Any, base: str | None = None) -> str | None:
    """An absolute http(s) address, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    address = clean_text(value).replace(" ", "%20")
    if base:
        address = urljoin(base, address)
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    return address


def read_metadata(soup: BeautifulSoup, fetched_url: str | None = None) -> PageMetadata:
    """The page's own metadata; ``soup`` must be the page as parsed, before cleaning."""
    page = _PageIndex(soup)
    article = _article(page.json_ld)
    saved_from = next((m.group(1) for m in map(_SAVED_FROM.search, page.comments) if m), None)
    # The post's own heading: the hAtom ``entry-title`` that WordPress and Blogger mark it
    # with, else the article's first <h1> (a blog's page-wide <h1> is its name).
    heading = page.entry_title or page.h1.get("article") or page.h1.get("main") or page.h1.get("page")
    candidates: dict[str, list[tuple[str, Any]]] = {
        "title": [("og:title", page.first_meta("og:title")), ("JSON-LD headline", article.get("headline")),
                  ("the post's heading", heading), ("<title>", page.title)],
        "publisher": [("og:site_name", page.first_meta("og:site_name")), ("JSON-LD publisher", _name(article.get("publisher")))],
        "author": [("JSON-LD author", _name(article.get("author"))), ("<meta name=author>", page.first_meta("author")),
                   ("article:author", _name(page.first_meta("article:author"))), ("rel=author link", page.rel_author)],
        "published": [("article:published_time", page.first_meta("article:published_time")),
                      ("JSON-LD datePublished", article.get("datePublished")),
                      ("<time>", page.time.get("article") or page.time.get("main") or page.time.get("page"))],
        "url": [("canonical link", page.links.get("canonical")), ("og:url", page.first_meta("og:url")),
                ("the fetched address", fetched_url), ("saved-from comment", saved_from)],
    }
    meta = PageMetadata()
    for name, options in candidates.items():
        for where, raw in options:
            if name == "published":
                value = page_date(raw)
            elif name == "url":
                value = web_address(raw, fetched_url)
            else:
                value = _text(raw, LIMITS[name])
            if value:
                setattr(meta, name, value)
                meta.found_in[name] = where
                break
    return meta
