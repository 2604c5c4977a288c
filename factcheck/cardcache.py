"""Every claim's social card, drawn only when its content is new.

A card is stored in the cache folder under a hash of everything it shows (claim, claimant,
verdict label and colour, site name) and of the code and Pillow that draw it, so a changed
claim or a new version of the drawing gets a new card and an unchanged one is reused as it
is. Cards reach the output as hard links to the cache (a copy where the two folders are on
different file systems). After a full build the cache holds only the cards that build used.
New cards are drawn on every core.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import social
from .forking import forked_map, inherited, worth_forking
from .model import Claim

PARALLEL_FROM = 64  # new cards; below this, starting worker processes costs more than it saves
_DRAWING_MODULES = ("social.py", "glyphs.py", "palettepng.py", "cardcolours.py")


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


def _write_atomically(path: Path, data: bytes) -> None:
    """Never a half-written card, in the cache or the output, even if the build is stopped.
    (File operations are a good part of a card's cost: no more of them than needed.)"""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        out = open(temporary, "wb")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = open(temporary, "wb")
    with out:
        out.write(data)
    os.replace(temporary, path)


def _draw_chunk(jobs: Sequence[tuple[CardSpec, str]]) -> None:
    site_name = inherited("site_name")
    for card, path in jobs:
        _write_atomically(Path(path), social.card(card.claim, card.claimant, card.label, card.colour, site_name))


def _draw_all(jobs: list[tuple[CardSpec, str]], site_name: str) -> None:
    if worth_forking(len(jobs), PARALLEL_FROM):
        for _ in forked_map(_draw_chunk, jobs, chunk_size=max(16, len(jobs) // 64), site_name=site_name):
            pass
    else:
        for card, path in jobs:
            _write_atomically(Path(path), social.card(card.claim, card.claimant, card.label, card.colour, site_name))


def _link(cached: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    try:
        os.link(cached, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)


def write_cards(jobs: list[tuple[CardSpec, Path]], site_name: str, cache: Path | None = None, *, prune: bool = False) -> CardCount:
    """Write each card to its path. With a ``cache`` folder, cards drawn before for the same
    content are reused; ``prune`` (after a full build) removes the cards no job used."""
    if cache is None:
        _draw_all([(card, str(path)) for card, path in jobs], site_name)
        return CardCount(drawn=len(jobs))
    cache.mkdir(parents=True, exist_ok=True)
    version = drawing_version()
    cached = [cache / f"{card.key(site_name, version)}.png" for card, _ in jobs]
    todo = {str(path): card for (card, _), path in zip(jobs, cached) if not path.exists()}
    _draw_all([(card, path) for path, card in todo.items()], site_name)
    for path, (_, target) in zip(cached, jobs):
        _link(path, target)
    if prune:
        used = {path.name for path in cached}
        for entry in os.scandir(cache):
            if entry.name not in used and entry.is_file():
                os.unlink(entry.path)
    return CardCount(drawn=len(todo), reused=len(jobs) - len(todo))
