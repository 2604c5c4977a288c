"""A local stand-in for Netlify's CDN: serves a built site with the headers, redirects and 404
handling that netlify.toml and the build's _redirects file describe."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import tomllib
from pathlib import Path


def _pattern(path: str) -> re.Pattern:
    """Netlify path pattern (``/*`` splat) as a regular expression."""
    return re.compile("^" + re.escape(path).replace(r"\*", ".*") + "$")


class NetlifyRules:
    def __init__(self, config: Path, site: Path):
        data = tomllib.loads(config.read_text(encoding="utf-8"))
        self.headers = [(_pattern(h["for"]), h.get("values", {})) for h in data.get("headers", [])]
        self.redirects: dict[str, tuple[str, int]] = {}
        redirects_file = site / "_redirects"
        if redirects_file.exists():
            for line in redirects_file.read_text().splitlines():
                old, new, status = line.split()
                self.redirects[old] = (new, int(status))

    def headers_for(self, path: str) -> dict[str, str]:
        """Every matching rule applies; a later rule's value for the same header wins."""
        merged: dict[str, str] = {}
        for pattern, values in self.headers:
            if pattern.match(path):
                merged.update(values)
        return merged


def serve_like_netlify(site: Path, config: Path):
    rules = NetlifyRules(config, site)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def end_headers(self) -> None:
            for name, value in rules.headers_for(self.path.split("?")[0]).items():
                self.send_header(name, value)
            super().end_headers()

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            target = rules.redirects.get(path) or rules.redirects.get(path.rstrip("/") + "/")
            if target:
                self.send_response(target[1])
                self.send_header("Location", target[0])
                self.end_headers()
                return
            super().do_GET()

        def send_error(self, code, message=None, explain=None) -> None:
            page = site / "404.html"
            if code != 404 or not page.exists():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
