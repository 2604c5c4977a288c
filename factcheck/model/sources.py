"""An archived source, as the rest of the package sees it: its front matter, its text, and
(worked out on first use) its paragraphs and the normalised text quotes are matched in.
What quotes a source is kept on the ``Site`` (``Site.citations``), not written into it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from factcheck.base.normalized_text import NormalizedText


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based
    start: int  # offsets into Source.text
    end: int

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    title: str
    text: str
    publisher: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    description: str | None = None
    retrieved: dt.date | None = None
    sha256: str | None = None  # of the raw snapshot
    snapshot: str | None = None  # path of the verified snapshot kept beside the text

    # Both worked out on first use and kept (cached_property writes past the frozen check).
    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The text's non-empty lines."""
        paragraphs: list[Paragraph] = []
        start = 0
        for line in self.text.split("\n"):
            end = start + len(line)
            if line.strip():
                paragraphs.append(Paragraph(len(paragraphs) + 1, start, end))
            start = end + 1
        return paragraphs

    @cached_property
    def normalized(self) -> NormalizedText:
        return NormalizedText(self.text)
