"""Social card images (1200×630 PNG) showing a claim and its verdict, for link previews.

A card costs a few milliseconds. Everything but the claim and the claimant (the verdict's
stripe and badge, the site name) is drawn, and compressed, once per verdict; the text is
set from glyphs rendered once (``glyphs``); and the picture is a 16-colour palette PNG,
four bits a pixel, with five shades of each colour for smooth letters, drawn straight in
palette indices so that nothing is converted or quantised. Only the band of rows holding
the claim and the claimant is compressed for each card (``palette_png``). A card weighs
about 15 kB.

Pillow's bundled scalable font is used, so cards look the same on any machine and need no
system fonts."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from factcheck.outputs.cards.colours import rgb
from factcheck.outputs.cards.glyphs import GlyphFont, glyph_font, wrap
from factcheck.outputs.cards.palette_png import Template, template

WIDTH, HEIGHT = 1200, 630
MARGIN = 70
STRIPE = 24  # the verdict-coloured band on the left
TEXT_TOP = 120
SIZES = (64, 56, 48, 42, 36)  # the claim in the largest that fits
MAX_LINES = 5  # of the claim; more small type would be hard to read in a preview, and heavy
SMALL = 30  # site name and claimant
BADGE = 48
BADGE_BOTTOM = HEIGHT - 70
BADGE_HEIGHT = 90
BADGE_TOP = BADGE_BOTTOM - BADGE_HEIGHT
PAD = 8  # room around text layers for glyphs that reach past their advance
BAND = (TEXT_TOP, BADGE_TOP - 10)  # the rows that differ between cards of one verdict

INK, PAPER, MUTED = "#1b1f24", "#ffffff", "#4b535d"
SHADES = 5  # of each colour over its background, for anti-aliased text
# Palette indices: paper, ink shades, muted shades, the verdict colour, white on it.
PAPER_INDEX = 0
INK_SHADES = 1
MUTED_SHADES = INK_SHADES + SHADES
VERDICT_INDEX = MUTED_SHADES + SHADES
ON_VERDICT_SHADES = VERDICT_INDEX + 1  # SHADES - 1 of them; full white is the paper colour
COMPRESS_LEVEL = 4  # zlib, for each card's band: at 6 cards are 7% smaller and take half as long again
MAX_BYTES = 20_000


def _mix(a: str, b: str, t: float) -> tuple[int, ...]:
    return tuple(round(x + (y - x) * t) for x, y in zip(rgb(a), rgb(b)))


@lru_cache(maxsize=64)
def _palette(colour: str) -> bytes:
    steps = [(s + 1) / SHADES for s in range(SHADES)]
    colours = [rgb(PAPER)]
    colours += [_mix(PAPER, INK, t) for t in steps]
    colours += [_mix(PAPER, MUTED, t) for t in steps]
    colours += [rgb(colour)]
    colours += [_mix(colour, PAPER, t) for t in steps[:-1]]
    return bytes(c for colour_ in colours for c in colour_)


def _shades(first: int, zero: int, full: int | None = None) -> list[int]:
    """Coverage (0–255) to palette index: ``zero`` where there is no ink, else a shade."""
    table = []
    for coverage in range(256):
        level = (coverage * SHADES + 127) // 255
        table.append(zero if level == 0 else full if (full is not None and level == SHADES) else first + level - 1)
    return table


INK_TABLE = _shades(INK_SHADES, PAPER_INDEX)
MUTED_TABLE = _shades(MUTED_SHADES, PAPER_INDEX)
ON_VERDICT_TABLE = _shades(ON_VERDICT_SHADES, VERDICT_INDEX, full=PAPER_INDEX)


def _text_layer(font: GlyphFont, lines: list[str], line_height: int, width: int) -> Image.Image:
    """The lines' coverage, left-aligned, ``PAD`` pixels in from the layer's left edge."""
    layer = Image.new("L", (width + 2 * PAD, (len(lines) - 1) * line_height + font.height + PAD), 0)
    for number, line in enumerate(lines):
        font.draw(layer, PAD, number * line_height, line)
    return layer


def _one_line(font: GlyphFont, text: str, width: int) -> str:
    lines = wrap(font, text, width) or [""]
    return lines[0] if len(lines) == 1 else _ellipsis(font, lines[0], width)


def _ellipsis(font: GlyphFont, line: str, width: int) -> str:
    line = line.rstrip(".,;: ") + "..."  # the bundled font has no ellipsis glyph
    while font.width(line) > width and " " in line:
        line = line.rsplit(" ", 1)[0].rstrip(".,;: ") + "..."
    return line


@lru_cache(maxsize=64)
def _background(site_name: str, label: str, colour: str) -> Template:
    """What every card with this verdict shares, with its rows outside the band compressed."""
    image = Image.new("L", (WIDTH, HEIGHT), PAPER_INDEX)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, STRIPE, HEIGHT), fill=VERDICT_INDEX)
    small = glyph_font(SMALL)
    name = _text_layer(small, [_one_line(small, site_name, WIDTH - 2 * MARGIN)], 0, WIDTH - 2 * MARGIN)
    image.paste(name.point(MUTED_TABLE), (MARGIN - PAD, 50))

    font = glyph_font(BADGE)
    text = _one_line(font, f"Verdict: {label}", WIDTH - 2 * MARGIN - 40)
    width = round(font.width(text))
    draw.rounded_rectangle((MARGIN, BADGE_TOP, MARGIN + width + 40, BADGE_BOTTOM), radius=10, fill=VERDICT_INDEX)
    badge = _text_layer(font, [text], 0, width)
    badge = badge.crop((0, 0, badge.width, font.height))  # within the badge, which is taller
    image.paste(badge.point(ON_VERDICT_TABLE), (MARGIN + 20 - PAD, BADGE_TOP + (BADGE_HEIGHT - font.height) // 2))
    return template(image, _palette(colour), *BAND, level=COMPRESS_LEVEL)


def _fit(text: str, max_lines: int) -> tuple[GlyphFont, list[str], int]:
    """The largest size at which the claim fits above the claimant and the badge; the last
    resort cuts it short with an ellipsis."""
    room = BADGE_TOP - 20 - TEXT_TOP - int(SMALL * 1.25) - 10
    width = WIDTH - 2 * MARGIN
    for size in SIZES:
        font = glyph_font(size)
        line_height = int(size * 1.25)
        most = min(max_lines, (room - font.height) // line_height + 1)
        lines = wrap(font, text, width)
        if len(lines) <= most:
            return font, lines, line_height
    lines = lines[:most]
    lines[-1] = _ellipsis(font, lines[-1], width)
    return font, lines, line_height


def _draw(shared: Template, claim: str, claimant: str, max_lines: int) -> Image.Image:
    """The band of a card: the claim, then who made it."""
    canvas = shared.canvas()
    font, lines, line_height = _fit(f"“{claim}”", max_lines)
    claim_layer = _text_layer(font, lines, line_height, WIDTH - 2 * MARGIN)
    canvas.paste(claim_layer.point(INK_TABLE), shared.place(MARGIN - PAD, TEXT_TOP))
    small = glyph_font(SMALL)
    by = _text_layer(small, [_one_line(small, f"Claim by {claimant}", WIDTH - 2 * MARGIN)], 0, WIDTH - 2 * MARGIN)
    canvas.paste(by.point(MUTED_TABLE), shared.place(MARGIN - PAD, TEXT_TOP + (len(lines) - 1) * line_height + font.height + 10))
    return canvas


def card(claim: str, claimant: str, label: str, colour: str, site_name: str) -> bytes:
    """The PNG of one claim's card; ``colour`` is its verdict's, as ``#rrggbb``. A card
    stays within ``MAX_BYTES``: one that would weigh more (a long claim in small type) is
    compressed harder, and failing that, shortened by a line."""
    shared = _background(site_name, label, colour)
    for max_lines in range(MAX_LINES, 0, -1):
        canvas = _draw(shared, claim, claimant, max_lines)
        png = shared.encode(canvas)
        if len(png) > MAX_BYTES:
            png = shared.encode(canvas, level=9)
        if len(png) <= MAX_BYTES:
            break
    return png
