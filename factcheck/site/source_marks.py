"""A source's paragraphs as HTML, with every quoted span in a ``<mark>`` of its own id.

Quoted spans may nest or overlap (two claims quoting overlapping passages). Marks are
opened and closed like a stack; where spans cross, the inner mark is closed and reopened
as a continuation without an id, so the HTML stays well formed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from factcheck.model.claims import Citation, mark_id
from factcheck.model.sources import Paragraph, Source


@dataclass
class RenderedParagraph:
    paragraph: Paragraph
    html: Markup
    mark_ids: list[str]  # marks that start in this paragraph, in reading order
    citations: list[Citation]  # the quotes that begin in this paragraph, in citation order


def quoted_spans(citations: Sequence[Citation]) -> list[tuple[int, int]]:
    return sorted({span for c in citations for span in c.evidence.spans}, key=lambda s: (s[0], -s[1]))


def render_paragraphs(source: Source, citations: Sequence[Citation]) -> list[RenderedParagraph]:
    """The source's paragraphs with the spans its ``citations`` quote marked."""
    spans = quoted_spans(citations)
    cited: dict[int, list[Citation]] = {}
    for citation in citations:  # grouped once: a popular source has thousands
        cited.setdefault(citation.evidence.paragraph, []).append(citation)
    rendered = []
    for para in source.paragraphs:
        inside = [s for s in spans if para.start <= s[0] and s[1] <= para.end]
        html = _render(source.text, para.start, para.end, inside)
        rendered.append(RenderedParagraph(para, html, [mark_id(s) for s in inside], cited.get(para.number, [])))
    return rendered


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Markup:
    # Boundaries where marks open or close, each visited once.
    events = sorted({start, end, *(s[0] for s in spans), *(s[1] for s in spans)})
    opening: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        opening.setdefault(span[0], []).append(span)
    out: list[str] = []
    stack: list[tuple[int, int]] = []
    for here, following in itertools.pairwise(events):
        # Close marks that end here; marks opened after them are closed and reopened.
        ending = [s for s in stack if s[1] == here]
        if ending:
            deepest = min(stack.index(s) for s in ending)
            reopen = [s for s in stack[deepest:] if s[1] != here]
            out.append("</mark>" * (len(stack) - deepest))
            del stack[deepest:]
            for span in reopen:
                out.append('<mark class="cont">')
                stack.append(span)
        for span in sorted(opening.get(here, []), key=lambda s: -s[1]):
            out.append(f'<mark id="{mark_id(span)}">')
            stack.append(span)
        out.append(str(escape(text[here:following])))
    out.append("</mark>" * len(stack))
    return Markup("".join(out))  # noqa: S704 (every text piece escaped above)
