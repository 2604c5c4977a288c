"""Files a pull request can hold that must never be read: links (to secrets elsewhere on the
build machine, to /dev/zero), FIFOs (which block whoever opens them), folders with a file's
name, and files too large. Each is an error with a code; nothing blocks, nothing leaks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_project
from factcheck.base.limits import MAX_CLAIM_BYTES
from factcheck.base.safe_files import UnsafeFile, read_bytes
from factcheck.checking.load_site import load_site
from factcheck.model.verdicts import scale
from factcheck.rules.catalogue import refusal
from factcheck.rules.problems import Position, ValidationFailed
from fixture_site import EXCERPTS, METHODOLOGY, add_excerpts, default_claims, write_project
from test_loader import GOOD


def codes(claims: Path, sources: Path = EXCERPTS) -> list[str]:
    with pytest.raises(ValidationFailed) as failure:
        load_site(claims, sources, scale())
    return [f"{Path(p.position.path).name}:{p.position.line}:{p.position.col}: {p.code}" for p in failure.value.problems]


def test_read_bytes_refuses_links_devices_fifos_and_oversize(tmp_path):
    (tmp_path / "zero").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "big").write_bytes(b"x" * 101)
    (tmp_path / "ok").write_bytes(b"x" * 100)
    for name, code in (("zero", "FC032"), ("fifo", "FC033"), ("big", "FC034")):
        with pytest.raises(UnsafeFile) as refused:
            read_bytes(str(tmp_path / name), 100)
        assert refusal(Position(name), refused.value).code == code
    assert str(refusal(Position("big"), refused.value)) == "big:1:1: FC034 file is 101 bytes, over the limit of 100 bytes for this kind of file"
    with pytest.raises(UnsafeFile) as refused:
        read_bytes("/dev/zero", 100)  # a device named directly
    assert str(refusal(Position("zero"), refused.value)) == "zero:1:1: FC033 is a device, not a regular file; only regular files are read"
    assert read_bytes(str(tmp_path / "ok"), 100) == b"x" * 100


def test_a_linked_source_is_refused_and_its_target_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("---\ntitle: Secret\n---\nThe machine's secret text.\n")
    sources = tmp_path / "sources"
    sources.mkdir()
    for source in EXCERPTS.iterdir():
        (sources / source.name).write_bytes(source.read_bytes())
    (sources / "leak.txt").symlink_to(secret)
    (sources / "zero.txt").symlink_to("/dev/zero")
    (sources / "random.txt").symlink_to("/dev/urandom")
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "a-claim.yaml").write_text(GOOD)
    assert codes(claims, sources) == ["leak.txt:1:1: FC032", "random.txt:1:1: FC032", "zero.txt:1:1: FC032"]


def test_fifos_never_block_the_check(tmp_path):
    """Run as a user would, in a process of its own, so that a block fails the test instead of hanging it."""
    project = tmp_path / "project"
    (project / "claims").mkdir(parents=True)
    (project / "content" / "sources").mkdir(parents=True)
    for source in EXCERPTS.iterdir():
        (project / "content" / "sources" / source.name).write_bytes(source.read_bytes())
    (project / "pelican.conf.py").write_bytes((ROOT / "pelican.conf.py").read_bytes())
    (project / "claims" / "a-claim.yaml").write_text(GOOD)
    os.mkfifo(project / "claims" / "b-claim.yaml")
    os.mkfifo(project / "content" / "sources" / "pipe.txt")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "claims/b-claim.yaml:1:1: FC033 is a named pipe (FIFO), not a regular file" in result.stderr
    assert "content/sources/pipe.txt:1:1: FC033 is a named pipe (FIFO)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_linked_claim_folder_is_refused_not_skipped(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other-claim.yaml").write_text(GOOD)
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "a-claim.yaml").write_text(GOOD)
    (claims / "more").symlink_to(elsewhere)
    assert codes(claims) == ["more:1:1: FC032"]


def test_a_claim_file_over_the_limit_is_refused_before_parsing(tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "a-claim.yaml").write_text(GOOD + "#" * MAX_CLAIM_BYTES)
    assert codes(claims) == ["a-claim.yaml:1:1: FC034"]


@pytest.mark.slow
def test_the_build_refuses_a_linked_page_and_leaves_the_output_alone(tmp_path, capsys):
    """Pelican reads content/pages itself: a link there would publish its target."""
    project = add_excerpts(write_project(tmp_path / "project", default_claims()[:3], pages={"methodology": METHODOLOGY}))
    secret = tmp_path / "secret.md"
    secret.write_text("Title: Leak\n\nThe machine's secret text.\n")
    (project / "content" / "pages" / "leak.md").symlink_to(secret)
    output = project / "output"
    output.mkdir()
    (output / "index.html").write_text("the old site")
    assert build_project(project) == 1
    err = capsys.readouterr().err
    assert "content/pages/leak.md:1:1: FC032 is a symbolic link" in err
    assert "Traceback" not in err
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the old site"
