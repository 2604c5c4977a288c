"""Quote matching as the contract defines it."""

import pytest

from factcheck.base.normalized_text import NormalizedText, normalize, quote_parts
from factcheck.checking.quote_matching import closest_passage, find_matches

SOURCE = (
    "He said \u201cnothing was shared\u201d \u2014 officials disagreed\u2026\n"
    "\n"
    "  President Trump met Lavrov.\u00a0 The meeting\u2013 long \u2013 ended.\n"
    "The story is false, the story is false, the story is false.\n"
    "Caf\u0065\u0301 talk and co\u2011operation.\n"
)


def spans(quote, text=SOURCE):
    source = NormalizedText(text)
    return [[text[a:b] for a, b in m.spans] for m in find_matches(source, quote)]


def test_straight_quotes_match_curly_ones():
    assert spans('He said "nothing was shared"') == [["He said \u201cnothing was shared\u201d"]]


def test_curly_quotes_in_the_quote_match_too():
    assert spans("said \u201cnothing was shared\u201d") == [["said \u201cnothing was shared\u201d"]]


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014", "\u2015"])
def test_every_dash_matches_every_other(dash):
    assert spans(f'shared" {dash} officials') == [["shared\u201d \u2014 officials"]]


def test_nbsp_and_runs_of_space_are_one_space():
    assert spans("Lavrov. The meeting- long - ended.") == [["Lavrov.\u00a0 The meeting\u2013 long \u2013 ended."]]


def test_three_dots_match_an_ellipsis_character():
    assert spans("officials disagreed...") == [["officials disagreed\u2026"]]


def test_nfkc_composes_accents_and_maps_nonbreaking_hyphen():
    assert spans("Caf\u00e9 talk and co-operation") == [["Caf\u0065\u0301 talk and co\u2011operation"]]


def test_case_is_exact():
    assert spans("president trump met Lavrov") == []


def test_match_starts_and_ends_on_word_boundaries():
    assert spans("resident Trump") == []
    assert spans("President Trum") == []
    assert spans("President Trump") == [["President Trump"]]


def test_leading_and_trailing_space_of_the_quote_is_dropped():
    assert spans("   President Trump met Lavrov.  ") == [["President Trump met Lavrov."]]


def test_a_quote_never_spans_two_paragraphs():
    assert spans("officials disagreed... President Trump") == []


def test_elision_matches_parts_in_order_within_one_paragraph():
    assert spans("He said ... officials disagreed") == [["He said", "officials disagreed"]]
    assert spans("President Trump [\u2026] ended.") == [["President Trump", "ended."]]
    assert spans("President Trump [...] ended.") == [["President Trump", "ended."]]


def test_elided_parts_must_be_in_order():
    assert spans("officials disagreed ... He said") == []


def test_elided_parts_must_be_in_the_same_paragraph():
    assert spans("He said ... President Trump") == []


def test_repeated_quote_gives_every_non_overlapping_match():
    assert len(spans("story is false")) == 3
    assert len(spans("the story is false")) == 2  # case is exact: "The story" is not counted
    assert len(spans("story is false, the story")) == 1  # the second would overlap the first


def test_spans_point_into_the_original_text():
    source = NormalizedText(SOURCE)
    (match,) = find_matches(source, "The meeting- long - ended.")
    start, end = match.spans[0]
    assert SOURCE[start:end] == "The meeting\u2013 long \u2013 ended."
    assert match.paragraph == 2


def test_normalize_and_parts():
    assert normalize(" \u201cA\u201d \u2014 b\u2026 ") == '"A" - b...'
    assert quote_parts("a ... b [...] c") == ["a", "b", "c"]


def test_closest_passage_for_a_misquote():
    closest = closest_passage(NormalizedText(SOURCE), "President Trump met with Lavrov.")
    assert closest.paragraph == 2
    assert closest.passage.startswith("President Trump met Lavrov.")
    assert 0.8 < closest.similarity < 1


def test_quote_and_source_normalisation_agree_on_random_text():
    """Quotes use a fast string-only normaliser, sources the one that maps offsets; they must
    give the same text, paragraph by paragraph, or a quote could miss its own source."""
    import random

    alphabet = [*list("ab Z9.,'\"-"), "  ", "\xa0", "’", "“", "—", "…", "é", "é", "\t", "ﬁ", "\u3000", "\n", "\n\n "]
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        paragraphs = [line for line in text.split("\n") if line.strip()]
        assert NormalizedText(text).text.split("\n") == ([normalize(p) for p in paragraphs] or [""]), repr(text)


def test_the_places_to_normalise_are_those_the_plain_rule_names():
    """The source normaliser finds its places with one pattern shaped for speed; it finds
    exactly what the plain rule does: two or more white space characters, white space other
    than a space, or non-ASCII text that is not white space."""
    import random
    import re

    from factcheck.base.normalized_text import _SPECIAL

    plain = re.compile(r"\s{2,}|[^\S ]|[^\x00-\x7f\s]+")
    alphabet = [*"ab .\n\t\r\x0b\x0c\x1c\x85\xa0\u2003\u3000\u2028", "e\u0301", "é", "—", "“", "ﬁ", "川", "\U0001f600", "  "]
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert [m.span() for m in _SPECIAL.finditer(text)] == [m.span() for m in plain.finditer(text)], repr(text)


def test_a_quote_must_carry_words():
    from factcheck.checking.quote_rules import carries_words

    for weak in (".", "...", "\u2026", "No.", "He lied.", "He did not ... .", "a b"):
        assert not carries_words(weak), weak
    for enough in ("He did not reveal the method", "In fact, Russia is at war", "Antidisestablishmentarianism",
                   "He did not ... reveal the method", "\u5ddd\u666e\u5411\u4fc4\u7f57\u65af\u5916\u957f\u900f\u9732\u4e86\u60c5\u62a5"):
        assert carries_words(enough), enough


def test_closest_passage_is_bounded_on_a_huge_one_line_source():
    """The hint never slides over every window: a 10 MB line and a 1.2 MB quote are cheap.
    (Timing is measured by scripts/hostile_corpus.py; here, what it finds.)"""
    words = [f"w{i}" for i in range(5000)]
    text = " ".join(words[(i * 7919) % 5000] for i in range(1_600_000))
    source = NormalizedText(text)
    misquote = text[5_000_000:5_000_300].replace("w", "v", 2)
    closest = closest_passage(source, misquote)
    assert closest.similarity > 0.9
    assert closest.passage in text
    assert closest_passage(source, "x" * 1_200_000) is None


def test_matches_are_counted_up_to_a_limit():
    source = NormalizedText("the story is false. " * 5000)
    assert len(find_matches(source, "the story is false", at_most=10)) == 10


def test_text_that_normalises_one_to_one_keeps_exact_offsets():
    """Fullwidth letters and CJK text take the fast path; offsets still map to the original."""
    text = "\u4e2d\u6587 \uff21\uff22\uff23 \u5b57\u7b26\n\u00e9t\u00e9 Caf\u0065\u0301 ok\n"
    source = NormalizedText(text)
    assert source.text == "\u4e2d\u6587 ABC \u5b57\u7b26\n\u00e9t\u00e9 Caf\u00e9 ok"
    (match,) = find_matches(source, "ABC \u5b57\u7b26")
    assert [text[a:b] for a, b in match.spans] == ["\uff21\uff22\uff23 \u5b57\u7b26"]
    (match,) = find_matches(source, "\u00e9t\u00e9 Caf\u00e9")
    assert [text[a:b] for a, b in match.spans] == ["\u00e9t\u00e9 Caf\u0065\u0301"]
