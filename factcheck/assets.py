"""Theme asset URLs carrying a hash of the file's content, so they can be cached forever:
a changed file gets a new URL."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def static_url(theme: str | Path, settings: dict, name: str) -> str:
    """URL of ``name`` (e.g. ``css/site.css``) from the theme's static folder, with its hash."""
    digest = content_hash(Path(theme) / "static" / name)
    return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{name}?v={digest}"
