"""Splitting a long list into pages: the first at the list's own address, the rest at
``<address>page/N/``, each linked to its neighbours (``rel="prev"`` / ``rel="next"``)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list, as templates see it."""

    number: int  # 1-based
    count: int  # pages in the list
    items: Sequence[T]
    total: int  # entries in the whole list
    start: int  # 1-based position of the first entry on this page
    base_url: str  # the list's first page, e.g. "people/" or "" for the home page

    @property
    def url(self) -> str:
        return page_url(self.base_url, self.number)

    @property
    def prev_url(self) -> str | None:
        return page_url(self.base_url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base_url, self.number + 1) if self.number < self.count else None

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1

    def links(self, around: int = 2) -> list[tuple[int, str] | None]:
        """Page numbers to link, (number, url) each: the first, the last and those near this
        one; None where numbers are left out. At most 2 * around + 5 entries."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        result: list[tuple[int, str] | None] = []
        for number in shown:
            if result and result[-1] is not None and number - result[-1][0] > 1:
                result.append(None)
            result.append((number, page_url(self.base_url, number)))
        return result


def page_url(base_url: str, number: int) -> str:
    return base_url if number == 1 else f"{base_url}page/{number}/"


def page_save_as(base_save_as: str, number: int) -> str:
    """``people/x/index.html`` → ``people/x/page/2/index.html``."""
    if number == 1:
        return base_save_as
    folder, name = posixpath.split(base_save_as)
    return posixpath.join(folder, "page", str(number), name)


def paginate(items: Sequence[T], size: int, base_url: str) -> list[ListPage[T]]:
    """Every page of ``items``, ``size`` to a page; an empty list still has one (empty) page."""
    size = max(1, int(size))
    count = max(1, -(-len(items) // size))
    return [ListPage(n, count, items[(n - 1) * size:n * size], len(items), (n - 1) * size + 1, base_url) for n in range(1, count + 1)]
