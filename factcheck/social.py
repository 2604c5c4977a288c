"""Social card images (1200×630 PNG) showing a claim and its verdict, for link previews.

Pillow's bundled scalable font is used, so cards look the same on any machine and need no
system fonts."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .model import Claim

WIDTH, HEIGHT = 1200, 630
MARGIN = 70
# The same colours as the theme's verdict badges; white text on each has at least 4.5:1 contrast.
VERDICT_COLOURS = {
    "true": "#17703a", "mostly-true": "#3f6212", "mixed": "#7a5a00", "misleading": "#9a4a00",
    "mostly-false": "#b3261e", "false": "#8e1023", "unverifiable": "#4b5563",
}
INK, PAPER, MUTED = "#1b1f24", "#ffffff", "#4b535d"


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + [line] if line else lines


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font size at which the text fits; the last resort truncates with an ellipsis."""
    for size in (64, 56, 48, 42, 36):
        font = ImageFont.load_default(size=size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    lines[-1] = lines[-1].rstrip(".,;: ") + "..."  # the bundled font has no ellipsis glyph
    return font, lines


def card(claim: Claim, site_name: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    colour = VERDICT_COLOURS.get(claim.verdict.id, "#4b5563")
    draw.rectangle((0, 0, 24, HEIGHT), fill=colour)

    small = ImageFont.load_default(size=30)
    draw.text((MARGIN, 50), site_name, font=small, fill=MUTED)

    font, lines = _fit(draw, f"“{claim.claim}”", WIDTH - 2 * MARGIN, 5)
    line_height = int(font.size * 1.25)
    y = 120
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=INK)
        y += line_height
    draw.text((MARGIN, y + 10), f"Claim by {claim.claimant}", font=small, fill=MUTED)

    badge_font = ImageFont.load_default(size=48)
    label = f"Verdict: {claim.verdict.label}"
    box = draw.textbbox((0, 0), label, font=badge_font)
    top = HEIGHT - 70 - (box[3] - box[1]) - 30
    draw.rounded_rectangle((MARGIN, top, MARGIN + box[2] + 40, HEIGHT - 70), radius=10, fill=colour)
    draw.text((MARGIN + 20, top + 15 - box[1]), label, font=badge_font, fill=PAPER)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


CARD_VERSION = "1"  # bump when the drawing changes, so cached cards are redrawn
PARALLEL_FROM = 32  # below this many new cards a process pool costs more than it saves


def _key(claim: Claim, site_name: str) -> str:
    parts = (CARD_VERSION, site_name, claim.claim, claim.claimant, claim.verdict.id, claim.verdict.label)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _draw(job: tuple[Claim, str, Path]) -> None:
    claim, site_name, target = job
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(card(claim, site_name))


def write_cards(jobs: list[tuple[Claim, Path]], site_name: str, cache: Path | None = None) -> None:
    """Write each claim's card to its path. Drawings are reused from ``cache`` when the same
    content was drawn before; new ones are drawn on every core when there are many."""
    if cache is None:
        todo = [(claim, site_name, path) for claim, path in jobs]
    else:
        cache.mkdir(parents=True, exist_ok=True)
        cached = {claim.slug: cache / f"{_key(claim, site_name)}.png" for claim, _ in jobs}
        todo = list({cached[c.slug]: (c, site_name, cached[c.slug]) for c, _ in jobs if not cached[c.slug].exists()}.values())
    if len(todo) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor() as pool:
            list(pool.map(_draw, todo, chunksize=16))
    else:
        for job in todo:
            _draw(job)
    if cache is not None:
        for claim, path in jobs:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached[claim.slug], path)
