"""Big sites are checked and rendered on every core. The fixture site is small, so these
tests lower each caller's threshold to make it take the forked path, check that it did, and
compare with the serial one."""

from __future__ import annotations

import concurrent.futures
import hashlib
import shutil
import threading
from pathlib import Path

import pytest

from conftest import build_project
from factcheck.base import parallel
from factcheck.checking import claim_batches as checking
from factcheck.checking.load_site import load_site
from factcheck.outputs.cards import cache as cards
from factcheck.packaged import THEME
from factcheck.project.settings import verdict_scale
from factcheck.rules.problems import ValidationFailed
from factcheck.site import generator
from fixture_site import write_project


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def forked(monkeypatch) -> list[str]:
    return fork_everything(monkeypatch)


def fork_everything(monkeypatch) -> list[str]:
    """Every caller forks from one item on, as if on two cores; the names of the work the
    pools ran are listed as they start."""
    for module, threshold in ((checking, "PARALLEL_CLAIMS"), (checking, "PARALLEL_SOURCES"),
                              (generator, "PARALLEL_PAGES"), (cards, "PARALLEL_CARDS")):
        monkeypatch.setattr(module, threshold, 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    started: list[str] = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, initargs=(), **kwargs):
            started.append(initargs[0].__name__)
            super().__init__(*args, initargs=initargs, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    return started


def _square_all(offset: int, chunk):
    return [offset + n * n for n in chunk]


def _fail_on_seven(_, chunk):
    if 7 in chunk:
        raise ValueError("seven")
    return list(chunk)


def test_the_forked_map_gives_the_serial_results_in_order(forked):
    items = list(range(1000))
    serial = parallel.parallel_map(_square_all, items, 1, min_items=10**9)
    assert forked == [] and serial == [_square_all(1, items)]
    chunks = parallel.parallel_map(_square_all, items, 1, min_items=1, chunk_size=64)
    assert forked == ["_square_all"] and len(chunks) == 16
    assert [n for chunk in chunks for n in chunk] == serial[0]
    assert parallel._worker is None  # the parent keeps nothing behind


def test_workers_inherit_the_context_rather_than_receive_a_copy(forked):
    # A lock cannot be pickled: it reaches the workers only because they are forked.
    context = {"lock": threading.Lock(), "offset": 5}
    results = parallel.parallel_map(lambda c, chunk: [n + c["offset"] for n in chunk], [1, 2, 3], context, min_items=1, chunk_size=1)
    assert results == [[6], [7], [8]]


def test_a_failure_in_a_worker_is_raised_in_the_parent(forked):
    with pytest.raises(ValueError, match="seven"):
        parallel.parallel_map(_fail_on_seven, list(range(20)), None, min_items=1, chunk_size=5)


def test_forked_loading_finds_what_serial_loading_finds(tmp_path, forked, monkeypatch):
    project = write_project(tmp_path / "p")
    broken = project / "claims" / "claim-01.yaml"
    broken.write_text(broken.read_text().replace("stance: supports", "stance: suports", 1))
    results = []
    for threshold in (10**9, 1):
        monkeypatch.setattr(checking, "PARALLEL_CLAIMS", threshold)
        with pytest.raises(ValidationFailed) as failure:
            load_site(project / "claims", project / "content" / "sources", verdict_scale({"FACTCHECK_VERDICTS": None}))
        results.append([str(p) for p in failure.value.problems])
    assert results[0] == results[1] and any("FC010" in line for line in results[0])
    assert "_build_chunk" in forked and "_normalize_chunk" in forked


def test_forked_rendering_writes_the_same_site(tmp_path, monkeypatch):
    project = write_project(tmp_path / "p", settings="FACTCHECK_SOCIAL_CARDS = True\n")
    assert build_project(project, tmp_path / "serial", "--no-search") == 0
    shutil.rmtree(project / ".cache")  # so that the forked build draws its cards again
    started = fork_everything(monkeypatch)
    assert build_project(project, tmp_path / "forked", "--no-search") == 0
    assert {"_build_chunk", "_render_pages", "_draw_chunk"} <= set(started)
    serial, forked_site = _digest(tmp_path / "serial"), _digest(tmp_path / "forked")
    assert len(serial) > 30 and serial == forked_site


def test_a_template_fault_in_a_worker_is_reported_like_any_other(tmp_path, forked, capsys):
    project = write_project(tmp_path / "p")
    template = project / "themes" / "templates" / "claim.html"  # the site's own copy overrides the theme's
    template.parent.mkdir(parents=True)
    template.write_text((Path(THEME) / "templates" / "claim.html").read_text().replace("{{ claim.claimant }}", "{{ claim.claimant.nope() }}", 1))
    (project / "output").mkdir()
    (project / "output" / "kept.html").write_text("old")
    assert build_project(project, None, "--no-search") == 1
    err = capsys.readouterr().err
    assert "claim.html:" in err and "UndefinedError" in err and "Traceback" not in err
    assert "_render_pages" in forked
    assert [p.name for p in (project / "output").iterdir()] == ["kept.html"]
