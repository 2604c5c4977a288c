"""Deep links into the original article with a URL text fragment (``#:~:text=``), encoded as
the Text Fragments specification requires."""

from __future__ import annotations

import re
from urllib.parse import quote

# Long quotes are linked as ``start,end`` rather than in full: shorter URLs that still match.
MAX_WORDS = 10
EDGE_WORDS = 4


def encode_term(term: str) -> str:
    """Percent-encode one directive term: everything outside the unreserved set, and also
    ``-``, ``&`` and ``,``, which the directive syntax itself uses."""
    return quote(term, safe="").replace("-", "%2D")


def text_directive(parts: list[str]) -> str:
    """The ``text=`` directive for a quote's matched text (one string per elided part)."""
    parts = [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]
    if not parts:
        raise ValueError("nothing to link to")
    first, last = parts[0], parts[-1]
    if len(parts) == 1 and len(first.split(" ")) <= MAX_WORDS:
        return "text=" + encode_term(first)
    start = " ".join(first.split(" ")[:EDGE_WORDS])
    end = " ".join(last.split(" ")[-EDGE_WORDS:])
    return f"text={encode_term(start)},{encode_term(end)}"


def fragment_link(url: str, parts: list[str]) -> str:
    """``url`` with a text fragment that highlights the quoted passage."""
    return f"{url.split('#')[0]}#:~:{text_directive(parts)}"
