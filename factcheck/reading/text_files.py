"""Reading a contributor's text file: bytes to text, with clear errors for encodings, and
for a file with nothing in it."""

from __future__ import annotations

from factcheck.base.safe_files import UnsafeFile, read_bytes
from factcheck.rules.catalogue import FC002, FC003, FC023, FC024, refusal
from factcheck.rules.problems import Position, Problems

BOM = "\ufeff"


def read_text(path: str, problems: Problems, limit: int, data: bytes | None = None, *, kind: str | None = None) -> str | None:
    """The file's text with a BOM dropped and CRLF folded to LF, or None if unreadable, or
    if it is blank and ``kind`` ("claim", "source") says what such a file needs.

    Only a regular file of at most ``limit`` bytes is read, never through a link. ``data`` is
    the file's content where the caller has read it already, the same way.

    A BOM or CRLF line ends are harmless to us but trip other tools, so they are warnings.
    """
    if data is None:
        try:
            data = read_bytes(path, limit)
        except UnsafeFile as refused:
            problems.add(refusal(Position(path), refused))
            return None
        except OSError as exc:
            FC002.report(problems, Position(path), "unreadable", reason=exc.strerror)
            return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        byte = data[exc.start]
        FC003.report(problems, Position(path, line, col), byte=byte)
        return None
    if text.startswith(BOM):
        FC023.report(problems, Position(path))
        text = text[1:]
    if "\r\n" in text:
        line = text[: text.index("\r\n")].count("\n") + 1
        FC024.report(problems, Position(path, line, 1))
        text = text.replace("\r\n", "\n")
    if kind is not None and not text.strip():
        report_empty(path, kind, problems)
        return None
    return text


def report_empty(path: str, kind: str, problems: Problems) -> None:
    """A file with nothing in it (for a claim, nothing but comments either): say what it needs."""
    FC002.report(problems, Position(path), kind)
