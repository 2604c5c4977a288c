"""Text normalised as the quote-matching contract defines it, mapped back to the original.

Sources are normalised once (``NormalizedText``); each quote is then a few ``str.find``
calls (``checking.quote_matching``). Plain ASCII runs are copied in one slice, so
normalising is cheap for real prose.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from functools import cached_property

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
# The regions to normalise: a run of two or more white space characters, white space other
# than a plain space, or a run of non-ASCII characters that are not white space. Written as
# one character class (white space or non-ASCII), then what that character was, rather than
# as three alternatives: the regex engine then skips the plain ASCII in between in C, where
# it tried the alternatives one by one at every character, which took twice as long. (The
# character before a non-ASCII run is added in the loop.)
_SPECIAL = re.compile("[\\s\x80-\U0010ffff]"
                      "(?:(?<=[^\\x00-\\x7f\\s])[^\\x00-\\x7f\\s]*"  # non-ASCII, not white space: the whole run
                      "|(?<=[^\\S ])\\s*"  # white space other than a space: with any white space after it
                      "|(?<= )(?=\\s)\\s*)")  # a space: only with more white space after it
_SPACES = re.compile(r"\s+")
_ELISION = re.compile(r" (?:\.\.\.|\[\.\.\.\]) ")
PARAGRAPH_BREAK = "\n"


def is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _clusters(region: str) -> Iterator[tuple[int, int]]:
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

    def __init__(self, original: str):  # noqa: C901 (one pass over the text, in one loop for speed)
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
                for piece, a, b, linear in _region_pieces(region):
                    if not linear and piece.isspace():
                        if last() in (" ", PARAGRAPH_BREAK):
                            continue
                        emit(" ", start + a, start + b, linear)
                    else:
                        emit(piece, start + a, start + b, linear)
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
    return " ".join(text.split())  # (str.split's white space is the regex's \s)


def quote_parts(quote: str) -> list[str]:
    """The parts of a normalised quote between ' ... ' or ' […] ' elision markers."""
    if "..." not in quote:  # (both markers hold one; most quotes have neither)
        return [quote] if quote else []
    return [part for part in _ELISION.split(quote) if part]


@functools.lru_cache(maxsize=1024)  # each quote is looked at several times: words, matches, hint
def normalized_parts(quote: str) -> tuple[str, ...]:
    """The parts of a quote as written, normalised."""
    return tuple(quote_parts(normalize(quote)))
