"""The search index: Pagefind run over a built site, and its filter index made byte-for-byte
reproducible.

Pagefind writes each filter's values in hash-map order, which changes from run to run (its
maintainers note this; the content-addressed fragments are already stable). Two builds of
the same site must be identical, so the filters and their values are sorted here and the files renamed by
their content hash, with the references to them updated.

Each index file is gzip of ``pagefind_dcd`` followed by CBOR. The metadata file is a list
whose fourth item is the filters as ``[name, file hash]`` pairs; a filter file is
``[name, [[value, [page, ...]], ...]]``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cbor2

from factcheck.site.failures import BuildFailed

MAGIC = b"pagefind_dcd"
_FILTERS = 3  # position of the filter list in the metadata file


class UnexpectedIndex(Exception):
    pass


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise UnexpectedIndex(f"{path.name} is not a Pagefind index file")
    return cbor2.loads(raw[len(MAGIC):])


def _write(data: Any, folder: Path, language: str, digits: int, prefix: str, suffix: str) -> str:
    """Write ``data`` under a name made from its content; return the name's hash part."""
    raw = MAGIC + cbor2.dumps(data)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(raw, mtime=0))
    return name


def _replace(old: Path, new_name: str) -> None:
    if old.name != new_name:
        old.unlink()


def stabilize(bundle: Path) -> None:
    """Rewrite the filter files and metadata in a Pagefind bundle folder in a stable order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > _FILTERS and isinstance(meta[_FILTERS], list)):
            raise UnexpectedIndex(f"unexpected layout of {meta_path.name}")
        for pair in meta[_FILTERS]:
            _name, file_hash = pair
            filter_path = bundle / "filter" / f"{file_hash}.pf_filter"
            data = _read(filter_path)
            data[1].sort(key=lambda value: value[0])
            pair[1] = _write(data, filter_path.parent, language, 7, "", ".pf_filter")
            _replace(filter_path, f"{pair[1]}.pf_filter")
        meta[_FILTERS].sort(key=lambda pair: pair[0])
        info["hash"] = _write(meta, bundle, language, 10, "pagefind.", ".pf_meta")
        _replace(meta_path, f"pagefind.{info['hash']}.pf_meta")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def pagefind_executable() -> str:
    from pagefind_bin import get_executable

    return str(get_executable())


ARCHIVE_TEXT = "[data-archive-text]"  # how the source template marks a source's archived text
ARCHIVE_BUNDLE = "pagefind-archive"


class _Pagefind:
    """One Pagefind run, started; what it prints goes to a file, so that two can run at once
    without either blocking on a full pipe."""

    def __init__(self, site_dir: Path, options: Sequence[str]) -> None:
        self.output = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by finish)
        self.process = subprocess.Popen([pagefind_executable(), "--site", str(site_dir), *options],
                                        stdout=self.output, stderr=subprocess.STDOUT)

    def finish(self) -> None:
        try:
            if self.process.wait() != 0:
                self.output.seek(0)
                raise BuildFailed(f"pagefind failed:\n{self.output.read()}")
        finally:
            self.output.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.output.close()


def index_jobs(source_pages: str | None, site_pages: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """Each index a site has, as (its folder in the site, Pagefind's options but the output
    folder): the site search, and the archived texts' where there are sources."""
    jobs = [("pagefind", ("--exclude-selectors", ARCHIVE_TEXT, *(("--glob", site_pages) if site_pages else ())))]
    if source_pages:
        jobs.append((ARCHIVE_BUNDLE, ("--glob", source_pages)))
    return jobs


def pagefind(site_dir: Path, *options: str) -> None:
    _Pagefind(site_dir, options).finish()


def run_pagefind(site_dir: Path, source_pages: str | None = None, site_pages: str | None = None) -> None:
    """Two indexes. The site search covers claims and pages, and sources by their titles;
    the archived texts, long and many, get an index of their own (``source_pages`` is the
    glob of their files), searched from the sources page, so that readers looking for a
    fact-check never download the archive's index. ``site_pages`` is the glob of the pages
    the site search covers: Pagefind then never reads the thousands of list pages of a big
    site. The two run side by side: the site index keeps little more than one core busy,
    and the archive's finishes well within it (at 10,000 claims, 1.3 GB and 0.5 GB at most)."""
    jobs = [(site_dir / name, options) for name, options in index_jobs(source_pages, site_pages)]
    running: list[_Pagefind] = []
    try:
        for bundle, options in jobs:
            running.append(_Pagefind(site_dir, (*options, "--output-subdir", bundle.name)))
        for run in running:
            run.finish()
    finally:
        for run in running:  # one failed: the other is not left running
            run.stop()
    for bundle, _options in jobs:
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
