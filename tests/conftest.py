"""Shared fixtures: the project's own files, a built copy of the real site, a browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "content" / "sources"
PROJECT_FILES = ("pelican.conf.py", "claims", "content", "themes")
REFERENCE_TESTS = Path(__file__).resolve().parent / "reference"


def pytest_collection_modifyitems(items) -> None:
    """Tests under tests/reference/ read the reference site's content: `-m "not reference"`
    runs the tests of the generator alone, which no edit of that content can break."""
    for item in items:
        if REFERENCE_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.reference)


def copy_project(destination: Path) -> Path:
    """A copy of the site's inputs, so a test may add or break files freely."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, destination / name)
        else:
            shutil.copy2(src, destination / name)
    return destination


def build_project(project: Path, output: Path | None = None, *args: str) -> int:
    """Run ``factcheck build`` for a project folder, as a user would."""
    from factcheck.cli.main import main

    cwd = os.getcwd()
    os.chdir(project)
    try:
        return main(["build", *(["--output", str(output)] if output else []), *args])
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real reference site, built once into a temporary folder with its search index."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    assert build_project(project) == 0
    return project / "output"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """A small generated site (tests/fixture_site.py) whose list pages run to several pages."""
    from fixture_site import write_project

    project = write_project(tmp_path_factory.mktemp("fixture-site"))
    assert build_project(project) == 0
    return project / "output"


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site):
    server = serve_folder(fixture_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    server = serve_folder(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def chromium_path() -> str | None:
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    """The system Chromium under Playwright. Missing Chromium fails the run: never a silent skip."""
    path = chromium_path()
    if path is None:
        pytest.fail("no Chromium found: `make test` installs Debian's chromium package (scripts/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
