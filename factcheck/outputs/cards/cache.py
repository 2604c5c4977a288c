"""Every claim's social card, drawn only when its content is new.

A card is stored in the cache folder under a hash of everything it shows (claim, claimant,
verdict label and colour, site name) and of the code and Pillow that draw it, so a changed
claim or a new version of the drawing gets a new card and an unchanged one is reused as it
is. A new card is written where it is published and linked into the cache; a cached one
is linked into the output (copied where the two folders are on different file systems). After a full build the cache holds only the cards that build used.
New cards are drawn on every core.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.base.parallel import parallel_map
from factcheck.model.claims import Claim
from factcheck.outputs.cards import draw as social

PARALLEL_CARDS = 64  # new cards; below this, starting worker processes costs more than it saves
_DRAWING_MODULES = ("draw.py", "glyphs.py", "palette_png.py", "colours.py")  # beside this module


def drawing_version() -> str:
    """Changes whenever the code or the Pillow that draws cards changes."""
    import PIL

    digest = hashlib.sha256(PIL.__version__.encode())
    for name in _DRAWING_MODULES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class CardSpec:
    """What one card shows."""

    claim: str
    claimant: str
    label: str
    colour: str

    def key(self, site_name: str, version: str) -> str:
        parts = (version, site_name, self.claim, self.claimant, self.label, self.colour)
        return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass
class CardCount:
    drawn: int = 0
    reused: int = 0


def spec(claim: Claim, colours: dict[str, str]) -> CardSpec:
    return CardSpec(claim.claim, claim.claimant, claim.verdict.label, colours[claim.verdict.id])


def _create(path: Path, data: bytes) -> None:
    """A new file, never written into an existing one: that may be a link to a cached card."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    try:
        out = path.open("xb")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = path.open("xb")
    with out:
        out.write(data)


def _draw(card: CardSpec, target: Path, cached: Path | None, site_name: str) -> None:
    """Draw a card where it is published, then give it its name in the cache. A link
    appears whole, so a stopped build never leaves half a card in the cache; and it costs
    fewer file operations than a second copy (they are a good part of a card's cost)."""
    data = social.card(card.claim, card.claimant, card.label, card.colour, site_name)
    _create(target, data)
    if cached is not None:
        try:
            os.link(target, cached)
        except FileExistsError:
            pass  # drawn meanwhile, for the same content
        except OSError:  # another file system, or links not allowed
            temporary = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            _create(temporary, data)
            os.replace(temporary, cached)


def _draw_chunk(site_name: str, jobs: Sequence[tuple[CardSpec, Path, Path | None]]) -> None:
    for card, target, cached in jobs:
        _draw(card, target, cached, site_name)


def _draw_all(jobs: list[tuple[CardSpec, Path, Path | None]], site_name: str) -> None:
    parallel_map(_draw_chunk, jobs, site_name, min_items=PARALLEL_CARDS, chunk_size=max(16, len(jobs) // 64))


def _link(cached: Path, target: Path) -> None:
    try:
        os.link(cached, target)
        return
    except FileExistsError:
        target.unlink()
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # another file system, or links not allowed
        _create(target, cached.read_bytes())
        return
    os.link(cached, target)


def write_cards(jobs: list[tuple[CardSpec, Path]], site_name: str, cache: Path | None = None, *, prune: bool = False) -> CardCount:
    """Write each card to its path. With a ``cache`` folder, cards drawn before for the same
    content are reused; ``prune`` (after a full build) removes the cards no job used."""
    if cache is None:
        _draw_all([(card, path, None) for card, path in jobs], site_name)
        return CardCount(drawn=len(jobs))
    cache.mkdir(parents=True, exist_ok=True)
    version = drawing_version()
    present = set()
    for entry in os.scandir(cache):
        # Only a regular file is a card. The cache is restored between deploys and a pull request
        # can commit into it: a link there (to a secret, say), linked into the output, would
        # publish what it points to.
        if entry.is_file(follow_symlinks=False):
            present.add(entry.name)
        elif not entry.is_dir(follow_symlinks=False):
            os.unlink(entry.path)
    names = [f"{card.key(site_name, version)}.png" for card, _ in jobs]
    todo = {name: (card, target, cache / name) for name, (card, target) in zip(names, jobs, strict=False) if name not in present}
    _draw_all(list(todo.values()), site_name)
    drawn = {target for _, target, _ in todo.values()}
    for name, (_, target) in zip(names, jobs, strict=False):
        if target not in drawn:  # a card drawn by this build is in place already
            _link(cache / name, target)
    if prune:
        used = set(names)
        for entry in os.scandir(cache):
            if entry.name not in used and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
    return CardCount(drawn=len(todo), reused=len(jobs) - len(todo))
