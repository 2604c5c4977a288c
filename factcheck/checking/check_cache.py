"""Remembering claim files that passed their checks, so that an unchanged one is not checked
again.

An entry is keyed by the claim file's path and bytes. It holds the claim's facets (what the
people and topics checks read), its warnings, and a hash of the text of every source it
names, and, once a build has checked the file, the whole claim (its quotes located); it is used
only while each of those sources has that same text and is still a valid source. The whole
cache belongs to one version of the checking code (a hash of this package's source), of
Python and of the verdict scale, and is emptied when any of them changes. A file with any
error is never stored, so the cache can only ever skip work that would pass again: a broken
or hostile file is checked, and fails, every time.

To find a file's key without reading it, the cache notes each file's size, times and inode
when it hashed it, as git's index does. The note is trusted only if the file had not
changed for two seconds before it was read (a change made while it was read could keep the
same times), and the change time, which no tool can set back, is part of it.

The cache is an SQLite database of plain data (JSON text, never code): a stopped run leaves
it as it was, and checking one changed file rewrites one row. ``factcheck check`` reads
only the entries' dependencies, warnings and facets, and stores no whole claim; a build
also reads the claims themselves, and checks again a file whose entry has none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.base.limits import MAX_CLAIM_BYTES
from factcheck.base.plain_data import Codec
from factcheck.base.safe_files import UnsafeFile, read_bytes
from factcheck.model.claims import Claim, ClaimFacets
from factcheck.model.sources import Source
from factcheck.model.verdicts import Verdict
from factcheck.reading.claim_files import slug_of
from factcheck.reading.field_table import SLUG_PATTERN
from factcheck.rules.problems import Position, Problem

FILE = "check.sqlite"
SETTLED_NS = 2_000_000_000  # a file unchanged this long before it was read may be known by its status
_TABLES = (
    "CREATE TABLE claims (key TEXT PRIMARY KEY, depends TEXT, several INTEGER, warnings TEXT, aliases TEXT, facets TEXT, claim TEXT)",
    "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER, key TEXT)",
)


def code_version() -> str:
    """A hash of every module of this package and of the Python running it."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_key(path: str, data: bytes) -> str:
    return hashlib.sha256(path.encode() + b"\0" + data).hexdigest()[:32]


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class Hit:
    """A claim file found unchanged: its warnings, its aliases, its facets, and the claim on request."""

    key: str
    path: str
    warnings: list[Problem]
    aliases: list[str]
    aliases_position: Position | None
    facets: ClaimFacets | None  # read for a check only: a build reads the whole claim


@dataclass(frozen=True)
class Record:
    """What the cache keeps of a claim file that passed; made where the claim was checked."""

    path: str
    key: str
    depends: str  # "source-id digest source-id digest …"
    several: bool  # more than one source on the site
    warnings: str | None  # JSON
    aliases: str | None  # JSON
    facets: str  # JSON
    claim: str | None  # JSON; only where a build checked the file


class Recorder:
    """Makes records of checked claims. It holds no database, so forked workers use it."""

    def __init__(self, verdicts: tuple[Verdict, ...]) -> None:
        by_id = {v.id: v for v in verdicts}
        self.codec = Codec({Verdict: (lambda v: v.id, by_id.__getitem__)})
        self._digests: dict[str, str] = {}

    def digest(self, source: Source) -> str:
        digest = self._digests.get(source.id)
        if digest is None:
            digest = self._digests[source.id] = text_digest(source.text)
        return digest

    def record(self, path: str, data: bytes, claim: Claim, warnings: list[Problem], sources: dict[str, Source], *, whole: bool) -> Record:
        """The record of a claim that passed; with ``whole``, the claim itself too (a build's)."""
        named = sorted({e.source for e in claim.evidence} | ({claim.appeared_in} if claim.appeared_in else set()))
        return Record(
            path, file_key(path, data),
            " ".join(f"{source_id} {self.digest(sources[source_id])}" for source_id in named),
            len(sources) > 1,
            json.dumps([[w.position.line, w.position.col, w.code, w.message] for w in warnings], ensure_ascii=False) if warnings else None,
            json.dumps([claim.aliases, list(claim.aliases_position[1:]) if claim.aliases_position else None]) if claim.aliases else None,
            facets_json(claim.facets()),
            json.dumps(self.codec.encode(Claim, claim), ensure_ascii=False, separators=(",", ":")) if whole else None,
        )


_FACET_POSITIONS = ("claimant", "claimant_kind", "tags")
_KINDS = ("person", "organization")  # claimant_kind's choices: anything else is not an entry this code wrote


def facets_json(facets: ClaimFacets) -> str:
    """The facets without what the entry's key already says (path, and so slug)."""
    at = {name: facets.positions[name][1:] for name in _FACET_POSITIONS if name in facets.positions}
    return json.dumps([facets.published.isoformat(), facets.claimant, facets.claimant_kind, facets.tags, at],
                      ensure_ascii=False, separators=(",", ":"))


def facets_from_json(path: str, text: str) -> ClaimFacets:
    """Facets read back, every value of the type it must have; ValueError if any is not
    (a cache restored from elsewhere is data to check, not to trust). Ten thousand are read
    after each edit, hence the plain loops."""
    published, claimant, kind, tags, at = json.loads(text)
    if kind not in _KINDS or type(claimant) is not str or type(tags) is not list or type(at) is not dict:
        raise ValueError("not the facets of a claim")
    for tag in tags:
        if type(tag) is not str:
            raise ValueError("not a tag")
    positions = {}
    for name, (line, col) in at.items():
        if name not in _FACET_POSITIONS or type(line) is not int or type(col) is not int:
            raise ValueError("not a position")
        positions[name] = Position(path, line, col)
    return ClaimFacets(slug_of(path), path, dt.date.fromisoformat(published), claimant, kind, tuple(tags), positions)


class CheckCache:
    def __init__(self, folder: Path, verdicts: tuple[Verdict, ...]) -> None:
        self.recorder = Recorder(verdicts)
        self.version = hashlib.sha256((code_version() + repr(verdicts)).encode()).hexdigest()[:32]
        self._db = _open(Path(folder) / FILE, self.version)
        self._entries: dict[str, tuple[Any, ...]] | None = None
        self._files: dict[str, tuple[Any, ...]] | None = None
        self.used: set[str] = set()
        self.seen: set[str] = set()
        self._new_files: list[tuple[Any, ...]] = []
        self._unread: dict[str, tuple[int, int, int, int]] = {}  # path → status, for files whose key a record will give
        self._new_claims: list[tuple[Any, ...]] = []

    @property
    def entries(self) -> dict[str, tuple[Any, ...]]:
        """key → (depends, several sources?, warnings, aliases, facets, whole claim stored?);
        depends is "source-id digest source-id digest …", warnings, aliases and facets JSON,
        or null. Read on first use (the whole claims only when asked for: see ``claims``)."""
        if self._entries is None:
            self._entries = {row[0]: row[1:] for row in self._db.execute(
                "SELECT key, depends, several, warnings, aliases, facets, claim IS NOT NULL FROM claims")}
        return self._entries

    @property
    def files(self) -> dict[str, tuple[Any, ...]]:
        """path → (size, modification time, change time, inode, key), as noted when hashed."""
        if self._files is None:
            self._files = {row[0]: row[1:] for row in self._db.execute("SELECT path, size, mtime, ctime, inode, key FROM files")}
        return self._files

    # -- a whole tree unchanged ------------------------------------------------------------
    def tree_signature(self, folders: list[str | Path]) -> str | None:
        """A hash of the status of everything in these folders or files (each file, link and folder,
        as it is, not what a link points to), or None if something changed too recently to
        vouch for it."""
        digest = hashlib.sha256(self.version.encode())
        settled = time.time_ns() - SETTLED_NS
        for folder in folders:
            if not os.path.isdir(folder):  # a single file, such as a registry, or none there
                try:
                    status = os.lstat(folder)
                except FileNotFoundError:
                    digest.update(f"{folder}\0missing\n".encode())
                    continue
                except OSError:
                    return None
                if status.st_ctime_ns >= settled:
                    return None
                digest.update(f"{folder}\0{status.st_mode}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ctime_ns}\0{status.st_ino}\n".encode())
                continue
            for here, subfolders, names in os.walk(folder):
                subfolders.sort()
                for name in sorted(subfolders + names):
                    path = os.path.join(here, name)
                    try:
                        status = os.lstat(path)
                    except OSError:
                        return None
                    if status.st_ctime_ns >= settled:
                        return None
                    digest.update(f"{path}\0{status.st_mode}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ctime_ns}\0{status.st_ino}\n".encode())
        return digest.hexdigest()

    def tree_result(self, signature: str) -> dict[str, Any] | None:
        """What the last run found, if it saw this very tree and every file passed."""
        try:
            row = self._db.execute("SELECT value FROM meta WHERE name = 'tree'").fetchone()
            found = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None
        return found["result"] if isinstance(found, dict) and found.get("signature") == signature else None

    def remember_tree(self, signature: str, result: dict[str, Any]) -> None:
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('tree', ?)", (json.dumps({"signature": signature, "result": result}, ensure_ascii=False),))
        except sqlite3.Error:
            pass

    # -- one file at a time ------------------------------------------------------------------
    def _content(self, path: str) -> tuple[str | None, bytes | None]:
        """The file's key, and its bytes if they had to be read (None, None if it is not a
        regular file that can be read: checking it will say why)."""
        try:
            status = os.lstat(path)
        except OSError:
            return None, None
        if not stat.S_ISREG(status.st_mode):
            return None, None
        noted = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
        known = self.files.get(path)
        if known is not None and known[:4] == noted:
            self.seen.add(path)
            return known[4], None
        data = read_claim_bytes(path)
        if data is None:
            return None, None
        key = file_key(path, data)
        if status.st_ctime_ns < time.time_ns() - SETTLED_NS:
            self._new_files.append((path, *noted, key))
            self.seen.add(path)
        return key, data

    def _note_unread(self, path: str) -> None:
        """Note a file's status now, before it is read elsewhere; ``add`` pairs it with the
        key of the bytes that were checked (if the file changes in between, the next run
        sees a status other than the one noted, and reads it again)."""
        try:
            status = os.lstat(path)
        except OSError:
            return
        if stat.S_ISREG(status.st_mode) and status.st_ctime_ns < time.time_ns() - SETTLED_NS:
            self._unread[path] = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)

    def lookup(self, path: str, sources: dict[str, Source], *, whole: bool) -> tuple[Hit | None, bytes | None]:
        """The entry for this file's content if every source it names is unchanged (and, with
        ``whole``, if it holds the whole claim), and the file's bytes where they were read (to
        check it from the very bytes its key is made of)."""
        if not self.entries:  # nothing stored to find: the file is read, and its key made, where it is checked
            self._note_unread(path)
            return None, None
        key, data = self._content(path)
        entry = self.entries.get(key) if key else None
        if entry is not None and whole and not entry[5]:
            entry = None  # checked by ``factcheck check`` only: the build checks it again, and stores the claim
        hit = self._valid(key, path, entry, sources, whole=whole) if key is not None and entry is not None else None
        if hit is None and data is None and key is not None:
            data = read_claim_bytes(path)
        return hit, data

    def _valid(self, key: str, path: str, entry: tuple[Any, ...], sources: dict[str, Source], *, whole: bool) -> Hit | None:
        depends, several, warnings, aliases, facets, _whole = entry
        if several != (len(sources) > 1):  # the single-source warning depends on it
            return None
        try:
            parts = depends.split(" ")
            for i in range(0, len(parts), 2):
                source = sources.get(parts[i])
                if source is None or self.recorder.digest(source) != parts[i + 1]:
                    return None
            found = [Problem(Position(path, line, col), code, message, "warning") for line, col, code, message in json.loads(warnings)] if warnings else []
            aliases, alias_at = json.loads(aliases) if aliases else ([], None)
            if not _is_slug(slug_of(path)) or not all(_is_slug(alias) for alias in aliases):
                return None  # a file whose name or former slugs fail their checks is never stored
            hit = Hit(key, path, found, list(aliases), Position(path, *alias_at) if alias_at else None,
                      None if whole else facets_from_json(path, facets))
        except (TypeError, ValueError, AttributeError, IndexError):  # not an entry this code wrote
            return None
        self.used.add(key)
        return hit

    def claims(self, hits: list[Hit]) -> dict[str, Claim]:
        """The stored claims of these hits, by key; one that cannot be read back is left out,
        and so is one whose file, slug or former slugs are not its entry's: slugs become file
        names and lines of the ``_redirects`` file, and a restored cache is not to be trusted."""
        wanted = {hit.key: hit for hit in hits}
        found = {}
        for key, text in self._db.execute("SELECT key, claim FROM claims WHERE claim IS NOT NULL"):
            hit = wanted.get(key)
            if hit is not None:
                with contextlib.suppress(KeyError, TypeError, ValueError, IndexError):
                    claim = self.recorder.codec.decode(Claim, json.loads(text))
                    if claim.path == hit.path and claim.slug == slug_of(hit.path) and list(claim.aliases) == hit.aliases:
                        found[key] = claim
        return found

    def add(self, records: list[Record]) -> None:
        """Remember claim files that passed every check."""
        for r in records:
            noted = self._unread.pop(r.path, None)
            if noted is not None:
                self._new_files.append((r.path, *noted, r.key))
                self.seen.add(r.path)
            self.entries[r.key] = (r.depends, r.several, r.warnings, r.aliases, r.facets, r.claim is not None)
            self._new_claims.append((r.key, r.depends, r.several, r.warnings, r.aliases, r.facets, r.claim))
            self.used.add(r.key)

    def save(self, *, prune: bool) -> None:
        """Write what this run learnt; ``prune`` (after checking every file) also forgets the
        entries and files this run did not see."""
        try:
            with self._db:  # one transaction
                self._db.executemany("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)", self._new_claims)
                self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", self._new_files)
                if prune:
                    self._db.executemany("DELETE FROM claims WHERE key = ?", [(k,) for k in self.entries if k not in self.used])
                    self._db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in self.files if p not in self.seen])
        except sqlite3.Error:
            pass  # a cache that cannot be written is no cache: the next run checks again
        self._new_claims, self._new_files = [], []

    def close(self) -> None:
        self._db.close()


def _open(path: Path, version: str) -> sqlite3.Connection:
    """The cache database for this version: emptied if another version made it, made anew
    if it is damaged or not a database at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():  # not a file this code made: SQLite would open, and write, what it points to
        path.unlink()
    for _ in range(2):
        db = None
        try:
            db = sqlite3.connect(path, timeout=30)
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            row = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
            if row is None or row[0] != version:
                with db:  # another version's tables may differ in shape: start again
                    db.execute("DELETE FROM meta")
                    db.execute("DROP TABLE IF EXISTS claims")
                    db.execute("DROP TABLE IF EXISTS files")
                    for statement in _TABLES:
                        db.execute(statement)
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
            return db
        except sqlite3.Error:
            if db is not None:
                db.close()
            path.unlink(missing_ok=True)
    db = sqlite3.connect(":memory:")  # still unusable: work without a cache this time
    for statement in _TABLES:
        db.execute(statement)
    return db


def _is_slug(value: object) -> bool:
    return type(value) is str and SLUG_PATTERN.match(value) is not None


def read_claim_bytes(path: str) -> bytes | None:
    """A claim file's bytes, read as the loader reads them (no link, no more than the limit)."""
    try:
        return read_bytes(path, MAX_CLAIM_BYTES)
    except (UnsafeFile, OSError):
        return None  # reported when the file is checked
