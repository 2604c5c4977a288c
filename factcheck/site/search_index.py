"""Makes Pagefind's filter index byte-for-byte reproducible.

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
from pathlib import Path
from typing import Any

import cbor2

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
            name, file_hash = pair
            filter_path = bundle / "filter" / f"{file_hash}.pf_filter"
            data = _read(filter_path)
            data[1].sort(key=lambda value: value[0])
            pair[1] = _write(data, filter_path.parent, language, 7, "", ".pf_filter")
            _replace(filter_path, f"{pair[1]}.pf_filter")
        meta[_FILTERS].sort(key=lambda pair: pair[0])
        info["hash"] = _write(meta, bundle, language, 10, "pagefind.", ".pf_meta")
        _replace(meta_path, f"pagefind.{info['hash']}.pf_meta")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
