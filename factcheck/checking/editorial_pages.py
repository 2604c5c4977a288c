"""Editorial pages (Pelican's pages, ``content/pages/``). ``factcheck init`` writes them as
generic text with ``[EDIT THIS: …]`` markers where a site must say something of its own; a
marker still there is a warning, so that no site is published with one by oversight."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck.project.settings import project_path
from factcheck.rules.catalogue import FC060
from factcheck.rules.problems import Position, Problem

MARKER = "[EDIT THIS:"


def page_folders(settings: dict[str, Any]) -> list[Path]:
    """Pelican's PAGE_PATHS, inside its PATH."""
    content = project_path({"PATH": "content", **settings}, "PATH")
    return [content / folder for folder in settings.get("PAGE_PATHS") or ["pages"]]


def unedited_markers(settings: dict[str, Any]) -> list[Problem]:
    """An FC060 warning at each ``[EDIT THIS: …]`` left in an editorial page."""
    problems = []
    for folder in page_folders(settings):
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
            text = path.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), 1):
                column = line.find(MARKER)
                if column >= 0:
                    problems.append(FC060.at(Position(str(path), number, column + 1)))
    return problems
