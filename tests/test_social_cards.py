"""Social cards: small palette PNGs in the verdict's colour from the configured scale, drawn
once per content and reused from the cache by later builds."""

from __future__ import annotations

import dataclasses
import hashlib
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import build_project
from factcheck.model.verdicts import scale
from factcheck.outputs.cards import draw as social
from factcheck.outputs.cards.cache import CardSpec, drawing_version, write_cards
from factcheck.outputs.cards.colours import BadColour, contrast_with_white, verdict_colours, verdict_stylesheet
from factcheck.outputs.cards.palette_png import template
from fixture_site import default_claims, write_project

SITE = "Fact-check: Trump, Russia and the shared intelligence"
LONG_CLAIM = ("At no time were intelligence sources or methods discussed, and the president was not made aware of "
              "where this information came from. ") * 4
WIDE_TEXT = "WE WILL WIN SO MUCH, AND WE WILL WIN AGAIN, WINNING WITH MAXIMUM WORDS #MAGA @REALDONALDTRUMP " * 4


def png_chunks(data: bytes) -> dict[bytes, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = {}, 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind, body = data[offset + 4:offset + 8], data[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks[kind] = chunks.get(kind, b"") + body
        offset += 12 + length
    return chunks


def open_png(data: bytes) -> Image.Image:
    import io

    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# The theme's verdict colours on the default scale (badges and cards alike), chosen for white
# text at 4.5:1 or more; the accessibility sweeps check them on the pages.
THEME_COLOURS = {"true": "#17703a", "mostly-true": "#3f6212", "mixed": "#7a5a00", "misleading": "#9a4a00",
                 "mostly-false": "#b3261e", "false": "#8e1023", "unverifiable": "#4b5563"}


def test_a_card_is_a_small_16_colour_png_of_1200_by_630():
    data = social.card("At no time were intelligence sources or methods discussed.", "H.R. McMaster", "Misleading", "#9a4a00", SITE)
    image = open_png(data)
    assert image.format == "PNG" and image.size == (1200, 630) and image.mode == "P"
    assert len(data) <= 20_000
    assert len(image.getcolors()) == 16  # paper, five shades of ink, of grey, of white on the verdict, the verdict
    assert image.convert("RGB").getpixel((5, 300)) == (0x9a, 0x4a, 0x00)  # the stripe


@pytest.mark.parametrize(("claim", "claimant"), [(LONG_CLAIM, "A claimant with a very long name, title and affiliation " * 3),
                                             (WIDE_TEXT, WIDE_TEXT), ("x" * 600, "y" * 200)])
def test_long_and_dense_claims_stay_within_20_kb(claim, claimant):
    assert len(social.card(claim, claimant, "Mostly false", "#b3261e", SITE)) <= 20_000


def test_the_pieced_stream_is_one_valid_zlib_stream_with_the_right_pixels():
    """Shared rows compressed once plus one band per image: zlib verifies the checksum, and
    the pixels are the band drawn over the shared picture."""
    shared_picture = Image.linear_gradient("L").resize((300, 120)).point(lambda v: v // 16)
    band = Image.effect_noise((300, 40), 60).point(lambda v: v // 16)
    palette = bytes(range(48))
    shared = template(shared_picture, palette, 50, 90)
    canvas = shared.canvas()
    canvas.paste(band, shared.place(0, 50))
    data = shared.encode(canvas)
    raw = zlib.decompress(png_chunks(data)[b"IDAT"])  # raises on a broken stream or checksum
    assert len(raw) == 120 * (1 + 150)
    expected = shared_picture.copy()
    expected.paste(band, (0, 50))
    assert open_png(data).tobytes() == expected.tobytes()


def test_drawing_is_deterministic_and_shows_the_text():
    first = social.card("The claim", "Someone", "True", "#17703a", SITE)
    assert social.card("The claim", "Someone", "True", "#17703a", SITE) == first
    assert social.card("Another claim", "Someone", "True", "#17703a", SITE) != first
    assert social.card("The claim", "Someone else", "True", "#17703a", SITE) != first


def test_the_default_scale_keeps_the_theme_colours():
    assert verdict_colours(scale()) == THEME_COLOURS
    assert verdict_stylesheet(scale()) == "".join(f".verdict-{v} {{ --verdict: {c}; }}\n" for v, c in THEME_COLOURS.items())


def test_card_colours_follow_a_configured_scale():
    verdicts = scale([
        {"id": "correct", "label": "Correct", "meaning": "m", "rating": 3},
        {"id": "half", "label": "Half right", "meaning": "m", "rating": 2},
        {"id": "wrong", "label": "Wrong", "meaning": "m", "rating": 1, "colour": "#5B2A86"},
        {"id": "open", "label": "Open question", "meaning": "m"},
    ])
    colours = verdict_colours(verdicts)
    theme = THEME_COLOURS
    assert colours["correct"] == theme["true"]  # the best rating gets the theme's green
    assert colours["wrong"] == "#5b2a86"  # a colour the scale names is used as it is
    assert colours["open"] == theme["unverifiable"]
    assert colours["half"] not in theme.values() and contrast_with_white(tuple(int(colours["half"][i:i + 2], 16) for i in (1, 3, 5))) >= 4.5
    image = open_png(social.card("A claim", "Someone", "Wrong", colours["wrong"], SITE)).convert("RGB")
    assert image.getpixel((5, 5)) == (0x5b, 0x2a, 0x86)


@pytest.mark.parametrize(("colour", "message"), [("red", "must be written #rrggbb"), ("#ffee88", "contrast of 1.2:1")])
def test_an_unusable_verdict_colour_is_a_clear_error(colour, message):
    with pytest.raises(BadColour, match=message):
        verdict_colours(scale([{"id": "x", "label": "X", "meaning": "m", "rating": 1, "colour": colour}]))


def jobs(folder: Path, *claims: str) -> list[tuple[CardSpec, Path]]:
    return [(CardSpec(claim, "Someone", "True", "#17703a"), folder / f"{n}" / "card.png") for n, claim in enumerate(claims)]


def test_cards_are_reused_from_the_cache_and_unused_ones_pruned(tmp_path):
    cache = tmp_path / "cache"
    first = write_cards(jobs(tmp_path / "one", "A", "B", "C"), SITE, cache, prune=True)
    assert (first.drawn, first.reused) == (3, 0)
    assert len(list(cache.iterdir())) == 3
    again = write_cards(jobs(tmp_path / "two", "A", "B", "changed"), SITE, cache, prune=True)
    assert (again.drawn, again.reused) == (1, 2)
    assert sorted(p.read_bytes() for p in cache.iterdir()) == sorted(p.read_bytes() for p in (tmp_path / "two").rglob("card.png"))
    assert (tmp_path / "one" / "0" / "card.png").read_bytes() == (tmp_path / "two" / "0" / "card.png").read_bytes()
    # Another site name is other content: nothing is reused.
    assert write_cards(jobs(tmp_path / "three", "A"), "Another site", cache).drawn == 1


def test_a_link_in_the_cache_is_never_published_as_a_card(tmp_path):
    """The cache is restored between deploys and a pull request can commit into it: an entry
    named as a card but linking to a secret must not be linked or copied into the output."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=hunter2\n")
    cache = tmp_path / "cache"
    cache.mkdir()
    (card, target), = jobs(tmp_path / "out", "A")
    (cache / f"{card.key(SITE, drawing_version())}.png").symlink_to(secret)
    (cache / "unused.png").symlink_to(secret)
    count = write_cards([(card, target)], SITE, cache, prune=True)
    assert (count.drawn, count.reused) == (1, 0)
    assert not target.is_symlink() and open_png(target.read_bytes()).size == (1200, 630)
    assert not any(p.is_symlink() for p in cache.iterdir())
    assert secret.read_text() == "TOKEN=hunter2\n"


def test_a_build_never_writes_or_prunes_through_a_linked_cards_folder(tmp_path):
    """A committed ``.cache/cards`` link to a folder elsewhere: the build draws its cards
    without a cache, and prunes nothing there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("keep me")
    project = write_project(tmp_path / "p", default_claims()[:2], settings=CARDS)
    (project / ".cache").mkdir()
    (project / ".cache" / "cards").symlink_to(elsewhere)
    assert build_project(project, None, "--no-search") == 0
    assert sorted(p.name for p in elsewhere.iterdir()) == ["notes.txt"]
    assert open_png((project / "output" / "claims" / "claim-01" / "card.png").read_bytes()).size == (1200, 630)


def test_without_a_cache_every_card_is_drawn(tmp_path):
    count = write_cards(jobs(tmp_path, "A", "B"), SITE)
    assert (count.drawn, count.reused) == (2, 0)
    assert open_png((tmp_path / "1" / "card.png").read_bytes()).size == (1200, 630)


CARDS = "FACTCHECK_SOCIAL_CARDS = True\n"  # fixture projects leave them out unless asked


def test_a_build_reuses_cached_cards_and_redraws_an_edited_claim(tmp_path):
    project = write_project(tmp_path / "p", default_claims()[:4], settings=CARDS)
    assert build_project(project, None, "--no-search") == 0
    cache = project / ".cache" / "cards"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    card = project / "output" / "claims" / "claim-02" / "card.png"
    old_card = card.read_bytes()
    claim = project / "claims" / "claim-02.yaml"
    claim.write_text(claim.read_text().replace("Claim 2 said something checkable.", "Surely claim 2 said something checkable."))
    assert build_project(project, None, "--no-search") == 0
    after = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(after) == len(before)  # the edited claim's old card is gone, its new one is there
    assert len(set(after) - set(before)) == 1
    assert all(after[name] == before[name] for name in set(after) & set(before))  # not redrawn
    assert card.read_bytes() != old_card


def test_redrawing_a_published_card_leaves_the_cached_one_as_it_was(tmp_path):
    """Published cards are links to cached ones: a new card for the same page must be a new
    file, never written into the old one (the preview redraws cards in place)."""
    cache = tmp_path / "cache"
    write_cards(jobs(tmp_path / "out", "Before"), SITE, cache)
    (old,) = cache.iterdir()
    before = old.read_bytes()
    write_cards(jobs(tmp_path / "out", "After"), SITE, cache)
    assert old.read_bytes() == before
    assert (tmp_path / "out" / "0" / "card.png").read_bytes() != before


def test_a_build_with_an_unreadable_verdict_colour_stops_and_says_why(tmp_path, capfd):
    project = write_project(tmp_path / "p", default_claims()[:4], settings=CARDS + 'from factcheck.model.verdicts import DEFAULT_VERDICTS\n'
                            'FACTCHECK_VERDICTS = [dict(v, colour="#ffee88") if v["id"] == "false" else v for v in DEFAULT_VERDICTS]\n')
    assert build_project(project, None, "--no-search") == 1
    err = capfd.readouterr().err
    assert "verdict 'false' (#ffee88) has a contrast of 1.2:1; choose a darker colour" in err
    assert "Traceback" not in err and not (project / "output").exists()


def test_badges_take_their_colours_from_the_configured_scale(tmp_path):
    """The stylesheet holds no verdict ids: a site's own verdict gets a badge colour, the one
    its card has, and each page links the colours as a file named by its content."""
    scale_setting = ('from factcheck.model.verdicts import DEFAULT_VERDICTS\n'
                     'FACTCHECK_VERDICTS = [*DEFAULT_VERDICTS, {"id": "pants-on-fire", "label": "Pants on fire", '
                     '"meaning": "not only false but ridiculous", "rating": 0, "colour": "#5b1a8a"}]\n'
                     'FACTCHECK_SOCIAL_CARDS = False\n')
    claims = default_claims()[:3]
    claims[0] = dataclasses.replace(claims[0], verdict="pants-on-fire")
    project = write_project(tmp_path / "p", claims, settings=scale_setting)
    assert build_project(project, None, "--no-search") == 0
    output = project / "output"
    css = (output / "theme" / "css" / "verdicts.css").read_text()
    assert ".verdict-pants-on-fire { --verdict: #5b1a8a; }" in css
    assert ".verdict-true { --verdict: #17703a; }" in css  # the default scale keeps the theme's colours
    assert "pants-on-fire" not in (output / "theme" / "css" / "site.css").read_text()
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    page = (output / "claims" / claims[0].slug / "index.html").read_text()
    assert f'href="/theme/css/verdicts.css?v={digest}"' in page
    assert 'class="verdict verdict-pants-on-fire"' in page
