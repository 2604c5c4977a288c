"""How a failed build is described: ``BuildFailed`` carries what went wrong, worded for the
person running the build (never a traceback)."""

from __future__ import annotations

from factcheck.rules.problems import display_path


class BuildFailed(Exception):
    pass


def describe_failure(exc: BaseException) -> str:
    """``template:line: message`` for an exception raised while rendering, where a template is
    to blame; otherwise the exception's own words."""
    import traceback

    if isinstance(exc, BuildFailed):
        return str(exc)  # described already (a page rendered in a forked worker)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".j2"))]
    where = f"{display_path(frames[-1].filename)}:{frames[-1].lineno}: " if frames else ""
    return f"{where}{type(exc).__name__}: {exc}"
