"""Files that come with the package: the theme, and the reference site's own files that
``factcheck init`` gives every new site (its deployment and pull-request set-up).

Their sources stay where this repository keeps them (``themes/factcheck/``, the repository's
top level); pyproject.toml maps them into the wheel as ``factcheck/theme/`` and
``factcheck/reference_site/``. An installed package finds them there; a source checkout
(an editable install) reads them where they are kept.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _packaged(name: str, source: str) -> Path:
    installed = _HERE / name
    return installed if installed.is_dir() else (_HERE.parent / source).resolve()


# Pelican's THEME for every site: templates/ and static/ (css, js).
THEME = str(_packaged("theme", "themes/factcheck"))
# The reference site's netlify.toml, .github/, .gitignore, CONTRIBUTING.md and pelican.conf.py.
REFERENCE_SITE = _packaged("reference_site", ".")
