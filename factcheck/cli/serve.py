"""Local preview: serve the built site and keep it up to date as files change.

Changes are seen as the system reports them (watchfiles), not by polling. A changed claim
or source re-renders only the pages it touches, a changed template, setting or editorial
page rebuilds the site (``build.live_preview``); a failed check or build prints its errors and keeps
the last good site.

Pages served by the preview (never the files in output/) load a small script that reloads
the browser tab as soon as the pages are written: the server pushes the news over an
event stream, so no tab polls.
"""

from __future__ import annotations

import http.server
import os
import queue
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from factcheck.build.live_preview import Preview

BUILD_PATH = "/__factcheck/build"  # the number of the last good build
EVENTS_PATH = "/__factcheck/events"  # an event stream: the number of each new build
RELOAD_PATH = "/__factcheck/reload.js"
RELOAD_SCRIPT = f"""(function () {{
  var built = new URL(document.currentScript.src).searchParams.get("build");
  var events = new EventSource("{EVENTS_PATH}?since=" + built);
  events.onmessage = function () {{ events.close(); location.reload(); }};
}})();
""".encode()
KEEPALIVE = 15  # seconds between comments on an idle event stream, to notice closed tabs
# The names this server answers to. A page elsewhere whose name an attacker points at
# 127.0.0.1 (DNS rebinding) would send its own name, and must not read the preview.
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost"})


class Builds:
    """The number of the last good build, and a way to wait for the next."""

    def __init__(self) -> None:
        self.number = 0
        self.stopping = False
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.number += 1
            self._changed.notify_all()

    def wait_past(self, number: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.number != number or self.stopping, timeout)
            return self.number

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()


class LocalHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, but only to requests addressed to this machine by name."""

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if _host_name(self.headers.get("Host", "")) in LOCAL_NAMES:
            return True
        self.send_error(421, "This preview answers only to 127.0.0.1 and localhost")
        return False


def handler_for(output: Path, builds: Builds) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(LocalHandler):
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, directory=str(output), **kw)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = parts.path
            if path == BUILD_PATH:
                return self._send(str(builds.number).encode(), "text/plain")
            if path == RELOAD_PATH:
                return self._send(RELOAD_SCRIPT, "text/javascript")
            if path == EVENTS_PATH:
                return self._events(parse_qs(parts.query).get("since", [""])[0])
            file = Path(self.translate_path(path))
            if file.is_dir() and path.endswith("/"):
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                tag = f'<script src="{RELOAD_PATH}?build={builds.number}" defer></script></body>'.encode()
                return self._send(file.read_bytes().replace(b"</body>", tag, 1), "text/html; charset=utf-8")
            return super().do_GET()

        def _events(self, since: str) -> None:
            """Hold the stream open until a build newer than ``since`` is ready, then say so."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = _build_number(since, builds.number)
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while not builds.stopping:
                    number = builds.wait_past(seen, KEEPALIVE)
                    if number != seen:
                        self.wfile.write(f"data: {number}\n\n".encode())
                        self.wfile.flush()
                        return
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except OSError:
                pass  # the tab went away

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a: object) -> None:  # keep the terminal for build messages
            pass

    return Handler


def _build_number(since: str, current: int) -> int:
    """The build a tab says it shows (from its address: anything), or ``current``."""
    return int(since) if since.isascii() and since.isdigit() and len(since) < 19 else current


def _host_name(host: str) -> str | None:
    try:
        return urlsplit(f"//{host}").hostname
    except ValueError:  # not a host at all
        return None


DEFAULT_WATCHED = ("claims", "content", "themes")  # while the settings file cannot be read


def watched_paths(root: Path, config: Path) -> tuple[list[str], set[str]]:
    """The folders to watch with everything below them (claims, sources, content, the theme
    and the site's own theme files), and the names to watch at the project's top level: the
    settings file, and such a folder that does not exist yet."""
    from factcheck.project import settings as config_module
    from factcheck.site.generator import theme_overrides, watched_folders

    try:
        settings = config_module.read_for_checking(config)
    except (Exception, SystemExit):  # a half-written or broken settings file: the build says what is wrong  # noqa: BLE001
        defaults = [root / name for name in DEFAULT_WATCHED]
        return sorted(str(f) for f in defaults if f.is_dir()), {config.name} | {f.name for f in defaults if not f.is_dir()}
    wanted: set[Path] = {*watched_folders(settings), root / settings.get("PATH", "content"), root / settings.get("THEME", "themes")}
    overrides = theme_overrides(settings)
    if overrides is not None:
        wanted.add(overrides)
    paths = config_module.registry_paths(settings)
    registries = [paths["people_path"], paths["topics_path"]]
    wanted.update(r.parent for r in registries if r.parent != root)  # a registry may be missing yet
    folders = sorted(str(f) for f in wanted if f.is_dir())
    names = {config.name} | {f.name for f in wanted if not f.is_dir() and f.parent == root}
    names |= {r.name for r in registries if r.parent == root}
    return folders, names


def watched(root: Path, config: Path, stop: threading.Event) -> Iterator[set[str]]:
    """Sets of changed paths, as the system reports them. The project's top level is watched
    without its subfolders (which hold the virtual environment and the output); when a
    folder to watch appears there, or the settings move them, the watchers start again."""
    while not stop.is_set():
        folders, names = watched_paths(root, config)
        again = threading.Event()
        changes: queue.Queue[set[str]] = queue.Queue()

        # Each watcher is handed its own stop event and queue: one that outlives its round
        # (joined with a timeout) never reports into the next.
        threads = [threading.Thread(target=_watch, args=([str(root)], again, changes), daemon=True,
                                    kwargs={"recursive": False, "watch_filter": lambda _, path, names=names: os.path.basename(path) in names})]
        if folders:
            threads.append(threading.Thread(target=_watch, args=(folders, again, changes), daemon=True))
        for thread in threads:
            thread.start()
        try:
            while not stop.is_set():
                try:
                    found = changes.get(timeout=0.5)
                except queue.Empty:
                    continue
                while not changes.empty():  # both watchers may report one save
                    found |= changes.get_nowait()
                yield found
                if watched_paths(root, config) != (folders, names):
                    break
        finally:
            again.set()
            for thread in threads:
                thread.join(timeout=10)


def _watch(paths: list[str], stop: threading.Event, changes: queue.Queue[set[str]], **options: Any) -> None:
    import watchfiles

    for found in watchfiles.watch(*paths, stop_event=stop, debounce=1600, step=50, raise_interrupt=False, **options):
        changes.put({path for _, path in found})


def serve(config: Path, output: Path | None, port: int) -> int:
    """Build the site into ``output`` (default: output/ beside the settings file), serve it on
    ``port`` and keep it up to date until Ctrl-C."""
    config = config.resolve()
    root = config.parent
    output = (output or root / "output").resolve()
    builds = Builds()
    preview = Preview(config, output, on_change=builds.bump)
    preview.build()
    output.mkdir(parents=True, exist_ok=True)  # serve something even if the first build failed

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler_for(output, builds))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"factcheck: serving http://127.0.0.1:{port}/ — updates on changes, Ctrl-C to stop", flush=True)
    stop = threading.Event()
    try:
        for changed in watched(root, config, stop):
            if any(preview.kind(path) for path in changed):
                print("factcheck: change seen, updating…", flush=True)
                preview.apply(changed)
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        builds.stop()
        server.shutdown()
    return 0
