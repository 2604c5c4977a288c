"""Names as the site compares them: one key per spelling, a page slug, and near misses.

Two spellings that differ only in case, accents, punctuation or spacing ("H.R. McMaster",
"H. R. McMaster") have the same key and so land on the same page. Spellings that are
close but not the same ("H.R. McMastr") are near misses, reported as a "did you mean".
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable

MAX_SLUG_LENGTH = 60  # a page address, and a folder name on disk
NEAR = 0.85  # similarity from which two different names look like one misspelt


@lru_cache(maxsize=65536)  # claimants repeat: thousands of claims, hundreds of names
def name_key(text: str) -> str:
    """Lowercase words of any script joined by hyphens, accents and punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    bare = re.sub(r"['\u2019]", "", bare)  # "O'Brien" -> "obrien", not "o-brien"
    return "-".join(re.findall(r"[^\W_]+", bare))


def page_slug(text: str) -> str:
    """A short, safe page slug for a name: its key, cut at a word and made unique by a hash
    when long, or a hash alone when the name has no letters or digits."""
    key = name_key(text)
    digest = hashlib.sha1((key or text).encode("utf-8")).hexdigest()[:8]
    if not key:
        return f"claimant-{digest}"
    if len(key) <= MAX_SLUG_LENGTH:
        return key
    cut = key[: MAX_SLUG_LENGTH - 9].rsplit("-", 1)[0] or key[: MAX_SLUG_LENGTH - 9]
    return f"{cut}-{digest}"


def _digits(key: str) -> str:
    return _NOT_DIGITS.sub("", key)


_NOT_DIGITS = re.compile(r"\D+")


def closest(key: str, candidates: Iterable[tuple[str, object]]) -> object | None:
    """The label of the candidate (key, label) most like ``key``, if it is near enough.
    Names whose numbers differ ("Speaker 12", "Speaker 13") are different on purpose and
    never near."""
    best, best_ratio = None, NEAR
    digits = _digits(key)
    for other, label in candidates:
        if other == key or _digits(other) != digits:
            continue
        matcher = SequenceMatcher(None, key, other)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio or label < best):
            best, best_ratio = label, ratio
    return best


class NameIndex:
    """Candidates for ``closest``, grouped by their numbers and by their first or their last
    three characters: a slip of a letter or two rarely touches both ends, so on a site with
    thousands of names each is compared with few others."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str, str], dict[str, object]] = {}

    @staticmethod
    def _groups_of(key: str) -> tuple[tuple[str, str, str], ...]:
        digits = _digits(key)
        return (digits, "start", key[:3]), (digits, "end", key[-3:])

    def add(self, key: str, label: object) -> None:
        for group in self._groups_of(key):
            self._groups.setdefault(group, {}).setdefault(key, label)

    def near(self, key: str, allowed=lambda other: True) -> object | None:
        seen: dict[str, object] = {}
        for group in self._groups_of(key):
            for other, label in self._groups.get(group, {}).items():
                if other != key and allowed(other):
                    seen.setdefault(other, label)
        return closest(key, sorted(seen.items()))
