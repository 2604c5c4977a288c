"""Local preview: serve the built site and rebuild when a claim, source, template or
setting changes. A failed rebuild prints its errors and keeps the last good site."""

from __future__ import annotations

import argparse
import functools
import http.server
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


def serve(args: argparse.Namespace) -> int:
    from .cli import cmd_build

    root = Path(args.config).resolve().parent
    output = Path(args.output or root / "output").resolve()
    args.output = str(output)
    cmd_build(args)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))

    class Handler(handler.func):  # type: ignore[misc,name-defined]
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(output), **kw)

        def log_message(self, *a) -> None:  # keep the terminal for build messages
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"factcheck: serving http://127.0.0.1:{args.port}/ — rebuilds on changes, Ctrl-C to stop")
    seen = snapshot(root)
    try:
        while True:
            time.sleep(1)
            now = snapshot(root)
            if now != seen:
                seen = now
                print("factcheck: change seen, rebuilding…")
                cmd_build(args)
    except KeyboardInterrupt:
        server.shutdown()
    return 0
