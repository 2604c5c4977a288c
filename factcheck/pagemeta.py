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

from .webpage import clean_text

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


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag is not None and tag.get("content"):
            return str(tag["content"])
    return None


def json_ld_objects(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members included; broken blocks are skipped."""
    for script in soup.find_all("script", attrs={"type": re.compile(r"^\s*application/ld\+json", re.I)}):
        raw = script.string or script.get_text()
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


def _article(soup: BeautifulSoup) -> dict[str, Any]:
    objects = list(json_ld_objects(soup))
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


def _post_heading(soup: BeautifulSoup) -> str | None:
    """The post's own heading: the hAtom ``entry-title`` that WordPress and Blogger mark it
    with, else the first ``<h1>`` of the article (a blog's page-wide ``<h1>`` is its name)."""
    marked = soup.find(class_="entry-title")
    if marked is not None and marked.get_text(strip=True):
        return marked.get_text()
    for scope in (soup.find("article"), soup.find("main"), soup):
        if scope is not None:
            heading = scope.find("h1")
            if heading is not None:
                return heading.get_text()
    return None


def _time_element(soup: BeautifulSoup) -> str | None:
    for scope in (soup.find("article"), soup.find("main"), soup):
        if scope is not None:
            for time in scope.find_all("time", attrs={"datetime": True}, limit=5):
                return str(time["datetime"])
    return None


def _saved_from(soup: BeautifulSoup) -> str | None:
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment), limit=5):
        match = _SAVED_FROM.search(str(comment))
        if match:
            return match.group(1)
    return None


def read_metadata(soup: BeautifulSoup, fetched_url: str | None = None) -> PageMetadata:
    """The page's own metadata; ``soup`` must be the page as parsed, before cleaning."""
    article = _article(soup)
    canonical = soup.find("link", rel=lambda r: r and "canonical" in [v.lower() for v in (r if isinstance(r, list) else [r])])
    title_tag = soup.find("title")
    rel_author = soup.find(["a", "link"], rel=lambda r: r and "author" in (r if isinstance(r, list) else [r]))
    candidates: dict[str, list[tuple[str, Any]]] = {
        "title": [("og:title", _meta(soup, "og:title")), ("JSON-LD headline", article.get("headline")),
                  ("the post's <h1>", _post_heading(soup)), ("<title>", title_tag.get_text() if title_tag else None)],
        "publisher": [("og:site_name", _meta(soup, "og:site_name")), ("JSON-LD publisher", _name(article.get("publisher")))],
        "author": [("JSON-LD author", _name(article.get("author"))), ("<meta name=author>", _meta(soup, "author")),
                   ("article:author", _name(_meta(soup, "article:author"))),
                   ("rel=author link", rel_author.get_text() if isinstance(rel_author, Tag) and rel_author.name == "a" else None)],
        "published": [("article:published_time", _meta(soup, "article:published_time")),
                      ("JSON-LD datePublished", article.get("datePublished")), ("<time>", _time_element(soup))],
        "url": [("canonical link", canonical.get("href") if canonical else None), ("og:url", _meta(soup, "og:url")),
                ("the fetched address", fetched_url), ("saved-from comment", _saved_from(soup))],
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
