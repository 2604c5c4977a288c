"""Quote matching as the contract defines it: normalise both sides, match on word
boundaries inside one paragraph, and map every match back to the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.base.normalized_text import NormalizedText, is_word, normalize, normalized_parts


@dataclass(frozen=True)
class Match:
    """One match of a quote: its original-text spans (one per elided part) and paragraph."""

    spans: tuple[tuple[int, int], ...]
    paragraph: int  # 1-based, counting non-empty lines


def _find_part(text: str, part: str, start: int, limit: int) -> int:
    """Leftmost occurrence of ``part`` at or after ``start`` that sits on word boundaries."""
    while True:
        i = text.find(part, start, limit)
        if i < 0:
            return -1
        j = i + len(part)
        left_ok = i == 0 or not (is_word(text[i - 1]) and is_word(part[0]))
        right_ok = j == len(text) or not (is_word(text[j]) and is_word(part[-1]))
        if left_ok and right_ok:
            return i
        start = i + 1


def find_matches(source: NormalizedText, quote: str, at_most: int | None = None) -> list[Match]:
    """Every non-overlapping match of a quote, in reading order (the first ``at_most``)."""
    parts = normalized_parts(quote)
    if not parts:
        return []
    text = source.text
    matches: list[Match] = []
    pos = 0
    while True:
        first = _find_part(text, parts[0], pos, len(text))
        if first < 0:
            return matches
        limit = source.paragraph_end(first)
        found = [(first, first + len(parts[0]))]
        for part in parts[1:]:
            i = _find_part(text, part, found[-1][1], limit)
            if i < 0:
                break
            found.append((i, i + len(part)))
        else:
            spans = tuple(source.original_span(a, b) for a, b in found)
            matches.append(Match(spans, source.paragraph_index(first) + 1))
            if at_most is not None and len(matches) >= at_most:
                return matches
            pos = found[-1][1]
            continue
        # The later parts are missing from this paragraph: try the next paragraph.
        pos = limit + 1


def spans_paragraphs(source: NormalizedText, quote: str) -> bool:
    """True if the quote would match were it allowed to run across a paragraph break."""
    return all(part in source.joined for part in normalized_parts(quote))


@dataclass(frozen=True)
class Closest:
    passage: str
    similarity: float  # 0..1
    paragraph: int


# The closest-passage hint must cost a fraction of a second whatever the sizes, so it never
# slides over the whole text. The quote's words are looked up with str.find (a fast scan,
# even of megabytes); each occurrence votes for where the quote would start; the few places
# with most votes are compared with the quote by rapidfuzz. A word found more than
# HINT_HITS times says little about where the quote is, and does not vote.
HINT_CHARS = 500  # of the quote, compared
HINT_WORDS = 12  # of the quote, the longest (rarest, and fastest to look for), looked up
HINT_HITS = 1000
HINT_CANDIDATES = 5
_BUCKET = 32  # characters: votes a few characters apart (a typo's shift) count together


def closest_passage(source: NormalizedText, quote: str) -> Closest | None:
    """The passage of the source most like the quote, for a helpful 'not found' message."""
    wanted = normalize(quote)[:HINT_CHARS].strip()
    text = source.text
    if not wanted or not text:
        return None
    votes: dict[int, list[int]] = {}  # bucket of the quote's estimated start: [votes, a hit]
    for word, offset in _longest_words(wanted, HINT_WORDS):
        hits: list[int] = []
        at = text.find(word)
        while at >= 0 and len(hits) <= HINT_HITS:
            hits.append(at)
            at = text.find(word, at + 1)
        if len(hits) <= HINT_HITS:
            for hit in hits:
                entry = votes.setdefault(max(hit - offset, 0) // _BUCKET, [0, hit])
                entry[0] += 1
    best: Closest | None = None
    for bucket in sorted(votes, key=lambda b: (-votes[b][0], b))[:HINT_CANDIDATES]:
        closest = _compare(source, votes[bucket][1], bucket * _BUCKET, wanted)
        if closest and (best is None or closest.similarity > best.similarity):
            best = closest
    return best


def _longest_words(text: str, count: int) -> list[tuple[str, int]]:
    """The ``count`` longest distinct words of ``text``, each with its offset in it."""
    words: dict[str, int] = {}
    offset = 0
    for word in text.split(" "):
        words.setdefault(word, offset)
        offset += len(word) + 1
    return sorted(words.items(), key=lambda item: -len(item[0]))[:count]


def _compare(source: NormalizedText, hit: int, near: int, wanted: str) -> Closest | None:
    """The passage around ``near``, in the paragraph of ``hit``, that best matches ``wanted``,
    widened to whole words."""
    start, end = source.paragraph_start(hit), source.paragraph_end(hit)
    lo, hi = max(start, near - _BUCKET), min(end, near + len(wanted) + 2 * _BUCKET)
    region = source.text[lo:hi]
    if len(wanted) <= len(region):
        found = fuzz.partial_ratio_alignment(wanted, region)
        a, b = (found.dest_start, found.dest_end) if found is not None else (0, len(region))
    else:
        a, b = 0, len(region)
    while a > 0 and region[a - 1] != " ":
        a -= 1
    while b < len(region) and region[b] != " ":
        b += 1
    passage = region[a:b].strip()
    if not passage:
        return None
    return Closest(passage, fuzz.ratio(wanted, passage) / 100, source.paragraph_index(hit) + 1)
