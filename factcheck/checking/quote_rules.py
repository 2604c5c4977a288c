"""Placing one evidence quote in its source, or saying why it cannot be placed: too short
(FC038), not found (FC011), found only across a paragraph break (FC026) or in another
source (FC027), found more than once (FC012), or not as often as its occurrence says (FC013).
"""

from __future__ import annotations

import re

from factcheck.base.escaping import shown
from factcheck.base.limits import MAX_MATCHES, MIN_QUOTE_CHARS, MIN_QUOTE_WORDS
from factcheck.base.normalized_text import normalized_parts
from factcheck.checking.quote_matching import Match, closest_passage, find_matches, spans_paragraphs
from factcheck.model.sources import Source
from factcheck.rules.catalogue import FC011, FC012, FC013, FC026, FC027, FC038
from factcheck.rules.problems import Position, Problems


def check_quote(quote: str, occurrence: int | None, source: Source, sources: dict[str, Source], position: Position,
                occurrence_position: Position | None, problems: Problems) -> Match | None:
    """Where a quote is in its source; None, with the reason reported, if it cannot be placed."""
    if not carries_words(quote):  # (a blank quote was refused with its field)
        FC038.report(problems, position, subject="quote", quote=shown(quote), words=MIN_QUOTE_WORDS, chars=MIN_QUOTE_CHARS)
        return None
    matches = find_matches(source.normalized, quote, at_most=max(occurrence or 0, MAX_MATCHES))
    if not matches:
        _not_found(problems, position, quote, source, sources)
        return None
    if occurrence is None and len(matches) > 1:
        many = len(matches) >= MAX_MATCHES
        times = f"{len(matches):,} times or more" if many else f"{len(matches)} times"
        where = ", ".join(f"paragraph {m.paragraph}" for m in matches[:10]) + (", …" if len(matches) > 10 else "")
        fix = "quote more words" if many else f"add 'occurrence: N' (1 to {len(matches)}) to say which, or quote more words"
        FC012.report(problems, position, subject="quote", times=times, source=source.id, where=where, fix=fix)
        return None
    index = (occurrence or 1) - 1
    if index >= len(matches):
        times = "once" if len(matches) == 1 else f"{len(matches)} times"
        fix = "remove 'occurrence'" if len(matches) == 1 else f"give a number from 1 to {len(matches)}"
        FC013.report(problems, occurrence_position or position, subject="occurrence", occurrence=occurrence, times=times, source=source.id, fix=fix)
        return None
    return matches[index]


def carries_words(quote: str) -> bool:
    """Whether a quote has enough words to be evidence ('.' or '…' alone has none): at least
    MIN_QUOTE_WORDS words and MIN_QUOTE_CHARS characters, or MIN_QUOTE_CHARS letters in one
    word (a script written without spaces), and a word in every part around an elision."""
    parts = normalized_parts(quote)
    if not parts:
        return False
    words: list[str] = []
    for part in parts:
        found = _WORD.findall(part)
        if not found:
            return False
        words += found
    length = sum(map(len, parts)) + len(parts) - 1  # of the parts joined by spaces, which no word spans
    return (len(words) >= MIN_QUOTE_WORDS and length >= MIN_QUOTE_CHARS) or max(map(len, words)) >= MIN_QUOTE_CHARS


_WORD = re.compile(r"\w+")


def _not_found(problems: Problems, position: Position, quote: str, source: Source, sources: dict[str, Source]) -> None:
    if spans_paragraphs(source.normalized, quote):
        FC026.report(problems, position, subject="quote", source=source.id)
        return
    elsewhere = next((s.id for s in sources.values() if s.id != source.id and find_matches(s.normalized, quote, at_most=1)), None)
    if elsewhere:
        FC027.report(problems, position, subject="quote", source=source.id, elsewhere=elsewhere)
        return
    closest = closest_passage(source.normalized, quote)
    hint = f'; closest passage (paragraph {closest.paragraph}, {closest.similarity:.0%} similar): "{shown(closest.passage, 160)}"' if closest else ""
    FC011.report(problems, position, subject="quote", source=source.id, hint=hint)
