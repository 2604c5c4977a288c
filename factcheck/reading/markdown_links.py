"""Warnings, at their place in the file, for each link or image the sanitiser will drop.

The Markdown is rendered exactly as the site renders it (before sanitising), so what is
reported is what a reader would have met; each URL is then found in the file's own text
for its line and column.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import yaml

from factcheck.base.escaping import shown
from factcheck.base.sanitize import link_allowed
from factcheck.reading.field_table import Field
from factcheck.rules.problems import Position, Problems
from factcheck.rules.catalogue import FC030, FC031

# Markdown that can make a link or an image: inline ``](``, reference ``][`` or ``]:``,
# autolinks ``<…>``, images ``![``. Text without any of these is not rendered at all.
_MAY_LINK = re.compile(r"\]\s*[(\[:]|<|!\[")


class _Links(HTMLParser):
    """``(kind, url)`` of each link and image in rendered HTML; URLs entity-decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (kind, decoded URL, raw URL)

    def handle_starttag(self, tag, attrs):
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.found.append((tag, value, self._raw(name)))

    def _raw(self, name: str) -> str:
        match = re.search(rf'{name}="([^"]*)"', self.get_starttag_text() or "")
        return match[1] if match else ""


def markdown_nodes(node: yaml.Node, fields: tuple[Field, ...]):
    """Every Markdown value node of a claim, by the field table (evidence and update notes too)."""
    if not isinstance(node, yaml.MappingNode):
        return
    known = {f.name: f for f in fields}
    for key, value in node.value:
        f = known.get(key.value) if isinstance(key, yaml.ScalarNode) else None
        if f is None:
            continue
        if f.kind == "markdown" and isinstance(value, yaml.ScalarNode):
            yield f, value
        elif f.kind == "records" and isinstance(value, yaml.SequenceNode) and len(value.value) <= (f.max_items or len(value.value)):
            for item in value.value:
                yield from markdown_nodes(item, f.item_fields)


def check_links(root: yaml.Node, fields: tuple[Field, ...], text: str, path: str, problems: Problems) -> None:
    """Warn (FC030, FC031) about each link and image in Markdown fields that will be dropped."""
    if not _MAY_LINK.search(text):  # most claim files: no link anywhere
        return
    for f, node in markdown_nodes(root, fields):
        if not _MAY_LINK.search(node.value):
            continue
        from factcheck.base.markdown import render_unsanitized  # only here: most files have no link to render

        parser = _Links()
        parser.feed(str(render_unsanitized(node.value)))
        parser.close()
        for kind, url, raw in parser.found:
            where = _locate(text, node, (raw, url), path)
            if kind == "img":
                FC031.report(problems, where, subject=f.name, url=shown(url), field=f.name)
            elif not link_allowed(url):
                FC030.report(problems, where, subject=f.name, url=shown(url), field=f.name)


def _locate(text: str, node: yaml.Node, candidates: tuple[str, ...], path: str) -> Position:
    """Where one of ``candidates`` is written inside the node's part of the file; else the node."""
    start, end = node.start_mark.index, node.end_mark.index
    for candidate in (c for c in candidates if c):
        for needle in (candidate, html.unescape(candidate)):
            at = text.find(needle, start, end)
            if at >= 0:
                line = node.start_mark.line + text.count("\n", start, at)
                col = at - (text.rfind("\n", 0, at) + 1)
                return Position(path, line + 1, col + 1)
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)
