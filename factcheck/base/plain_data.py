"""Dataclasses to JSON values and back, driven by their type hints.

Used to store checked claims in the check cache as data, never as code (unlike pickle, a
cache file can at worst be unreadable). A dataclass or named tuple becomes a list of its
fields in order (those its constructor takes), a dict with
text keys an object, a date its ISO text; a type the codec does not know is refused when the
codec is made, so a new field of an unsupported type cannot slip through unstored.
Converters are worked out once per type, which keeps decoding ten thousand claims fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, Callable

Convert = Callable[[Any], Any]
_SCALARS = (str, int, float, bool, type(None))


def _same(value: Any) -> Any:
    return value


def _is_named_tuple(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def _fields(tp: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(tp)
    if _is_named_tuple(tp):
        return [(name, hints[name]) for name in tp._fields]
    return [(f.name, hints[f.name]) for f in dataclasses.fields(tp) if f.init]


class Codec:
    """Encoders and decoders for the types reachable from some root dataclasses.
    ``special`` maps a type to its own (encode, decode) pair, e.g. a value looked up by id."""

    def __init__(self, special: dict[type, tuple[Convert, Convert]] | None = None) -> None:
        self.special = special or {}
        self._encoders: dict[Any, Convert] = {}
        self._decoders: dict[Any, Convert] = {}

    def encode(self, tp: Any, value: Any) -> Any:
        return self.encoder(tp)(value)

    def decode(self, tp: Any, value: Any) -> Any:
        return self.decoder(tp)(value)

    def encoder(self, tp: Any) -> Convert:
        if tp not in self._encoders:
            self._encoders[tp] = self._make(tp, encoding=True)
        return self._encoders[tp]

    def decoder(self, tp: Any) -> Convert:
        if tp not in self._decoders:
            self._decoders[tp] = self._make(tp, encoding=False)
        return self._decoders[tp]

    def _make(self, tp: Any, *, encoding: bool) -> Convert:
        convert = self.encoder if encoding else self.decoder
        if tp in self.special:
            return self.special[tp][0 if encoding else 1]
        if tp in _SCALARS:
            return _same
        if tp is dt.date:
            return dt.date.isoformat if encoding else dt.date.fromisoformat
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is typing.Literal and all(type(a) in _SCALARS for a in args):
            return _same
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            if len(options) != 1:
                raise TypeError(f"cannot store a value of type {tp}")
            inner = convert(options[0])
            return lambda v: None if v is None else inner(v)
        if origin is dict:
            key, value = convert(args[0]), convert(args[1])
            return lambda v: {key(k): value(x) for k, x in v.items()}
        if origin is list:
            item = convert(args[0])
            return lambda v: [item(x) for x in v]
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                item = convert(args[0])
                return (lambda v: [item(x) for x in v]) if encoding else (lambda v: tuple(item(x) for x in v))
            items = [convert(a) for a in args]
            return (lambda v: [c(x) for c, x in zip(items, v)]) if encoding else (lambda v: tuple(c(x) for c, x in zip(items, v)))
        if dataclasses.is_dataclass(tp) or _is_named_tuple(tp):
            fields = _fields(tp)
            converters = [(name, convert(hint)) for name, hint in fields]
            if encoding:
                return lambda v: [c(getattr(v, name)) for name, c in converters]
            only = [c for _, c in converters]
            return lambda v: tp(*[c(x) for c, x in zip(only, v)])
        raise TypeError(f"cannot store a value of type {tp}")
