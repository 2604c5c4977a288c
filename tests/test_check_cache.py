"""The check cache: an unchanged tree is not checked again, one changed file is the only one
checked again, and nothing broken or hostile ever passes because of it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from factcheck.base.plain_data import Codec
from factcheck.checking import check_cache as checkcache
from factcheck.checking import claim_builder
from factcheck.checking.check_cache import FILE
from factcheck.checking.load_site import load_site
from factcheck.cli.main import main
from factcheck.model.claims import Claim
from factcheck.model.verdicts import Verdict, scale
from factcheck.project.settings import read
from fixture_site import default_claims, write_project

CLAIM = "claim-03"
QUOTE = "Point 7 is not quoted anywhere"  # in the memo, which only CLAIM quotes
BROKEN = QUOTE.replace("quoted", "quotes")  # not in the memo, and as long


@pytest.fixture
def project(tmp_path, monkeypatch):
    project = write_project(tmp_path / "p", default_claims()[:5])
    claim = project / "claims" / f"{CLAIM}.yaml"
    claim.write_text(claim.read_text().replace("published:", f"  - source: memo\n    quote: {QUOTE}\n    stance: context\npublished:"))
    monkeypatch.chdir(project)
    monkeypatch.setattr(checkcache, "SETTLED_NS", 0)  # files just written count as settled
    return project


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The claim files actually parsed and checked (not vouched for by the cache)."""
    seen: list[str] = []
    original = claim_builder.read_claim_file

    def spy(path, problems, data=None):
        seen.append(Path(path).stem)
        return original(path, problems, data)
    monkeypatch.setattr(claim_builder, "read_claim_file", spy)
    return seen


def check(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def all_claims() -> list[str]:
    return sorted(p.stem for p in (Path.cwd() / "claims").glob("*.yaml"))  # the project's: the fixture goes there


def test_an_unchanged_tree_is_not_checked_again(project, parsed, capsys):
    code, first = check(capsys)
    assert code == 0 and sorted(parsed) == all_claims()
    parsed.clear()
    code, again = check(capsys)
    assert code == 0 and again == first and parsed == []


def test_one_changed_file_is_the_only_one_checked_again(project, parsed, capsys):
    assert check(capsys)[0] == 0
    claim = project / "claims" / f"{CLAIM}.yaml"
    claim.write_text(claim.read_text().replace("said something checkable", "said something else checkable"))
    parsed.clear()
    code, output = check(capsys)
    assert code == 0 and parsed == [CLAIM]
    assert f"{len(all_claims())} claim(s)" in output


def test_warnings_are_reported_on_every_run(project, parsed, capsys):
    claim = project / "claims" / f"{CLAIM}.yaml"
    claim.write_text(claim.read_text().replace("summary: ", "summary: <b>bold</b> ", 1))
    first = check(capsys)[1]
    assert "FC020" in first
    parsed.clear()
    assert check(capsys)[1] == first and parsed == []
    (project / "claims" / "other.yaml").write_text((project / "claims" / "claim-02.yaml").read_text())
    parsed.clear()
    _code, output = check(capsys)  # not the tree as before: the file's own entry replays it
    assert parsed == ["other"] and "FC020" in output


def test_a_broken_file_fails_every_time_and_is_never_stored(project, capsys):
    claim = project / "claims" / f"{CLAIM}.yaml"
    good = claim.read_text()
    assert check(capsys)[0] == 0
    claim.write_text(good.replace(QUOTE, BROKEN))
    for _ in range(2):
        code, output = check(capsys)
        assert code == 1 and "FC011" in output
    with sqlite3.connect(project / ".cache" / "check" / FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == len(all_claims()) - 1
    claim.write_text(good)
    assert check(capsys)[0] == 0


def test_a_changed_source_text_checks_its_quoting_claims_again(project, parsed, capsys):
    assert check(capsys)[0] == 0
    source = project / "content" / "sources" / "memo.txt"
    source.write_text(source.read_text().replace(QUOTE, "Point 7 is not cited anywhere"))
    parsed.clear()
    code, output = check(capsys)
    assert code == 1 and f"{CLAIM}.yaml" in output and "FC011" in output
    quoting = {p.stem for p in (project / "claims").glob("*.yaml") if "source: memo" in p.read_text()}
    assert set(parsed) == quoting and CLAIM in quoting and len(quoting) < len(all_claims())


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(project, capsys):
    assert check(capsys)[0] == 0
    claim = project / "claims" / f"{CLAIM}.yaml"
    before = claim.stat()
    text = claim.read_text()
    claim.write_text(text.replace(QUOTE, BROKEN))  # same length
    os.utime(claim, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    assert claim.stat().st_size == before.st_size and claim.stat().st_mtime_ns == before.st_mtime_ns
    code, output = check(capsys)
    assert code == 1 and "FC011" in output


def test_a_file_changed_just_before_it_was_read_is_not_known_by_its_status(project, monkeypatch, parsed, capsys):
    monkeypatch.setattr(checkcache, "SETTLED_NS", 10**18)  # every file is too fresh to vouch for
    assert check(capsys)[0] == 0
    with sqlite3.connect(project / ".cache" / "check" / FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM meta WHERE name = 'tree'").fetchone()[0] == 0
    parsed.clear()
    assert check(capsys)[0] == 0 and parsed == []  # read again, and found unchanged by content


def test_a_new_verdict_scale_empties_the_cache(project, parsed, capsys):
    assert check(capsys)[0] == 0
    config = project / "pelican.conf.py"
    config.write_text(config.read_text() + '\nfrom factcheck.model.verdicts import DEFAULT_VERDICTS\nFACTCHECK_VERDICTS = [dict(v, label=v["label"].upper()) for v in DEFAULT_VERDICTS]\n')
    parsed.clear()
    assert check(capsys)[0] == 0 and sorted(parsed) == all_claims()


@pytest.mark.parametrize("damage", [b"not a database at all", b""])
def test_a_damaged_cache_is_made_anew(project, parsed, capsys, damage):
    assert check(capsys)[0] == 0
    (project / ".cache" / "check" / FILE).write_bytes(damage)
    parsed.clear()
    code, _output = check(capsys)
    assert code == 0 and sorted(parsed) == all_claims()
    parsed.clear()
    assert check(capsys)[0] == 0 and parsed == []


def test_no_cache_checks_everything(project, parsed, capsys):
    assert check(capsys)[0] == 0
    parsed.clear()
    assert check(capsys, "--no-cache")[0] == 0 and sorted(parsed) == all_claims()


def test_a_build_reads_back_the_very_claims_it_checked(project, parsed):
    settings = read(project / "pelican.conf.py")
    verdicts = scale(settings["FACTCHECK_VERDICTS"])
    fresh = load_site(project / "claims", project / "content" / "sources", verdicts)
    cache = project / ".cache" / "check"
    load_site(project / "claims", project / "content" / "sources", verdicts, cache=cache)
    parsed.clear()
    cached = load_site(project / "claims", project / "content" / "sources", verdicts, cache=cache)
    assert parsed == []
    assert cached.claims == fresh.claims
    assert [len(c) for c in cached.citations.values()] == [len(c) for c in fresh.citations.values()]
    assert all(c.verdict is next(v for v in verdicts if v.id == c.verdict.id) for c in cached.claims)


def test_every_field_of_a_claim_can_be_stored():
    """A field of a type the codec cannot store fails here, not silently in a build."""
    Codec({Verdict: (lambda v: v.id, lambda v: v)}).encoder(Claim)


def test_a_claim_file_swapped_for_a_link_is_refused_every_time(project, capsys):
    assert check(capsys)[0] == 0
    claim = project / "claims" / f"{CLAIM}.yaml"
    kept = project / "elsewhere.yaml"
    claim.rename(kept)
    claim.symlink_to(kept)  # the very same content, behind a link
    for _ in range(2):
        code, output = check(capsys)
        assert code == 1 and "FC032" in output


def test_a_fifo_among_the_claims_neither_blocks_nor_passes(project, capsys):
    assert check(capsys)[0] == 0
    os.mkfifo(project / "claims" / "a-pipe.yaml")
    code, output = check(capsys)
    assert code == 1 and "FC033" in output


def test_an_unchanged_tree_still_sees_a_new_file_beside_the_sources(project, capsys):
    assert check(capsys)[0] == 0
    (project / "content" / "sources" / "gone.html.snapshot").write_text("<p>left behind</p>")
    code, output = check(capsys)
    assert code == 1 and "FC053" in output
