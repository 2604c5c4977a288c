"""The preview's site kept up to date page by page: a changed claim or source rewrites the
pages it touches and no others, and the result is the site a full build would make."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import build_project
from factcheck.build.live_preview import Preview
from factcheck.packaged import THEME
from fixture_site import default_claims, write_project

CLAIM = "claim-02"  # quotes the ledger and the diary (as every fixture claim does), rated mostly-true, alone
OLD_TEXT, NEW_TEXT = "Claim 2 said something checkable.", "Surely claim 2 said something checkable."


def page_times(output: Path) -> dict[str, int]:
    return {str(p.relative_to(output)): p.stat().st_mtime_ns for p in output.rglob("*")
            if p.is_file() and not p.relative_to(output).parts[0].startswith("pagefind")}


def pages(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*")
            if p.is_file() and not p.relative_to(output).parts[0].startswith("pagefind")}


@pytest.fixture
def preview(tmp_path, monkeypatch):
    # Six claims of four verdicts, all on the home page; with social cards, as a site has them.
    project = write_project(tmp_path / "p", default_claims()[:6], page_size=50, settings="FACTCHECK_SOCIAL_CARDS = True\n")
    monkeypatch.chdir(project)
    changes: list[int] = []
    preview = Preview(Path("pelican.conf.py"), project / "output", on_change=lambda: changes.append(1))
    assert preview.build()
    preview.wait_for_index()
    preview.project, preview.changes = project, changes
    return preview


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    time.sleep(0.01)  # a new modification time, whatever the clock's step
    path.write_text(text.replace(old, new))


def test_an_edited_claim_rewrites_only_the_pages_it_touches(preview):
    output, project = preview.output, preview.project
    before = page_times(output)
    claim = project / "claims" / f"{CLAIM}.yaml"
    edit(claim, OLD_TEXT, NEW_TEXT)
    assert preview.apply({str(claim)})
    after = page_times(output)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert {f"claims/{CLAIM}/index.html", f"claims/{CLAIM}/card.png", "sources/ledger/index.html",
            "sources/diary/index.html", "verdicts/mostly-true/index.html", "index.html"} <= rewritten
    assert not any(name.startswith("claims/") and CLAIM not in name for name in rewritten)
    assert not any(name.startswith("sources/") and name.split("/")[1] not in ("ledger", "diary", "index.html")
                   for name in rewritten)
    assert not any(name.startswith("verdicts/") and "mostly-true" not in name for name in rewritten)
    assert NEW_TEXT in (output / "claims" / CLAIM / "index.html").read_text()
    assert NEW_TEXT in (output / "claims.json").read_text()
    assert preview.changes == [1, 1]


def test_the_result_is_what_a_full_build_makes(preview, tmp_path):
    project = preview.project
    claim = project / "claims" / f"{CLAIM}.yaml"
    edit(claim, "verdict: mostly-true", "verdict: misleading")
    edit(claim, "published: 2026-", "updates:\n  - date: 2026-11-30\n    note: Re-rated.\npublished: 2026-")
    (project / "claims" / "claim-05.yaml").unlink()
    new = project / "claims" / "a-new-claim.yaml"
    new.write_text((project / "claims" / "claim-04.yaml").read_text().replace("claim: ", "claim: A new claim, ", 1))
    source = project / "content" / "sources" / "diary.txt"  # quoted by every claim
    edit(source, "title: ", "title: Renamed, ")
    assert preview.apply({str(claim), str(new), str(source), str(project / "claims" / "claim-05.yaml")})
    preview.wait_for_index()
    assert not (preview.output / "claims" / "claim-05").exists()
    assert build_project(project, tmp_path / "full", "--no-search") == 0
    assert pages(preview.output) == pages(tmp_path / "full")


def test_renaming_a_source_no_claim_quotes_is_what_a_full_build_makes(preview, tmp_path):
    project = preview.project
    source = project / "content" / "sources" / "memo.txt"  # quoted by no claim
    edit(source, "title: ", "title: Renamed, ")
    assert preview.apply({str(source)})
    preview.wait_for_index()
    assert build_project(project, tmp_path / "full", "--no-search") == 0
    assert pages(preview.output) == pages(tmp_path / "full")


def test_a_broken_claim_keeps_the_last_good_site_until_it_is_fixed(preview, capsys):
    output, project = preview.output, preview.project
    claim = project / "claims" / f"{CLAIM}.yaml"
    good = claim.read_text()
    before = pages(output)
    claim.write_text(good.replace("verdict: mostly-true", "verdict: mostly-ture"))
    assert not preview.apply({str(claim)})
    assert "FC008 unknown verdict 'mostly-ture'" in capsys.readouterr().err
    assert pages(output) == before
    other = project / "claims" / "claim-04.yaml"
    edit(other, "claim: ", "claim: Edited, ")
    assert not preview.apply({str(other)})  # the broken file is checked again, and still fails
    assert "FC008" in capsys.readouterr().err and pages(output) == before
    claim.write_text(good)
    assert preview.apply({str(claim)})
    assert "Edited, " in (output / "claims" / "claim-04" / "index.html").read_text()


def test_a_source_edit_checks_the_claims_quoting_it(preview, capsys):
    project = preview.project
    source = project / "content" / "sources" / "ledger.txt"
    edit(source, "Entry 2 says the minister", "Entry 2 says a minister")
    assert not preview.apply({str(source)})
    assert f"{CLAIM}.yaml" in capsys.readouterr().err
    edit(source, "Entry 2 says a minister", "Entry 2 says the minister")
    assert preview.apply({str(source)})


def test_a_template_change_rebuilds_everything(preview):
    template = preview.project / "themes" / "templates" / "claim.html"  # the site's own copy overrides the theme's
    template.parent.mkdir(parents=True)
    template.write_text((Path(THEME) / "templates" / "claim.html").read_text().replace(
        '<p class="eyebrow">Claim</p>', '<p class="eyebrow">Checked claim</p>'))
    assert preview.apply({str(template)})
    assert all("Checked claim" in p.read_text() for p in (preview.output / "claims").glob("*/index.html"))


def test_changes_outside_the_site_are_ignored(preview):
    assert not preview.apply({str(preview.project / "claims" / ".a-claim.yaml.swp"), str(preview.output / "index.html")})
    assert preview.changes == [1]


def test_the_search_index_follows_in_the_background(preview):
    claim = preview.project / "claims" / f"{CLAIM}.yaml"
    edit(claim, OLD_TEXT, "Zyzzogeton said something checkable.")
    assert preview.apply({str(claim)})
    preview.wait_for_index()
    import gzip

    words = b"".join(gzip.decompress(p.read_bytes()) for p in (preview.output / "pagefind" / "fragment").iterdir())
    assert b"Zyzzogeton" in words
    assert not [p for p in preview.output.iterdir() if p.name.startswith(".pagefind")]  # built beside, swapped in


def test_a_new_claimant_moves_the_claim_between_people_pages(preview, tmp_path):
    """The claim leaves its old claimant's page and gets a new person's page, as in a full build."""
    project = preview.project
    claim = project / "claims" / f"{CLAIM}.yaml"
    text = claim.read_text()
    old = next(line for line in text.splitlines() if line.startswith("claimant: "))
    edit(claim, old, "claimant: A New Speaker")
    assert preview.apply({str(claim)})
    preview.wait_for_index()
    person = (preview.output / "people" / "a-new-speaker" / "index.html").read_text()
    assert NEW_TEXT not in person and OLD_TEXT.replace("'", "&#39;") in person
    assert build_project(project, tmp_path / "full", "--no-search") == 0
    assert pages(preview.output) == pages(tmp_path / "full")


def test_an_alias_added_and_removed_rewrites_the_redirects(preview):
    output, project = preview.output, preview.project
    claim = project / "claims" / f"{CLAIM}.yaml"
    assert not (output / "_redirects").exists()
    claim.write_text(claim.read_text() + "aliases: [old-name]\n")
    assert preview.apply({str(claim)})
    assert (output / "_redirects").read_text() == f"/claims/old-name/ /claims/{CLAIM}/ 301\n"
    assert (output / "claims" / "old-name" / "index.html").is_file()
    edit(claim, "aliases: [old-name]\n", "")
    assert preview.apply({str(claim)})
    assert not (output / "_redirects").exists()
    assert not (output / "claims" / "old-name").exists()
