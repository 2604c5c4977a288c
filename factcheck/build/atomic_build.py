"""Building the site atomically: Pelican and Pagefind write into a fresh folder beside the
output, which replaces the output only when everything succeeded."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from factcheck.base.escaping import one_line
from factcheck.build.staging import describe_os_error, disk_full, remove_tree, staging_folder
from factcheck.rules.problems import ValidationFailed, display_path
from factcheck.site.search_index import UnexpectedIndex, stabilize


class BuildFailed(Exception):
    pass


class _LogCollector(logging.Handler):
    """Prints Pelican's and the plugin's warnings and errors, and counts the errors."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(logging.WARNING)
        self.stream = stream or sys.stderr
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)
        label = "" if record.name.startswith("factcheck") else f"{record.levelname.lower()}: "
        print(one_line(f"{label}{message}"), file=self.stream)


def run_pelican(settings: dict[str, Any], output: Path, stream: TextIO | None = None) -> _LogCollector:
    """Run Pelican in-process into ``output``; the collector holds what it logged."""
    from pelican import Pelican
    from pelican.log import console

    collector = _LogCollector(stream)
    root = logging.getLogger()
    root.addHandler(collector)
    old_level = root.level
    root.setLevel(logging.WARNING)
    console.quiet = True  # its "Processed 0 articles" line counts blog posts, which we have none of
    try:
        Pelican(dict(settings, OUTPUT_PATH=str(output))).run()
    finally:
        console.quiet = False
        root.removeHandler(collector)
        root.setLevel(old_level)
    return collector


def describe_failure(exc: BaseException) -> str:
    """``template:line: message`` for an exception raised while rendering, where a template is
    to blame; otherwise the exception's own words."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".j2"))]
    where = f"{display_path(frames[-1].filename)}:{frames[-1].lineno}: " if frames else ""
    return f"{where}{type(exc).__name__}: {exc}"


def pagefind_executable() -> str:
    from pagefind_bin import get_executable

    return str(get_executable())


ARCHIVE_TEXT = "[data-archive-text]"  # how the source template marks a source's archived text
ARCHIVE_BUNDLE = "pagefind-archive"


def _pagefind(site_dir: Path, *options: str) -> None:
    result = subprocess.run([pagefind_executable(), "--site", str(site_dir), *options], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildFailed(f"pagefind failed:\n{result.stdout}{result.stderr}")


def run_pagefind(site_dir: Path, source_pages: str | None = None, site_pages: str | None = None) -> None:
    """Two indexes. The site search covers claims and pages, and sources by their titles;
    the archived texts, long and many, get an index of their own (``source_pages`` is the
    glob of their files), searched from the sources page. Built one after the other, the
    two never hold memory at the same time, and readers looking for a fact-check never
    download the archive's index. ``site_pages`` is the glob of the pages the site
    search covers: Pagefind then never reads the thousands of list pages of a big site."""
    _pagefind(site_dir, "--exclude-selectors", ARCHIVE_TEXT, *(("--glob", site_pages) if site_pages else ()))
    bundles = [site_dir / "pagefind"]
    if source_pages:
        _pagefind(site_dir, "--glob", source_pages, "--output-subdir", ARCHIVE_BUNDLE)
        bundles.append(site_dir / ARCHIVE_BUNDLE)
    for bundle in bundles:
        try:
            stabilize(bundle)
        except (OSError, ValueError, UnexpectedIndex) as exc:
            raise BuildFailed(f"cannot make the search index reproducible: {exc}") from exc


def source_pages_glob(settings: dict[str, Any], site_dir: Path | None = None) -> str | None:
    """The source pages, whose archived texts have an index of their own; None where the
    built site in ``site_dir`` has none (a new site has no sources yet)."""
    sources = settings.get("SOURCE_SAVE_AS", "")
    pattern = sources.format(slug="*") if "{slug}" in sources else None
    if pattern and site_dir is not None and not any(site_dir.glob(pattern)):
        return None
    return pattern


def searched_pages(settings: dict[str, Any]) -> str | None:
    """A glob of the pages the site search indexes: claims, sources and editorial pages, the
    only ones marked ``data-pagefind-body``; None (every page) if a setting hides where."""
    patterns = [settings.get(name, "") for name in ("CLAIM_SAVE_AS", "SOURCE_SAVE_AS", "PAGE_SAVE_AS")]
    if not all("{slug}" in p and "{" not in p.replace("{slug}", "") for p in patterns):
        return None
    return "{" + ",".join(dict.fromkeys(p.format(slug="*") for p in patterns)) + "}"


def index_site(settings: dict[str, Any], site_dir: Path) -> None:
    """The search indexes of a built site: the site's, and the archived texts' own where
    there are sources."""
    run_pagefind(site_dir, source_pages_glob(settings, site_dir), searched_pages(settings))


def index_in_place(site_dir: Path, source_pages: str | None, site_pages: str | None = None, *,
                   archive: bool = True) -> None:
    """Index a site while it is being served: each index is built beside the one in use and
    swapped in when it is complete (``archive``: the archived texts' index too)."""
    site_options = ("--exclude-selectors", ARCHIVE_TEXT, *(("--glob", site_pages) if site_pages else ()))
    jobs = [("pagefind", site_options)]
    if source_pages and archive:
        jobs.append((ARCHIVE_BUNDLE, ("--glob", source_pages)))
    for name, options in jobs:
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-new-", dir=site_dir))
        try:
            _pagefind(site_dir, *options, "--output-path", str(staging))
            stabilize(staging)
            os.chmod(staging, 0o755)
            replace_dir(staging, site_dir / name)
        except (OSError, ValueError, UnexpectedIndex) as exc:
            raise BuildFailed(f"cannot index the site: {exc}") from exc
        finally:
            if staging.exists():
                remove_tree(staging)


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, removing the old one only after the new is in place."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)  # put the old site back
        raise
    if old is not None:
        remove_tree(old)


def build_site(settings: dict[str, Any], output: Path, *, search: bool = True, stream: TextIO | None = None) -> _LogCollector:
    """Build into a temporary folder, index it, then swap it in. Raise ``BuildFailed`` (or
    ``ValidationFailed``) on any error, leaving ``output`` exactly as it was."""
    output = output.resolve()
    try:
        with staging_folder(output) as staging:
            try:
                collector = _build_into(staging, settings, search, stream)
            except BuildFailed as failure:
                if disk_full(staging):  # whatever the tool that failed made of it
                    raise BuildFailed(f"the disk is full (no space left on the device that holds {display_path(str(output.parent))}); {failure}") from failure
                raise
            os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
            replace_dir(staging, output)
            return collector
    except OSError as exc:  # making the staging folder, writing, swapping it in
        raise BuildFailed(describe_os_error(exc, output.parent)) from exc


def _build_into(staging: Path, settings: dict[str, Any], search: bool, stream: TextIO | None) -> _LogCollector:
    try:
        # Pelican's own run would index too; here the index waits until nothing failed.
        collector = run_pelican(dict(settings, FACTCHECK_SEARCH_INDEX=False), staging, stream)
    except (ValidationFailed, BuildFailed, OSError):
        raise
    except Exception as exc:  # a theme or configuration fault: say where, not a traceback
        raise BuildFailed(describe_failure(exc)) from exc
    if collector.errors:
        raise BuildFailed(f"{len(collector.errors)} error(s) while rendering the site")
    if search:
        index_site(settings, staging)
    return collector
