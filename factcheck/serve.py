"""Local preview: serve the built site and rebuild when a claim, source, template or
setting changes. A failed rebuild prints its errors and keeps the last good site.

Pages served by the preview (never the files in output/) load a small script that reloads
the browser tab after each successful rebuild."""

from __future__ import annotations

import argparse
import http.server
import sys
import threading
import time
from pathlib import Path

WATCHED = ("claims", "content", "themes", "pelican.conf.py")
BUILD_PATH = "/__factcheck/build"  # the number of the last good build
RELOAD_PATH = "/__factcheck/reload.js"
RELOAD_SCRIPT = f"""(function () {{
  var seen = null;
  setInterval(function () {{
    fetch("{BUILD_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (build) {{
      if (seen !== null && build !== seen) location.reload();
      seen = build;
    }}).catch(function () {{}});
  }}, 1000);
}})();
""".encode()
RELOAD_TAG = f'<script src="{RELOAD_PATH}" defer></script></body>'.encode()


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    times = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for file in files:
            try:
                times[str(file)] = file.stat().st_mtime
            except OSError:
                pass  # deleted while we looked
    return times


def rebuild(args: argparse.Namespace) -> bool:
    """Build once; any failure is printed and the last good site stays in place."""
    from .cli import cmd_build

    try:
        ok = cmd_build(args) == 0
    except (Exception, SystemExit) as exc:  # a broken template or settings file must not stop the preview
        print(f"factcheck: build failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        ok = False
    if not ok:
        print("factcheck: still serving the last good site; fix the problem above and save to rebuild", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    return ok


def serve(args: argparse.Namespace) -> int:
    root = Path(args.config).resolve().parent
    output = Path(args.output or root / "output").resolve()
    args.output = str(output)
    builds = [0]
    rebuild(args)
    output.mkdir(parents=True, exist_ok=True)  # serve something even if the first build failed

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(output), **kw)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path == BUILD_PATH:
                return self._send(str(builds[0]).encode(), "text/plain")
            if path == RELOAD_PATH:
                return self._send(RELOAD_SCRIPT, "text/javascript")
            file = Path(self.translate_path(path))
            if file.is_dir() and path.endswith("/"):
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                return self._send(file.read_bytes().replace(b"</body>", RELOAD_TAG, 1), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a) -> None:  # keep the terminal for build messages
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"factcheck: serving http://127.0.0.1:{args.port}/ — rebuilds on changes, Ctrl-C to stop", flush=True)
    seen = snapshot(root)
    try:
        while True:
            time.sleep(1)
            now = snapshot(root)
            if now != seen:
                seen = now
                print("factcheck: change seen, rebuilding…", flush=True)
                if rebuild(args):
                    builds[0] += 1
    except KeyboardInterrupt:
        server.shutdown()
    return 0
