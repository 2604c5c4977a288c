"""Problems found in claim and source files, reported as ``path:line:col: CODE message``.

The codes, their titles and their wording are in ``factcheck.rules.catalogue``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from factcheck.base.escaping import one_line

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
    # The field a problem is about, where there is one: lets a caller pick out problems by
    # code and field rather than by wording. Not part of the report, nor of sorting.
    subject: str | None = field(default=None, compare=False)

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

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

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
