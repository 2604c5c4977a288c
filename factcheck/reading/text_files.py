"""Reading a contributor's text file: bytes to text, with clear errors for encodings."""

from __future__ import annotations

from factcheck.base.safe_files import UnsafeFile, read_bytes
from factcheck.rules.problems import Position, Problems

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
            problems.error(Position(path), refused.code, refused.message)
            return None
        except OSError as exc:
            problems.error(Position(path), "FC002", f"cannot read file: {exc.strerror}")
            return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        byte = data[exc.start]
        problems.error(
            Position(path, line, col),
            "FC003",
            f"byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8",
        )
        return None
    if text.startswith(BOM):
        problems.warning(Position(path), "FC023", "file starts with a byte-order mark; save it as UTF-8 without BOM")
        text = text[1:]
    if "\r\n" in text:
        line = text[: text.index("\r\n")].count("\n") + 1
        problems.warning(Position(path, line, 1), "FC024", "file has Windows (CRLF) line ends; use LF")
        text = text.replace("\r\n", "\n")
    return text
