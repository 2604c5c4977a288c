"""Verdict colours: the badges' (``verdict_stylesheet``, a small stylesheet written with the
site) and the social cards'.

A verdict in ``FACTCHECK_VERDICTS`` may name its colour (``"colour": "#17703a"``). Otherwise
its colour comes from its place on the scale: the best rating gets the theme's green, the
worst its red, the steps between the theme's colours between; an unrated verdict is grey.
On the default scale this gives exactly the theme's badge colours. White text must stay
readable on every colour (4.5:1), so a colour that is too light is an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.model.verdicts import Verdict

# The theme's verdict colours from the worst rating to the best, and for unrated verdicts.
RAMP = ("#8e1023", "#b3261e", "#9a4a00", "#7a5a00", "#3f6212", "#17703a")
UNRATED = "#4b5563"
MIN_CONTRAST = 4.5  # white text on the colour, WCAG AA
_HEX = re.compile(r"#[0-9a-fA-F]{6}\Z")

RGB = tuple[int, int, int]


class BadColour(ValueError):
    pass


def rgb(colour: str) -> RGB:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def hex_colour(value: RGB) -> str:
    return "#" + "".join(f"{c:02x}" for c in value)


def _luminance(value: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = map(channel, value)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(value: RGB) -> float:
    return 1.05 / (_luminance(value) + 0.05)


def _along_ramp(position: float) -> RGB:
    """The colour at ``position`` (0 worst … 1 best) along the theme's ramp."""
    scaled = position * (len(RAMP) - 1)
    low = min(int(scaled), len(RAMP) - 2)
    t = scaled - low
    a, b = rgb(RAMP[low]), rgb(RAMP[low + 1])
    mixed: RGB = (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))
    while contrast_with_white(mixed) < MIN_CONTRAST:  # a blend of two dark colours may be lighter
        mixed = (max(0, mixed[0] - 8), max(0, mixed[1] - 8), max(0, mixed[2] - 8))
    return mixed


def verdict_colours(verdicts: Sequence[Verdict]) -> dict[str, str]:
    """Each verdict id's colour as ``#rrggbb``; raise ``BadColour`` for an unusable one."""
    ratings = sorted({v.rating for v in verdicts if v.rating is not None})
    colours = {}
    for verdict in verdicts:
        given = verdict.colour
        if given:
            if not isinstance(given, str) or not _HEX.match(given):
                raise BadColour(f"FACTCHECK_VERDICTS: the colour of verdict '{verdict.id}' must be written #rrggbb, got {given!r}")
            ratio = contrast_with_white(rgb(given))
            if ratio < MIN_CONTRAST:
                raise BadColour(f"FACTCHECK_VERDICTS: white text on the colour of verdict '{verdict.id}' ({given}) has a contrast of "
                                f"{ratio:.1f}:1; choose a darker colour (at least {MIN_CONTRAST}:1)")
            colours[verdict.id] = given.lower()
        elif verdict.rating is None:
            colours[verdict.id] = UNRATED
        else:
            place = ratings.index(verdict.rating) / (len(ratings) - 1) if len(ratings) > 1 else 0.5
            colours[verdict.id] = hex_colour(_along_ramp(place))
    return colours


def verdict_stylesheet(verdicts: Sequence[Verdict]) -> str:
    """The badge colour of every verdict of the scale, as the theme's stylesheet reads it
    (``--verdict``); raise ``BadColour`` for an unusable one."""
    return "".join(f".verdict-{verdict_id} {{ --verdict: {colour}; }}\n" for verdict_id, colour in verdict_colours(verdicts).items())
