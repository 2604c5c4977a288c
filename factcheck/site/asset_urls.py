"""Theme asset URLs carrying a hash of the file's content, so they can be cached forever:
a changed file gets a new URL."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def _hash(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def content_hash(path: Path) -> str:
    """Cached per version of the file, so a preview that rebuilds after an edit links anew."""
    stat = path.stat()
    return _hash(path, stat.st_mtime_ns, stat.st_size)


def static_file(theme: str | Path, settings: dict, name: str) -> Path:
    """The file Pelican publishes as ``theme/<name>``. It copies each of THEME_STATIC_PATHS
    in turn, so the last one holding the file wins: a site's own overrides come last."""
    for folder in reversed(settings.get("THEME_STATIC_PATHS") or ["static"]):
        candidate = Path(theme) / folder / name  # an absolute folder stays as it is
        if candidate.is_file():
            return candidate
    return Path(theme) / "static" / name


def static_url(theme: str | Path, settings: dict, name: str) -> str:
    """URL of ``name`` (e.g. ``css/site.css``) among the theme's static files, with its hash."""
    digest = content_hash(static_file(theme, settings, name))
    return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{name}?v={digest}"
