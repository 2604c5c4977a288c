"""Editorial pages say ``[[verdict-scale]]``, ``[[repository-url]]`` or ``[[publisher]]`` where
the site's configuration supplies the value, so the pages never hold a second copy of it. The
theme's page template fills them in (the ``fill_placeholders`` filter) as it renders a page."""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup

_BLOCK = re.compile(r"<p>\s*\[\[([a-z-]+)\]\]\s*</p>")  # a placeholder alone in its paragraph
_INLINE = re.compile(r"\[\[([a-z-]+)\]\]")


def placeholder_values(verdict_scale_html: str, repository_url: str | None, publisher: str | None) -> dict[str, str]:
    """The HTML each placeholder stands for."""
    repository = Markup('its public repository, <a href="{0}">{0}</a>').format(repository_url) if repository_url else "its public repository"
    return {
        "verdict-scale": verdict_scale_html,
        "repository-url": str(repository),
        "publisher": str(Markup.escape(publisher or "its editors")),
    }


def fill_placeholders(html: str, values: Mapping[str, str]) -> Markup:
    """A page's HTML (Markdown already rendered) with its known placeholders filled in; an
    unknown one is left as written, for the editor to see."""
    html = _BLOCK.sub(lambda m: values.get(m[1], m[0]), html)
    return Markup(_INLINE.sub(lambda m: values.get(m[1], m[0]), html))  # noqa: S704 (the page's own HTML, and values made from escaped settings)
