"""Setting text from glyphs rendered once.

FreeType renders a line of Pillow's bundled font in about 1.7 ms, and a social card has a
few lines; thousands of cards render the same few dozen glyphs over and over. Here each
glyph is rendered once per size and then pasted, with the advance and kerning that
Pillow's own layout gives, into a coverage layer (an ``L`` image, 255 = ink): six times
faster, and the same picture to within rounding of a glyph's position.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from PIL import Image, ImageFont


class GlyphFont:
    """One size of Pillow's bundled scalable font (the same on every machine)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._font = ImageFont.load_default(size=size)
        ascent, descent = self._font.getmetrics()
        self.height = ascent + descent  # of a line's glyphs, from the top of the ascenders
        self._glyphs: dict[str, tuple[object, tuple[int, int], int, int, float]] = {}
        self._kerning: dict[tuple[str, str], float] = {}

    def _glyph(self, char: str):
        glyph = self._glyphs.get(char)
        if glyph is None:
            mask, offset = self._font.getmask2(char, mode="L")
            width, height = mask.size
            glyph = self._glyphs[char] = (mask, offset, width, height, self._font.getlength(char))
        return glyph

    def _kern(self, pair: tuple[str, str]) -> float:
        """How much closer (negative) or further apart the layout sets these two glyphs."""
        value = self._kerning.get(pair)
        if value is None:
            value = self._kerning[pair] = self._font.getlength(pair[0] + pair[1]) - self._glyph(pair[0])[4] - self._glyph(pair[1])[4]
        return value

    def width(self, text: str) -> float:
        text = unicodedata.normalize("NFC", text)
        total = sum(self._glyph(c)[4] for c in text)
        return total + sum(self._kern(p) for p in zip(text, text[1:]))

    def draw(self, layer: Image.Image, x: float, y: int, text: str) -> None:
        """Paste the text's coverage into ``layer`` with its top-left corner at (x, y)."""
        text = unicodedata.normalize("NFC", text)
        core = layer.im
        limit_x, limit_y = layer.size
        previous = None
        for char in text:
            if previous is not None:
                x += self._kern((previous, char))
            mask, (dx, dy), width, height, advance = self._glyph(char)
            left, top = round(x) + dx, y + dy
            if width and height and left >= 0 and top >= 0 and left + width <= limit_x and top + height <= limit_y:
                core.paste(255, (left, top, left + width, top + height), mask)
            x += advance
            previous = char


@lru_cache(maxsize=None)
def glyph_font(size: int) -> GlyphFont:
    return GlyphFont(size)


def _pieces(font: GlyphFont, word: str, width: float) -> list[str]:
    """A word wider than a line, cut into pieces that fit (an address, say)."""
    pieces, piece = [], ""
    for char in word:
        if piece and font.width(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


def wrap(font: GlyphFont, text: str, width: float) -> list[str]:
    """Words in lines no wider than ``width``; a word wider than a line is cut."""
    space = font.width(" ")
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    words = [piece for word in text.split() for piece in (_pieces(font, word, width) if font.width(word) > width else [word])]
    for word in words:
        size = font.width(word)
        if line and used + space + size > width:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0) + size
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines
