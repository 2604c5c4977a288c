"""Local preview: serve the built site and rebuild when a claim, source, template or
setting changes. A failed rebuild prints its errors and keeps the last good site."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

WATCHED = ("claims", "content", "themes", "pelican.conf.py")


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
    rebuild(args)
    output.mkdir(parents=True, exist_ok=True)  # serve something even if the first build failed
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))

    class Handler(handler.func):  # type: ignore[misc,name-defined]
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(output), **kw)

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
                rebuild(args)
    except KeyboardInterrupt:
        server.shutdown()
    return 0
