"""Contributors' text quoted back in messages: always one line, never a terminal or CI command.

A value, key or file name holding a newline would otherwise print one problem as two lines,
and a second line starting with ``::`` is a workflow command that GitHub Actions obeys.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides
# that can make a terminal show text in another order than it is.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

SHOWN_LIMIT = 80  # characters of a contributor's value shown in a message


def _escape(match: re.Match) -> str:
    char = match[0]
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with every control, separator and bidi character written as an escape."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A contributor's value for a message: one line, and cut short with '…' if long."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape, text.replace("\\", "\\\\"))
    return text
