"""How problems are shown to the person who ran the command: one line each, and under GitHub
Actions also as annotations on the changed lines."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from factcheck.base.escaping import one_line
from factcheck.rules.problems import Problem, display_path


def report(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    """Print problems; under GitHub Actions also as annotations on the changed lines."""
    stream = stream or sys.stderr  # looked up now, so a redirected stderr is honoured
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem, file=stream)
        if annotate:
            p = problem.position
            kind = "error" if problem.is_error else "warning"
            text = _annotation_data(one_line(f"{problem.code} {problem.message}"))
            where = _annotation_property(one_line(display_path(p.path)))
            print(f"::{kind} file={where},line={p.line},col={p.col}::{text}", file=stream)


def _annotation_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _annotation_property(text: str) -> str:
    """GitHub's escaping of a workflow command's property (a ',' or ':' would end it)."""
    return _annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
