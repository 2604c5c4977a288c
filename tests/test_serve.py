"""``factcheck serve``: a real preview server that rebuilds on changes and survives errors."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from factcheck.packaged import THEME
from fixture_site import default_claims, write_project

pytestmark = pytest.mark.slow
WAIT = 90  # seconds; generous for a loaded machine, the loop ends as soon as the change shows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


class Preview:
    def __init__(self, project: Path):
        self.port = free_port()
        self.log = project / "serve.log"
        self.handle = open(self.log, "w")  # noqa: SIM115 (the server writes to it until it stops)
        self.process = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--port", str(self.port)],
                                        cwd=project, stdout=self.handle, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, condition, what: str) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"serve stopped:\n{self.output()}"
            try:
                if condition():
                    return
            except OSError:
                pass  # not listening yet
            time.sleep(0.3)
        pytest.fail(f"timed out waiting for {what}; serve printed:\n{self.output()}")

    def page(self, path: str) -> str:
        return fetch(f"http://127.0.0.1:{self.port}/{path}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.handle.close()


OLD_TEXT, NEW_TEXT = "Claim 2 said something checkable.", "Surely claim 2 said something checkable."

@pytest.fixture
def preview(tmp_path):
    project = write_project(tmp_path / "project", default_claims()[:4])
    server = Preview(project)
    server.project = project
    yield server
    server.stop()


def test_serve_rebuilds_on_changes_and_keeps_serving_through_errors(preview):
    project = preview.project
    claim = project / "claims" / "claim-02.yaml"
    good = claim.read_text()
    preview.wait_for(lambda: OLD_TEXT in preview.page("claims/claim-02/"), "the first build")

    # A claim changes: the page changes.
    claim.write_text(good.replace(OLD_TEXT, NEW_TEXT))
    preview.wait_for(lambda: NEW_TEXT in preview.page("claims/claim-02/"), "the edited claim")

    # A claim breaks: the error is printed with its code and place, and the last good site stays.
    claim.write_text(good.replace("verdict: mostly-true", "verdict: mostly-ture"))
    preview.wait_for(lambda: "FC008" in preview.output(), "the validation error")
    assert "claims/claim-02.yaml:3:10: FC008 unknown verdict 'mostly-ture' (did you mean 'mostly-true'?)" in preview.output()
    assert "still serving the last good site" in preview.output()
    assert NEW_TEXT in preview.page("claims/claim-02/")

    # The claim is fixed but a template breaks: the same.
    claim.write_text(good.replace(OLD_TEXT, NEW_TEXT))
    template = project / "themes" / "templates" / "claim.html"  # the site's own copy overrides the theme's
    template.parent.mkdir(parents=True)
    template_text = (Path(THEME) / "templates" / "claim.html").read_text()
    template.write_text(template_text.replace("{% endblock content %}", "{% endblock content %}{% if %}"))
    preview.wait_for(lambda: preview.output().count("still serving the last good site") >= 2, "the template error")
    assert "TemplateSyntaxError" in preview.output()
    assert NEW_TEXT in preview.page("claims/claim-02/")

    # Fixed again, and a setting changed: the rebuilt site shows both.
    template.write_text(template_text)
    claim.write_text(good)
    config = project / "pelican.conf.py"
    config.write_text(config.read_text() + '\nSITENAME = "A renamed desk"\n')
    preview.wait_for(lambda: "A renamed desk" in preview.page("claims/claim-02/"), "the new setting")
    assert OLD_TEXT in preview.page("claims/claim-02/")
    assert "Traceback" not in preview.output()


def test_preview_pages_load_the_reload_script(preview):
    preview.wait_for(lambda: "reload.js" in preview.page("claims/claim-02/"), "the first build")
    assert re.search(r'<script src="/__factcheck/reload.js\?build=\d+" defer></script></body>', preview.page("claims/claim-02/"))
    built = preview.project / "output" / "claims" / "claim-02" / "index.html"
    assert "reload.js" not in built.read_text(), "the built site itself stays free of the preview script"
    assert "location.reload()" in preview.page("__factcheck/reload.js")


@pytest.mark.browser
def test_an_open_tab_shows_the_change_without_a_manual_reload(preview, page):
    preview.wait_for(lambda: OLD_TEXT in preview.page("claims/claim-02/"), "the first build")
    # The page's script asks for the builds after the one it shows (a later one, if any, is sent at once).
    with page.expect_request(lambda request: "/__factcheck/events?since=" in request.url):
        page.goto(f"http://127.0.0.1:{preview.port}/claims/claim-02/")
    claim = preview.project / "claims" / "claim-02.yaml"
    claim.write_text(claim.read_text().replace(OLD_TEXT, NEW_TEXT))
    page.wait_for_function("document.querySelector('h1').textContent.includes('Surely claim 2')", timeout=WAIT * 1000)


def test_a_broken_settings_file_is_reported_and_the_preview_keeps_going(preview):
    preview.wait_for(lambda: OLD_TEXT in preview.page("claims/claim-02/"), "the first build")
    config = preview.project / "pelican.conf.py"
    good = config.read_text()
    config.write_text(good + "\nSITENAME = (\n")
    preview.wait_for(lambda: "still serving the last good site" in preview.output(), "the settings error")
    assert OLD_TEXT in preview.page("claims/claim-02/")
    config.write_text(good + '\nSITENAME = "Back again"\n')
    preview.wait_for(lambda: "Back again" in preview.page("claims/claim-02/"), "the fixed settings")
    assert "Traceback" not in preview.output()


@pytest.fixture
def served(tmp_path):
    """The preview's request handler alone, over a folder of pages, on a port of its own."""
    import http.server
    import threading

    from factcheck.cli.serve import Builds, handler_for

    (tmp_path / "index.html").write_text("<html><body>the preview</body></html>")
    builds = Builds()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(tmp_path, builds))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], builds
    builds.stop()
    server.shutdown()
    server.server_close()


def request(port: int, path: str, host: str, method: str = "GET") -> tuple[int, bytes]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "[bad", ""])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_the_preview_answers_only_to_its_own_names(served, host, method):
    """A page whose name is pointed at 127.0.0.1 (DNS rebinding) cannot read the preview."""
    port, _ = served
    status, body = request(port, "/", host, method)
    assert status == 421 and b"the preview" not in body
    for name in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        status, body = request(port, "/", name, method)
        assert status == 200 and (method == "HEAD" or b"the preview" in body)


@pytest.mark.parametrize("since", ["\u00b2", "9" * 5000, "-1", "x"])
def test_an_odd_build_number_in_the_event_stream_is_taken_as_the_current_one(served, capsys, since):
    """``since`` comes from the page's address: what is not a plain number is today's build,
    not a traceback in the preview's terminal."""
    from urllib.parse import quote

    port, builds = served
    builds.stop()  # the stream then ends at once, after its first line
    status, body = request(port, f"/__factcheck/events?since={quote(since)}", f"127.0.0.1:{port}")
    assert status == 200 and body == b"retry: 500\n\n"
    assert "Traceback" not in capsys.readouterr().err
