"""Reading a contributor's text file: bytes to text, with clear errors for encodings."""

from __future__ import annotations

from factcheck.base.safe_files import UnsafeFile, read_bytes
from factcheck.rules.problems import Position, Problems
from factcheck.rules.catalogue import FC002, FC003, FC023, FC024, refusal

BOM = "\ufeff"


def read_text(path: str, problems: Problems, limit: int, data: bytes | None = None) -> str | None:
    """The file's text with a BOM dropped and CRLF folded to LF, or None if unreadable.

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
    return text
