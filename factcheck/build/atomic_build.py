"""Building the site atomically: Pelican and Pagefind write into a fresh folder beside the
output, which replaces the output only when everything succeeded."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from factcheck.base.escaping import one_line
from factcheck.build.staging import describe_os_error, disk_full, remove_tree, staging_folder
from factcheck.rules.problems import ValidationFailed, display_path
from factcheck.rules.reporting import summary
from factcheck.site.failures import BuildFailed, describe_failure
from factcheck.site.search_index import UnexpectedIndex, index_jobs, index_site, pagefind, stabilize


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


def index_in_place(site_dir: Path, source_pages: str | None, site_pages: str | None = None, *,
                   archive: bool = True) -> None:
    """Index a site while it is being served: each index is built beside the one in use and
    swapped in when it is complete (``archive``: the archived texts' index too)."""
    for name, options in index_jobs(source_pages if archive else None, site_pages):
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-new-", dir=site_dir))
        try:
            pagefind(site_dir, *options, "--output-path", str(staging))
            stabilize(staging)
            os.chmod(staging, 0o755)  # noqa: S103 (a web server must read it)
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
            os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it  # noqa: S103
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


def build_and_report(settings: dict[str, Any], output: Path, *, search: bool = True) -> bool:
    """``build_site``, saying how it went: where the site is, or (on stderr) why ``output``
    was left as it was. Pelican and the plugin have logged each problem already."""
    where = display_path(str(output))
    try:
        build_site(settings, output, search=search)
    except ValidationFailed as failure:
        print(one_line(f"factcheck: {summary(failure.problems)}; {where}/ left as it was"), file=sys.stderr)
        return False
    except BuildFailed as failure:
        print(one_line(f"factcheck: {failure}; {where}/ left as it was"), file=sys.stderr)
        return False
    print(f"factcheck: site built in {where}/")
    return True
