"""Problems found in claim and source files, reported as ``path:line:col: CODE message``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from factcheck.base.escaping import one_line

# Stable codes: contributors and CI logs refer to these, so never renumber them.
CODES: dict[str, str] = {
    "FC001": "YAML syntax error",
    "FC002": "empty file",
    "FC003": "file is not UTF-8",
    "FC004": "unknown field",
    "FC005": "missing required field",
    "FC006": "wrong kind of value",
    "FC007": "invalid date",
    "FC008": "unknown verdict",
    "FC009": "unknown source",
    "FC010": "invalid stance",
    "FC011": "quote not found in its source",
    "FC012": "quote matches more than once",
    "FC013": "occurrence out of range",
    "FC014": "duplicate claim slug",
    "FC015": "invalid file name for a slug",
    "FC016": "duplicate key",
    "FC017": "YAML anchors and aliases are not allowed",
    "FC018": "source front matter missing or malformed",
    "FC019": "empty value",
    "FC020": "raw HTML in a text field",
    "FC021": "date in the future",
    "FC022": "tab character",
    "FC023": "byte-order mark",
    "FC024": "Windows (CRLF) line ends",
    "FC025": "claim cites a single source",
    "FC026": "quote runs across paragraphs",
    "FC027": "quote found in another source",
    "FC028": "alias clashes with another claim",
    "FC030": "link that will be dropped",
    "FC031": "image that will be dropped",
    "FC032": "file is a symbolic link",
    "FC033": "not a regular file",
    "FC034": "file too large",
    "FC035": "nesting too deep",
    "FC036": "control character",
    "FC037": "text too long",
    "FC038": "quote too short",
    "FC039": "too many evidence items",
    "FC050": "snapshot does not match its recorded sha256",
    "FC051": "snapshot missing",
    "FC052": "snapshot without a recorded sha256",
    "FC053": "snapshot without a source text",
    "FC054": "snapshot is not a regular file or too large",
    "FC055": "claimant near another but not the same",
    "FC056": "name or id given for two registry entries",
    "FC057": "tag near another but not the same",
    "FC058": "registry entry that no claim uses",
    "FC059": "claimant_kind disagrees with the people registry",
    "FC060": "editorial page still has an [EDIT THIS: …] marker",
}

ERROR = "error"
WARNING = "warning"


class Position(NamedTuple):
    """A place in a file; line and column are 1-based, as editors show them. (A named tuple:
    one is made for every value read, and tuples are the cheapest to make.)"""

    path: str
    line: int = 1
    col: int = 1

    @classmethod
    def from_mark(cls, path: str, mark) -> "Position":
        """From a PyYAML mark (0-based line and column)."""
        return cls(path, mark.line + 1, mark.column + 1)


@dataclass(frozen=True, order=True)
class Problem:
    position: Position
    code: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        p = self.position
        prefix = "" if self.severity == ERROR else "warning: "
        # One line whatever a file name or value holds: see ``base.escaping``.
        return one_line(f"{display_path(p.path)}:{p.line}:{p.col}: {self.code} {prefix}{self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def display_path(path: str) -> str:
    """A path relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@dataclass
class Problems:
    """Collects every problem of a run so they can be reported together."""

    items: list[Problem] = field(default_factory=list)

    def error(self, position: Position, code: str, message: str) -> None:
        self.items.append(Problem(position, code, message, ERROR))

    def warning(self, position: Position, code: str, message: str) -> None:
        self.items.append(Problem(position, code, message, WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(self.items)

    def __bool__(self) -> bool:
        return bool(self.errors)


class ValidationFailed(Exception):
    """Raised when claim or source files have errors; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = sum(p.is_error for p in problems)
        super().__init__(f"{errors} error{'s' if errors != 1 else ''} in claim or source files")
