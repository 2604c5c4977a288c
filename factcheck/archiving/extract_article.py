"""The article in a web page, every paragraph of it on its own line, and what was left out.

beautifulsoup4 decodes and cleans the page and cuts its visible text into blocks; trafilatura,
the field's reference extractor, decides which of those blocks are the article. The text
written is the blocks' own (so inline links and emphasis join as the page shows them, and
``<br>``-separated paragraphs stay apart), and every block the extractor left out is
reported, so nothing is lost without the contributor seeing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from factcheck.archiving.page_metadata import PageMetadata, read_metadata
from factcheck.archiving.web_page import Block, Decoded, blocks, clean_text, decode, parse, split_br_paragraphs, strip_invisible

# A dropped block longer than this many words is listed for review.
REPORTED_WORDS = 12
# Fewer words than this is a menu or an error page, not an article.
MIN_WORDS = 10
# How far past the cursor a block is looked for first, and how many characters of further
# searching a page may cost in all.
_NEAR = 200
_SEARCH_BUDGET = 200_000_000
_WORD = re.compile(r"\w+")
_MAX_DEPTH_MESSAGE = "the page is nested too deeply to read"


class ExtractionFailed(Exception):
    """The page cannot be turned into an archived text; the message says why."""


@dataclass
class Extraction:
    paragraphs: list[str]
    dropped: list[Block]  # every block left out, in document order
    metadata: PageMetadata
    decoded: Decoded
    kept_back: list[Block] = field(default_factory=list)  # dropped blocks kept on request

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def reported(self) -> list[Block]:
        """Dropped blocks long enough to be real paragraphs: the contributor reviews these."""
        return [b for b in self.dropped if b.words > REPORTED_WORDS]

    @property
    def text(self) -> str:
        """The archived text: one paragraph a line, a blank line between paragraphs."""
        return "\n\n".join(self.paragraphs) + "\n"


def _tokens(text: str) -> list[str]:
    # Words only: extractors differ from the page in spacing and punctuation ("Post 's").
    return _WORD.findall(text.casefold())


def run_extractor(html: str, *, fast: bool = True) -> str:
    """trafilatura's article text. ``fast`` skips its second opinions (readability and
    jusText), which change nothing on the test corpus but cost a second on first use."""
    import trafilatura  # imported here: the rest of the package never needs it

    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                               include_images=False, include_links=False, deduplicate=False, favor_recall=True, fast=fast)
    return text or ""


def select_blocks(candidates: list[Block], extracted: str) -> list[Block]:
    """The blocks whose words the extractor kept, found in order in its output.

    A block counts where its words occur next in the output. A short block (a menu entry, a
    share button, a heading) or one whose words occur elsewhere on the page too (a pull
    quote, a teaser repeating the first paragraph) counts only where the output goes on
    with it, so "Home" in a menu is not taken for the "Home" in "Homeland Security".

    Most blocks are found right at the cursor or not at all; searching further ahead is
    rationed, so a hostile page of a hundred thousand blocks costs seconds, not hours.
    """
    joined = " " + " ".join(_tokens(extracted)) + " "
    needles = [" " + " ".join(_tokens(block.text)) + " " for block in candidates]
    page = "|".join(needles)
    budget = _SEARCH_BUDGET
    cursor = 0  # position in ``joined`` up to which the output is accounted for
    kept = []
    for block, needle in zip(candidates, needles):
        if needle == "  ":
            continue
        start = max(cursor - 1, 0)
        found = joined.find(needle, start, start + len(needle) + _NEAR)
        if found < 0 and budget > 0:
            budget -= len(joined) - start
            found = joined.find(needle, start)
        if found < 0:
            continue
        if len(joined[cursor:found].split()) > 1:  # not where the output goes on: only if unambiguous
            if needle.count(" ") - 1 < 4:
                continue
            budget -= 2 * len(page)
            first = page.find(needle)
            if budget < 0 or page.find(needle, first + 1) >= 0:
                continue
        kept.append(block)
        cursor = found + len(needle) - 1
    return kept


def extract(data: bytes, *, http_charset: str | None = None, encoding: str | None = None,
            fetched_url: str | None = None, keep: tuple[str, ...] = (),
            extractor: Callable[[str], str] | None = run_extractor) -> Extraction:
    """Decode, clean and extract one page. ``keep`` names dropped blocks to keep all the
    same, each by its number in the dropped list or by its opening words. ``extractor``
    None keeps every visible block (beautifulsoup4 alone: the benchmark's baseline)."""
    decoded = decode(data, http_charset, encoding)
    try:
        soup = parse(decoded.text.replace("\x00", ""))  # browsers ignore NUL in a page's text
        metadata = read_metadata(soup, fetched_url)
        strip_invisible(soup)
        split_br_paragraphs(soup)
        body = soup.body or soup
        candidates = blocks(body)
        extracted = extractor(str(soup)) if candidates and extractor else ""
    except RecursionError:
        raise ExtractionFailed(_MAX_DEPTH_MESSAGE) from None
    kept = select_blocks(candidates, extracted) if extractor else candidates
    kept_numbers = {b.number for b in kept}
    dropped = [b for b in candidates if b.number not in kept_numbers]
    kept_back = _kept_back(dropped, keep)
    chosen = sorted([*kept, *kept_back], key=lambda b: b.number)
    words = sum(b.words for b in chosen)
    if words < MIN_WORDS:
        found = f" (only {words} word{'s' * (words != 1)})" if words else ""
        raise ExtractionFailed(f"no article text found{found}: the page has no paragraphs an extractor would keep")
    back = {b.number for b in kept_back}
    return Extraction([b.text for b in chosen], [b for b in dropped if b.number not in back], metadata, decoded, kept_back)


def _kept_back(dropped: list[Block], keep: tuple[str, ...]) -> list[Block]:
    chosen: list[Block] = []
    reported = [b for b in dropped if b.words > REPORTED_WORDS]
    for wanted in keep:
        wanted = clean_text(wanted)
        if wanted.isdigit():
            number = int(wanted)
            if not 1 <= number <= len(reported):
                raise ExtractionFailed(f"--keep {wanted}: the dropped blocks are numbered 1 to {len(reported)}" if reported
                                       else f"--keep {wanted}: no block of more than {REPORTED_WORDS} words was dropped")
            matches = [reported[number - 1]]
        else:
            matches = [b for b in dropped if _tokens(b.text)[: len(_tokens(wanted))] == _tokens(wanted) and _tokens(wanted)]
            if not matches:
                raise ExtractionFailed(f"--keep '{wanted}': no dropped block starts with these words")
        chosen.extend(b for b in matches if b not in chosen)
    return chosen
