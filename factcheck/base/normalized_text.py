"""Quote matching as the contract defines it: normalise both sides, match on word
boundaries inside one paragraph, and map every match back to the original text.

Sources are normalised once (``NormalizedText``); each quote is then a few ``str.find``
calls. Plain ASCII runs are copied in one slice, so normalising is cheap for real prose.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

_QUOTES_AND_DASHES = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015", "-"),
    "\u2026": "...",
})
# Regions that need more than copying: white space other than a single plain space, and
# non-ASCII text together with the character before it (a combining accent composes with its
# base under NFKC). Everything else, most of real prose, is copied in one slice.
# Characters whose whole normalisation is one ASCII character (curly quotes, most dashes,
# no-break space): translated up front, they keep offsets and stay in the fast linear runs.
_ONE_TO_ONE = str.maketrans({
    c: r for c in "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2010\u2011\u2012\u2013\u2014\u2015\u00a0"
    if len(r := unicodedata.normalize("NFKC", c).translate(_QUOTES_AND_DASHES)) == 1 and r.isascii()
})
_ONE_TO_ONE_CHARS = re.compile("[" + "".join(map(chr, _ONE_TO_ONE)) + "]")
# (Each alternative starts with a character class, which the regex engine scans for quickly;
# the character before a non-ASCII run is added in the loop.)
_SPECIAL = re.compile(r"\s{2,}|[^\S ]|[^\x00-\x7f\s]+")
_SPACES = re.compile(r"\s+")
_ELISION = re.compile(r" (?:\.\.\.|\[\.\.\.\]) ")
PARAGRAPH_BREAK = "\n"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _clusters(region: str):
    """Split into base characters with their combining marks."""
    start = 0
    for i in range(1, len(region) + 1):
        if i == len(region) or not unicodedata.combining(region[i]):
            yield start, i
            start = i


_NFKC = functools.partial(unicodedata.normalize, "NFKC")


def _one_to_one(region: str) -> str | None:
    """The region normalised, if each character normalises to one character on its own and
    none composes with its neighbour (most non-Latin text, fullwidth forms): its offsets then
    map one to one, as a plain copy's do. None otherwise."""
    chars = "".join(map(_NFKC, region))
    if len(chars) != len(region) or _NFKC(region) != chars:
        return None
    chars = chars.translate(_QUOTES_AND_DASHES)
    if len(chars) != len(region) or _SPACES.search(chars):
        return None
    return chars


@functools.lru_cache(maxsize=4096)  # texts repeat their accented letters and punctuation
def _region_pieces(region: str) -> tuple[tuple[str, int, int, bool], ...]:
    """A region's normalised pieces: ``(text, start, end, linear)``, offsets in the region."""
    same_length = _one_to_one(region)
    if same_length is not None:
        return ((same_length, 0, len(region), True),)
    return tuple((_NFKC(region[a:b]).translate(_QUOTES_AND_DASHES), a, b, False) for a, b in _clusters(region))


class NormalizedText:
    """Normalised text plus a map from each normalised character back to the original.

    Line breaks between paragraphs become one ``\\n``, so a match can never span two
    paragraphs; other white space runs become one space.
    """

    def __init__(self, original: str):
        self.original = original
        out: list[str] = []
        # Segments: (normalised start, original start, original end, linear?)
        seg_norm: list[int] = []
        seg_orig: list[tuple[int, int, bool]] = []
        length = 0

        word_run = False  # is the last segment letters and digits only, from the slow path?

        def emit(text: str, orig_start: int, orig_end: int, linear: bool) -> None:
            nonlocal length, word_run
            # Letters next to letters: one segment. No match can start or end inside a run of
            # letters (matches sit on word boundaries), so none needs a finer map.
            if word_run and not linear and seg_orig[-1][1] == orig_start and text.isalnum():
                seg_orig[-1] = (seg_orig[-1][0], orig_end, False)
            else:
                seg_norm.append(length)
                seg_orig.append((orig_start, orig_end, linear))
                word_run = not linear and text.isalnum()
            out.append(text)
            length += len(text)

        def last() -> str:
            return out[-1][-1] if out else PARAGRAPH_BREAK

        def copy(start: int, end: int) -> None:
            if original[start] == " " and last() == PARAGRAPH_BREAK:  # a paragraph's leading space
                start += 1
            if start < end:
                emit(original[start:end], start, end, True)

        # Same length, so offsets are unchanged. (A regex visits only the characters to change;
        # str.translate would look up every character of the text.)
        original = _ONE_TO_ONE_CHARS.sub(lambda m: _ONE_TO_ONE[ord(m[0])], original)
        pos = 0
        for m in _SPECIAL.finditer(original):
            start = m.start()
            if start > pos and not original[start].isspace() and not original[start - 1].isspace():
                start -= 1  # a non-ASCII run with the character before it
            if start > pos:
                copy(pos, start)
            region = original[start:m.end()]
            if region.isspace():
                gap = PARAGRAPH_BREAK if "\n" in region else " "
                if gap == PARAGRAPH_BREAK and last() == " ":  # trailing space before a break
                    out[-1] = out[-1][:-1]
                    length -= 1
                if last() != PARAGRAPH_BREAK and not (gap == " " and last() == " "):
                    emit(gap, m.start(), m.end(), False)
            else:
                for text, a, b, linear in _region_pieces(region):
                    if not linear and text.isspace():
                        text = " "
                        if last() in (" ", PARAGRAPH_BREAK):
                            continue
                    emit(text, start + a, start + b, linear)
            pos = m.end()
        if pos < len(original):
            copy(pos, len(original))
        self.text = "".join(out).rstrip()
        self._seg_norm = seg_norm
        self._seg_orig = seg_orig
        self._breaks = [m.start() for m in re.finditer(PARAGRAPH_BREAK, self.text)]

    def _segment(self, index: int) -> tuple[int, int, int, bool]:
        i = bisect.bisect_right(self._seg_norm, index) - 1
        return (self._seg_norm[i], *self._seg_orig[i])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of normalised characters ``start`` up to ``end``."""
        n0, o0, _, linear = self._segment(start)
        orig_start = o0 + (start - n0) if linear else o0
        n1, o1, e1, linear = self._segment(end - 1)
        orig_end = o1 + (end - 1 - n1) + 1 if linear else e1
        return orig_start, orig_end

    def paragraph_index(self, index: int) -> int:
        """0-based paragraph number of a normalised position."""
        return bisect.bisect_right(self._breaks, index)

    def paragraph_end(self, index: int) -> int:
        i = self.paragraph_index(index)
        return self._breaks[i] if i < len(self._breaks) else len(self.text)

    def paragraphs(self) -> list[str]:
        return self.text.split(PARAGRAPH_BREAK)

    def paragraph_start(self, index: int) -> int:
        i = self.paragraph_index(index)
        return self._breaks[i - 1] + 1 if i else 0

    @cached_property
    def joined(self) -> str:
        """The text with its paragraphs run together, to tell a quote that spans a break."""
        return self.text.replace(PARAGRAPH_BREAK, " ")


def places_to_normalise(text: str, at_most: int) -> int:
    """How many places of ``text`` need normalising, counted up to ``at_most + 1``."""
    count = 0
    for count, _ in enumerate(_SPECIAL.finditer(text), 1):
        if count > at_most:
            break
    return count


def normalize(text: str) -> str:
    """The contract's normalisation of a quote: the same rules as ``NormalizedText`` (without
    its map back to the original), leading and trailing space dropped."""
    if not text.isascii():  # ASCII is its own NFKC form and has nothing to translate
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES_AND_DASHES)
    return _SPACES.sub(" ", text).strip()


def quote_parts(quote: str) -> list[str]:
    """The parts of a normalised quote between ' ... ' or ' […] ' elision markers."""
    return [part for part in _ELISION.split(quote) if part]


@functools.lru_cache(maxsize=1024)  # each quote is looked at several times: words, matches, hint
def normalized_parts(quote: str) -> tuple[str, ...]:
    """The parts of a quote as written, normalised."""
    return tuple(quote_parts(normalize(quote)))


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
        left_ok = i == 0 or not (_is_word(text[i - 1]) and _is_word(part[0]))
        right_ok = j == len(text) or not (_is_word(text[j]) and _is_word(part[-1]))
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
        hits, at = [], text.find(word)
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
        a, b = found.dest_start, found.dest_end
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
