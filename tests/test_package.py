"""From ``pip install`` to a new site, outside this repository: a wheel built from the
sources, installed in a fresh virtual environment, ``factcheck init``, the new site's own
``make site``, then a first source and claim. Nothing here runs from the repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from newsites import CLAIM_SLUG, FIRST_FACT_CHECK, SOURCE_ID

pytestmark = pytest.mark.slow

# What a source tree holds besides the package's own files: never part of a wheel.
_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "node_modules", ".output-*", "*.egg-info", ".cache", "__pycache__",
                                      ".pytest_cache")
_NOT_SOURCES_AT_THE_TOP = {"output", "build", "dist", "tests"}  # factcheck/build/ is part of the package


def NOT_SOURCES(folder: str, names: list[str]) -> set[str]:
    ignored = set(_NOT_SOURCES(folder, names))
    return ignored | (_NOT_SOURCES_AT_THE_TOP & set(names) if Path(folder) == ROOT else set())


def sh(*command: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))}:\n{result.stdout}{result.stderr}"
    return result


@pytest.fixture(scope="module")
def workplace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("elsewhere")


@pytest.fixture(scope="module")
def clean_env() -> dict[str, str]:
    """The environment of someone who never saw this repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PYTEST"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT)))
    return env


@pytest.fixture(scope="module")
def wheel(workplace, clean_env) -> Path:
    """Built from a copy of the sources, so the build sees only what a checkout has."""
    sources = workplace / "sources"
    shutil.copytree(ROOT, sources, ignore=NOT_SOURCES)
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", workplace / "dist", sources,
       cwd=workplace, env=clean_env)
    (built,) = (workplace / "dist").glob("factcheck-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, workplace, clean_env) -> Path:
    """A fresh virtual environment with the wheel installed; its bin/ folder."""
    venv = workplace / "venv"
    sh(sys.executable, "-m", "venv", venv, cwd=workplace, env=clean_env)
    sh(venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=workplace, env=clean_env)
    return venv / "bin"


def test_the_wheel_carries_the_theme_and_none_of_the_reference_content(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {f"factcheck/theme/{p.relative_to(ROOT / 'themes' / 'factcheck').as_posix()}"
             for p in (ROOT / "themes" / "factcheck").rglob("*") if p.is_file()}
    assert theme and theme <= names, sorted(theme - names)
    for shared in ("netlify.toml", ".github/workflows/pull-request.yml", "pelican.conf.py", "CONTRIBUTING.md"):
        assert f"factcheck/reference_site/{shared}" in names
    # The reference site's claims and archived sources stay in the repository.
    assert not [n for n in names if "/claims/" in n or "/sources/" in n or n.endswith(".yaml")]


def test_the_wheel_carries_every_module_of_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "factcheck").rglob("*.py") if "newsite_files" not in p.parts}
    assert len(modules) > 50
    assert modules <= names, sorted(modules - names)


def test_from_pip_install_to_a_first_fact_check(installed, workplace, clean_env):
    elsewhere = workplace / "newsroom"
    elsewhere.mkdir()
    version = sh(installed / "factcheck", "--version", cwd=elsewhere, env=clean_env).stdout
    assert version.startswith("factcheck ")
    location = sh(installed / "python", "-c", "import factcheck; print(factcheck.__file__)", cwd=elsewhere, env=clean_env).stdout
    assert Path(location.strip()).is_relative_to(installed.parent), "factcheck must come from the wheel, not the repository"

    sh(installed / "factcheck", "init", "harbour-checks", "--no-input", "--name", "Harbour Checks", cwd=elsewhere, env=clean_env)
    site = elsewhere / "harbour-checks"
    requirement = (site / "requirements" / "factcheck.txt").read_text()
    assert f"factcheck @ file://{installed.parent.parent / 'dist'}" in requirement and "#sha256=" in requirement

    # The empty site, with the site's own command: it installs the lock, then factcheck itself.
    sh("make", "site", cwd=site, env=clean_env)
    home = (site / "output" / "index.html").read_text()
    assert "There are no fact-checks here yet." in home
    assert (site / "output" / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "output" / "feed.xml").is_file() and (site / "output" / "sitemap.xml").is_file()

    def run(folder: Path, *args: str) -> int:
        return subprocess.run([str(folder / ".venv" / "bin" / "factcheck"), *args], cwd=folder, env=clean_env).returncode

    for step in FIRST_FACT_CHECK:
        step(site, run)
    sh("make", "site", cwd=site, env=clean_env)
    out = site / "output"
    assert "The ferry pier was finished on budget." in (out / "claims" / CLAIM_SLUG / "index.html").read_text()
    assert "<mark" in (out / "sources" / SOURCE_ID / "index.html").read_text()
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) == 6  # 4 pages, the claim, the source
    assert (out / "pagefind-archive" / "pagefind-entry.json").is_file()
