"""A build that cannot write says why in one line, exits 1 and leaves the output as it was;
what killed builds left behind is removed by the next one."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_project
from fixture_site import add_excerpts, write_project

pytestmark = pytest.mark.slow


def _project(tmp_path: Path) -> Path:
    project = add_excerpts(write_project(tmp_path / "project", [], people=None, topics=None))
    # A small site: the claims of a passing fixture, which quote the excerpts.
    shutil.copytree(Path(__file__).parent / "fixtures" / "passing" / "full" / "claims", project / "claims", dirs_exist_ok=True)
    return project


def _build_on_tmpfs(project: Path, mount: Path, options: str, *args: str) -> subprocess.CompletedProcess:
    """``factcheck build`` with its output on a tmpfs of its own (a private mount namespace:
    nothing on the machine sees it, and it goes when the process ends)."""
    if shutil.which("unshare") is None:
        pytest.fail("util-linux's unshare is needed to build onto a small or read-only file system")
    mount.mkdir(exist_ok=True)
    script = 'mount -t tmpfs -o "$0" tmpfs "$1" && shift && exec "$@"'
    command = ["unshare", "--mount", "--map-root-user", "sh", "-c", script, options, str(mount),
               sys.executable, "-m", "factcheck", "build", "--output", str(mount / "output"), *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def test_a_full_disk_is_named_as_such(tmp_path):
    project = _project(tmp_path)
    assert build_project(project) == 0  # also fills the social card cache, outside the small disk
    full = _size(project / "output")
    for fraction in (0.3, 0.8):  # while rendering pages, and later, while indexing
        result = _build_on_tmpfs(project, tmp_path / f"disk-{fraction}", f"size={int(full * fraction)}")
        assert result.returncode == 1, result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("factcheck: the disk is full (no space left"), result.stderr
        assert lines[0].endswith("output/ left as it was")


def test_a_read_only_output_folder_is_one_line(tmp_path):
    project = _project(tmp_path)
    result = _build_on_tmpfs(project, tmp_path / "read-only", "ro", "--no-search")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [(f"factcheck: cannot write {tmp_path / 'read-only'}: the file system is read-only; "
                                          f"{tmp_path / 'read-only' / 'output'}/ left as it was")]


def test_an_output_folder_that_cannot_exist_is_one_line(tmp_path, capsys):
    project = _project(tmp_path)
    (project / "a-file").write_text("not a folder")
    assert build_project(project, project / "a-file" / "output", "--no-search") == 1
    err = capsys.readouterr().err
    assert err == "factcheck: cannot write in a-file: it is not a folder; a-file/output/ left as it was\n"


def test_stale_staging_folders_are_removed_but_not_a_running_builds(tmp_path, capsys):
    project = _project(tmp_path)
    stale_new = project / ".output-new-killed"
    stale_old = project / ".output-old-killed"
    for folder in (stale_new, stale_old):
        (folder / "claims").mkdir(parents=True)
        (folder / "claims" / "index.html").write_text("a whole old site")
    (stale_old / "claims").chmod(0o555)  # a read-only folder does not stop the removal
    running = project / ".output-new-running"
    running.mkdir()
    lock = os.open(running, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)  # as a build in progress holds it
    try:
        assert build_project(project, None, "--no-search") == 0
    finally:
        os.close(lock)
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".output")) == [".output-new-running"]
    assert build_project(project, None, "--no-search") == 0  # no longer held: removed
    assert not [p for p in project.iterdir() if p.name.startswith(".output")]
