"""``factcheck check`` over the hostile corpus (tests/hostile_corpus.py): each input gives
its expected problems and exit status, every problem on one line, no traceback, no hang."""

from __future__ import annotations

import pytest

from hostile_corpus import corpus, run_in_process

CASES = corpus()


def test_the_corpus_is_large_enough_and_names_are_unique():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input(case, tmp_path):
    result = run_in_process(case, tmp_path / "project")
    assert result.passed, "; ".join(result.failures) + "\n" + result.output[:3000]
