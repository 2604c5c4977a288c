"""The check cache: an unchanged tree is not checked again, one changed file is the only one
checked again, and nothing broken or hostile ever passes because of it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.base.plain_data import Codec
from factcheck.checking import check_cache as checkcache
from factcheck.checking import claim_builder
from factcheck.checking.check_cache import FILE, facets_from_json, facets_json
from factcheck.checking.load_site import load_site
from factcheck.cli.main import main
from factcheck.model.claims import Claim
from factcheck.model.verdicts import Verdict, scale
from factcheck.project.settings import read
from fixture_site import FixtureClaim, default_claims, git, write_project

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


def test_a_cache_file_that_is_a_link_is_replaced_and_its_target_left_alone(project, parsed, capsys, tmp_path):
    """The cache is restored between deploys and a pull request can commit into it: a link
    there must not have SQLite write into a database elsewhere on the machine."""
    elsewhere = tmp_path / "elsewhere.sqlite"
    with sqlite3.connect(elsewhere) as db:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('version', 'someone else''s')")
    db.close()
    before = elsewhere.read_bytes()
    (project / ".cache" / "check").mkdir(parents=True)
    (project / ".cache" / "check" / FILE).symlink_to(elsewhere)
    assert check(capsys)[0] == 0 and sorted(parsed) == all_claims()
    assert elsewhere.read_bytes() == before
    assert not (project / ".cache" / "check" / FILE).is_symlink()
    parsed.clear()
    assert check(capsys)[0] == 0 and parsed == []  # the cache made anew in its place works


@pytest.mark.parametrize("linked", [".cache", ".cache/check"])
def test_a_cache_folder_that_is_a_link_is_not_used(project, parsed, capsys, tmp_path, linked):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "check").mkdir(parents=True)
    (project / linked).parent.mkdir(parents=True, exist_ok=True)
    (project / linked).symlink_to(elsewhere / "check" if linked.endswith("check") else elsewhere)
    assert check(capsys)[0] == 0 and sorted(parsed) == all_claims()
    parsed.clear()
    assert check(capsys)[0] == 0 and sorted(parsed) == all_claims()  # checked again: nothing cached
    assert list((elsewhere / "check").iterdir()) == []


def test_a_cache_committed_to_the_repository_is_not_used(project, parsed, capsys):
    """A pull request can commit .cache (``git add -f``) with an entry vouching for a file that
    fails its checks, under the key that file's bytes give: a committed cache is never used."""
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "site")
    assert check(capsys)[0] == 0
    claim = project / "claims" / f"{CLAIM}.yaml"
    good = claim.read_bytes()
    claim.write_bytes(good.replace(QUOTE.encode(), BROKEN.encode()))
    with sqlite3.connect(project / ".cache" / "check" / FILE) as db:
        (path, old_key), = db.execute("SELECT path, key FROM files WHERE path LIKE ?", (f"%{CLAIM}.yaml",)).fetchall()
        db.execute("UPDATE claims SET key = ? WHERE key = ?", (checkcache.file_key(path, claim.read_bytes()), old_key))
        db.execute("DELETE FROM meta WHERE name = 'tree'")
    db.close()
    forged = (project / ".cache").rename(project / "forged-cache")
    assert check(capsys, "--no-cache")[0] == 1  # the file does fail
    forged.rename(project / ".cache")
    assert check(capsys)[0] == 0  # a cache is trusted where it was made: the forged entry vouches for it
    git(project, "add", "-f", ".cache")
    run = subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=project, capture_output=True, text=True, timeout=120)
    lines = run.stderr.splitlines()
    assert run.returncode == 1 and lines[0] == (f"factcheck: {project / '.cache'} is committed to the repository, so it is not used "
                                                "(everything is checked and drawn afresh); remove it with: git rm -r --cached .cache")
    assert lines[1].startswith(f"claims/{CLAIM}.yaml:13:12: FC011 quote not found")


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


FORGED_ALIAS = "old\n/* https://evil.example/:splat 200!\n/x"  # a line of its own in Netlify's _redirects


@pytest.mark.parametrize(("field", "forged"), [
    (0, ".."),  # the slug: where the page is written
    (0, "another-slug"),
    (1, "claims/another-file.yaml"),  # the path: which file the claim is said to be
    (13, [FORGED_ALIAS]),  # the aliases: old URLs, and lines of _redirects
    (13, ["still-a-slug"]),  # not the aliases the entry says
])
def test_a_build_never_takes_a_stored_claim_that_is_not_its_entry_s_file(project, parsed, field, forged):
    """The cache is restored between deploys: a stored claim whose slug, path or former
    slugs are not those of the file its entry is for is checked again, not taken as it is."""
    settings = read(project / "pelican.conf.py")
    paths = (project / "claims", project / "content" / "sources", scale(settings["FACTCHECK_VERDICTS"]))
    cache = project / ".cache" / "check"
    fresh = load_site(*paths, cache=cache)
    with sqlite3.connect(cache / FILE) as db:
        for key, text in db.execute("SELECT key, claim FROM claims").fetchall():
            claim = json.loads(text)
            if claim[0] == CLAIM:
                claim[field] = forged
                db.execute("UPDATE claims SET claim = ? WHERE key = ?", (json.dumps(claim), key))
    db.close()
    parsed.clear()
    again = load_site(*paths, cache=cache)
    assert parsed == [CLAIM] and again.claims == fresh.claims


def test_an_entry_with_former_slugs_no_claim_file_can_have_is_not_used(project, parsed, capsys):
    assert check(capsys)[0] == 0
    with sqlite3.connect(project / ".cache" / "check" / FILE) as db:
        db.execute("UPDATE claims SET aliases = ?", (json.dumps([[FORGED_ALIAS], [20, 10]]),))
        db.execute("DELETE FROM meta WHERE name = 'tree'")
    db.close()
    parsed.clear()
    code, output = check(capsys)
    assert code == 0 and sorted(parsed) == all_claims() and "evil.example" not in output


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


# Claimants and tags that draw every people and topics warning: a misspelt registry name and
# a rarer spelling (FC055), a tag near a registry topic (FC057), registry entries no claim
# uses (FC058), and a kind the registry contradicts (FC059).
PEOPLE = "- id: hr-mcmaster\n  name: H.R. McMaster\n- id: dina-powell\n  name: Dina Powell\n"
TOPICS = "- id: allies\n  label: Allies\n- id: unused\n  label: Unused\n"


def registry_claims() -> list[FixtureClaim]:
    plan = [("H.R. McMastr", ["allies"], ""), ("Eric Schuler", ["alies"], ""), ("Eric Schuler", [], ""),
            ("Eric Schuller", ["allies"], ""), ("H.R. McMaster", [], "claimant_kind: organization\n")]
    return [FixtureClaim(f"claim-{n}", claimant, "mixed", "2026-01-01", tags, n, extra) for n, (claimant, tags, extra) in enumerate(plan, 1)]


@pytest.fixture
def registry_project(tmp_path, monkeypatch):
    project = write_project(tmp_path / "r", registry_claims(), people=PEOPLE, topics=TOPICS)
    monkeypatch.chdir(project)
    monkeypatch.setattr(checkcache, "SETTLED_NS", 0)
    return project


def stored_claims(project: Path) -> int:
    with sqlite3.connect(project / ".cache" / "check" / FILE) as db:
        return int(db.execute("SELECT COUNT(claim) FROM claims").fetchone()[0])


def test_after_an_edit_check_reads_back_only_facets_and_warns_as_a_cold_check(registry_project, parsed, monkeypatch, capsys):
    code, cold = check(capsys, "--no-cache")
    assert code == 0 and {"FC055", "FC057", "FC058", "FC059"} <= set(cold.split())
    assert "claim-4.yaml:2:11: FC055" in cold and "claim-2.yaml:2:11: FC055" not in cold
    assert check(capsys) == (0, cold)
    assert stored_claims(registry_project) == 0  # the check keeps facets, never whole claims

    def no_whole_claims(*_args: object) -> None:
        raise AssertionError("a check read back whole claims")
    monkeypatch.setattr(checkcache.CheckCache, "claims", no_whole_claims)
    # Now the rarer spelling is the common one: the near-miss warnings move to other claims,
    # whose facets come from the cache.
    edited = registry_project / "claims" / "claim-3.yaml"
    edited.write_text(edited.read_text().replace("Eric Schuler", "Eric Schuller"))
    parsed.clear()
    code, cached = check(capsys)
    assert code == 0 and parsed == ["claim-3"]
    assert cached == check(capsys, "--no-cache")[1]
    assert "claim-2.yaml:2:11: FC055" in cached and "claim-4.yaml" not in cached


def test_a_build_after_a_check_checks_again_and_keeps_the_whole_claims(registry_project, parsed):
    assert main(["check"]) == 0
    settings = read(registry_project / "pelican.conf.py")
    paths = (registry_project / "claims", registry_project / "content" / "sources", scale(settings["FACTCHECK_VERDICTS"]))
    registries = {"people_path": registry_project / "content" / "people.yaml", "topics_path": registry_project / "content" / "topics.yaml"}
    cache = registry_project / ".cache" / "check"
    parsed.clear()
    built = load_site(*paths, cache=cache, **registries)
    assert sorted(parsed) == all_claims() and stored_claims(registry_project) == len(all_claims())
    parsed.clear()
    again = load_site(*paths, cache=cache, **registries)
    assert parsed == [] and again.claims == built.claims and again.warnings == built.warnings
    assert list(again.people) == list(built.people)


@pytest.mark.parametrize("facets", [
    "not json", "null", "[]", '["2026-01-01","A","robot",[],{}]', '["2026-01-01",5,"person",[],{}]',
    '["2026-01-01","A","person",[7],{}]', '["2026-01-01","A","person",[],{"claim":[1,2]}]',
    '["2026-01-01","A","person",[],{"tags":[1,"2"]}]', '["someday","A","person",[],{}]',
])
def test_facets_a_hostile_cache_holds_are_checked_again(registry_project, parsed, capsys, facets):
    code, first = check(capsys)
    with sqlite3.connect(registry_project / ".cache" / "check" / FILE) as db:
        key = db.execute("SELECT key FROM files WHERE path LIKE '%claim-2.yaml'").fetchone()[0]
        db.execute("UPDATE claims SET facets = ? WHERE key = ?", (facets, key))
        db.execute("DELETE FROM meta WHERE name = 'tree'")
    parsed.clear()
    assert check(capsys) == (code, first) and parsed == ["claim-2"]


def test_facets_are_stored_as_they_were_made(registry_project):
    site = load_site(registry_project / "claims", registry_project / "content" / "sources", scale(),
                     people_path=registry_project / "content" / "people.yaml")
    for claim in site.claims:
        assert facets_from_json(claim.path, facets_json(claim.facets())) == claim.facets()


def test_a_first_run_notes_every_file_it_checked_so_the_next_reads_none(project, parsed, monkeypatch, capsys):
    """On an empty cache the files are read where they are checked (in the workers, on a big
    site), and their status, taken before, is noted with the key of the bytes checked."""
    assert check(capsys)[0] == 0
    with sqlite3.connect(project / ".cache" / "check" / FILE) as db:
        noted = dict(db.execute("SELECT path, key FROM files").fetchall())
        db.execute("DELETE FROM meta WHERE name = 'tree'")
    assert sorted(Path(p).stem for p in noted) == all_claims()
    assert all(key == checkcache.file_key(path, Path(path).read_bytes()) for path, key in noted.items())
    read: list[str] = []
    monkeypatch.setattr(checkcache, "read_claim_bytes", read.append)
    parsed.clear()
    assert check(capsys)[0] == 0 and parsed == [] and read == []
