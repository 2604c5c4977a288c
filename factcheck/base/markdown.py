"""Markdown for summaries and notes: contributors' raw HTML is shown as text, never rendered,
and the result is sanitised (``sanitize``): only allowed tags, attributes and links remain."""

from __future__ import annotations

from functools import lru_cache

import markdown
from markupsafe import Markup

from factcheck.base.sanitize import sanitize


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    # Without these two, raw HTML in the input would pass through; now it is escaped.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _converter()


def render_unsanitized(text: str) -> str:
    """The HTML Markdown makes of ``text``, before sanitising (for the checks' warnings)."""
    _MD.reset()
    return _MD.convert(text)


@lru_cache(maxsize=None)  # a summary appears on its page and in the feed
def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup(sanitize(render_unsanitized(text)))


def render_inline(text: str | None) -> Markup:
    """One line of Markdown without the surrounding paragraph, for notes."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
