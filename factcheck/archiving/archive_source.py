"""``factcheck archive SOURCE --id ID``: a web page becomes an archived source text.

SOURCE is a saved HTML file or an http(s) address. The command writes
``<sources>/<ID>.txt`` (front matter, then the article one paragraph a line) and keeps the
page's raw bytes beside it as ``<ID>.html.snapshot``, whose SHA-256 the front matter
records. Anything wrong stops it before a byte is written.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.archiving.extract_article import Extraction, ExtractionFailed, extract
from factcheck.archiving.fetch_page import MAX_BYTES, FetchedPage, FetchFailed, fetch_page
from factcheck.archiving.page_metadata import page_date, web_address
from factcheck.archiving.web_page import NotAPage, clean_text
from factcheck.reading.field_table import SLUG_PATTERN
from factcheck.reading.snapshots import sha256_hex, snapshot_path
from factcheck.reading.source_files import read_source
from factcheck.rules.problems import Problems, display_path

FRONT_MATTER_ORDER = ("title", "publisher", "author", "published", "url", "retrieved", "sha256", "description")
TEXT_FIELDS = {"title": 300, "publisher": 200, "author": 200, "description": 1000}
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class ArchiveFailed(Exception):
    """Bad input: the message is the one line the contributor sees."""


@dataclass
class ArchiveRequest:
    source: str  # a file path or an http(s) URL
    source_id: str | None
    sources_dir: Path
    force: bool = False
    keep: tuple[str, ...] = ()
    encoding: str | None = None
    dry_run: bool = False
    local_network: bool = False  # the address may be on this machine or a private network
    overrides: dict[str, str | None] = field(default_factory=dict)  # front-matter fields given as flags


@dataclass
class ArchiveResult:
    text_path: Path
    snapshot_path: Path
    front_matter: dict[str, Any]
    extraction: Extraction
    snapshot_bytes: int
    found_in: dict[str, str]  # field -> where its value came from
    written: bool


def _check_id(source_id: str | None, sources_dir: Path, force: bool) -> tuple[Path, Path]:
    if not source_id:
        raise ArchiveFailed("--id is required: the source's id, lowercase words joined by hyphens (it names content/sources/<id>.txt)")
    if not SLUG_PATTERN.match(source_id):
        raise ArchiveFailed(f"--id {source_id!r} is not a valid id: use lowercase letters, digits and single hyphens, like washington-post")
    text_path = sources_dir / f"{source_id}.txt"
    snap = snapshot_path(text_path)
    if not force:
        for path in (text_path, snap):
            if os.path.lexists(path):
                raise ArchiveFailed(f"{display_path(str(path))} exists already; choose another --id, or pass --force to replace it")
    return text_path, snap


def _overrides(values: dict[str, str | None]) -> dict[str, object]:
    """Flag values, checked like the front matter they become."""
    checked: dict[str, object] = {}
    for name, raw in values.items():
        if raw is None:
            continue
        if name in ("published", "retrieved"):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()) or page_date(raw) is None:
                raise ArchiveFailed(f"--{name} {raw!r} must be a real date, YYYY-MM-DD, no later than today")
            checked[name] = page_date(raw)
        elif name == "url":
            address = web_address(raw)
            if address is None:
                raise ArchiveFailed(f"--url {raw!r} must be an http:// or https:// address")
            checked[name] = address
        else:
            text = clean_text(raw)
            if not text:
                raise ArchiveFailed(f"--{name} is empty")
            if len(text) > TEXT_FIELDS[name]:
                raise ArchiveFailed(f"--{name} is longer than {TEXT_FIELDS[name]} characters")
            checked[name] = text
    return checked


def _read_file(path_text: str) -> bytes:
    path = Path(path_text)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ArchiveFailed(f"{path_text}: {exc.strerror.lower() if exc.strerror else 'cannot be read'}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ArchiveFailed(f"{path_text}: not a file")
    if info.st_size > MAX_BYTES:
        raise ArchiveFailed(f"{path_text}: {info.st_size:,} bytes, more than the {MAX_BYTES:,} a page may have")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArchiveFailed(f"{path_text}: {exc.strerror or 'cannot be read'}") from None
    if not data.strip():
        raise ArchiveFailed(f"{path_text}: the file is empty")
    return data


def _carried_over(text_path: Path, digest: str) -> dict[str, object]:
    """Re-extracting the same snapshot (``--force``, e.g. to keep a dropped block) keeps the
    provenance the first run recorded: same bytes, same retrieval."""
    if not text_path.is_file():
        return {}
    source = read_source(text_path, Problems())
    if source is None or source.sha256 != digest:
        return {}
    return {k: v for k, v in (("url", source.url), ("retrieved", source.retrieved), ("description", source.description)) if v}


def front_matter_text(values: dict[str, Any]) -> str:
    """The front matter, written by PyYAML: a page's title can hold any character and still
    be one quoted scalar, never a second field or the end of the block."""
    ordered = {k: values[k] for k in FRONT_MATTER_ORDER if values.get(k) is not None}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000)


def _verify(text: str, source_id: str, snapshot: bytes) -> None:
    """Load the file about to be written with the loader itself, from a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="factcheck-archive-") as scratch:
        path = Path(scratch, f"{source_id}.txt")
        path.write_text(text, encoding="utf-8")
        snapshot_path(path).write_bytes(snapshot)
        problems = Problems()
        source = read_source(path, problems)
        if source is None or problems.errors or source.snapshot is None:
            first = problems.errors[0] if problems.errors else None
            raise ArchiveFailed(f"the archived text would not load ({first.code} {first.message})" if first
                                else "the archived text would not load")


def _write(text_path: Path, snap: Path, text: str, snapshot: bytes) -> None:
    """Both files, or neither: each is written in full under a temporary name first."""
    text_path.parent.mkdir(parents=True, exist_ok=True)
    temps = []
    try:
        for data in (snapshot, text.encode("utf-8")):
            fd, temp = tempfile.mkstemp(dir=text_path.parent, prefix=".archive-", suffix=".part")
            temps.append(temp)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        os.chmod(temps[0], 0o644)
        os.chmod(temps[1], 0o644)
        os.replace(temps[0], snap)
        os.replace(temps[1], text_path)
    except OSError as exc:
        raise ArchiveFailed(f"cannot write {display_path(str(text_path))}: {exc.strerror}") from None
    finally:
        for temp in temps:
            if os.path.exists(temp):
                os.unlink(temp)


def archive(request: ArchiveRequest, fetch: Callable[..., FetchedPage] = fetch_page) -> ArchiveResult:
    """Archive one page; raise ``ArchiveFailed`` (nothing written) on any bad input."""
    text_path, snap = _check_id(request.source_id, request.sources_dir, request.force)
    overrides = _overrides(request.overrides)
    found_in = {name: "--" + name for name in overrides}
    if re.match(r"(?i)https?://", request.source):
        try:
            page = fetch(request.source, local=request.local_network)
        except FetchFailed as exc:
            raise ArchiveFailed(str(exc)) from None
        data, http_charset, fetched_url = page.body, page.charset, page.final_url
        retrieved: dt.date | None = dt.date.today()
        label = request.source
    elif _URL_LIKE.match(request.source):
        raise ArchiveFailed(f"{request.source}: only http:// and https:// addresses (or a saved .html file) can be archived")
    else:
        data, http_charset, fetched_url, retrieved = _read_file(request.source), None, None, None
        label = request.source
    if not data.strip():
        raise ArchiveFailed(f"{label}: the page is empty")

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings are not the contributor's concern
    try:
        extraction = extract(data, http_charset=http_charset, encoding=request.encoding, fetched_url=fetched_url, keep=request.keep)
    except (NotAPage, ExtractionFailed) as exc:
        raise ArchiveFailed(f"{label}: {exc}") from None
    except Exception as exc:  # a hostile page may break a parser in ways no one foresaw: one line, not a traceback  # noqa: BLE001
        raise ArchiveFailed(f"{label}: the page could not be read ({exc.__class__.__name__})") from None

    digest = sha256_hex(data)
    meta = extraction.metadata
    values: dict[str, object] = {name: getattr(meta, name) for name in ("title", "publisher", "author", "published", "url")}
    found_in = {**meta.found_in, **found_in}
    if request.force:
        for name, value in _carried_over(text_path, digest).items():
            if name not in overrides:
                values[name], found_in[name] = value, "the earlier archiving of the same snapshot"
    values = {k: v for k, v in values.items() if v is not None}
    if retrieved is not None and "retrieved" not in values:
        values["retrieved"], found_in["retrieved"] = retrieved, "today"
    values.update(overrides)
    values["sha256"] = digest
    if not values.get("title"):
        raise ArchiveFailed(f"{label}: the page states no title (og:title, JSON-LD headline, <h1> or <title>); pass --title")

    text = "---\n" + front_matter_text(values) + "---\n" + extraction.text
    _verify(text, text_path.stem, data)
    if not request.dry_run:
        _write(text_path, snap, text, data)
    return ArchiveResult(text_path, snap, values, extraction, len(data), found_in, written=not request.dry_run)
