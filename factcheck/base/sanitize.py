"""What contributors' Markdown may become on a page: an allowlist, enforced by nh3 (ammonia).

Markdown turns ``[x](javascript:…)`` into a live link, and browsers read ``JaVaScRiPt:``,
``&#106;avascript:`` or ``java&#x09;script:`` the same way, so URLs are judged as a browser
reads them: entities decoded, tabs and line breaks removed, case folded. Only http, https
and mailto links, and links within the site (no scheme), are kept; images are not kept at
all (a contributor's image would be fetched from anywhere by every reader). ``factcheck
check`` warns about each link and image dropped here (``reading.markdown_links``).
"""

from __future__ import annotations

import re

import nh3

TAGS = {"p", "br", "em", "strong", "a", "code", "pre", "blockquote", "ul", "ol", "li", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}
SCHEMES = {"http", "https", "mailto"}

# As the WHATWG URL parser does: leading and trailing C0 controls and spaces are dropped,
# tabs and line breaks anywhere are removed, and a scheme is letters, digits, '+', '-', '.'.
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def link_allowed(url: str) -> bool:
    """Whether a link (its entity-decoded ``href``) may stay: http(s), mailto or site-relative."""
    cleaned = _TAB_OR_NEWLINE.sub("", url).strip(_C0_OR_SPACE)
    scheme = _SCHEME.match(cleaned)
    if scheme is None:
        return ":" not in cleaned.split("/", 1)[0] or cleaned.startswith(("/", "?", "#"))
    return scheme[1].lower() in SCHEMES


def _keep(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not link_allowed(value):
        return None
    return value


def sanitize(html: str) -> str:
    """Rendered Markdown with every tag, attribute and link outside the allowlist dropped."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=_keep)
