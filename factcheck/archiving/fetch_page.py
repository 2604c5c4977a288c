"""Fetching one web page to archive, carefully: the address is a stranger's.

http and https only (also after a redirect), servers on the public internet only (also after
a redirect: a page must not make us fetch this machine or the local network), a bounded
number of redirects, a timeout for each read and for the whole download, a size limit
enforced while reading, HTML content types only, and a User-Agent that says what is asking.
"""

from __future__ import annotations

import email.message
import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from factcheck import __version__

USER_AGENT = f"factcheck/{__version__} (archives one page as a fact-check source; Python urllib)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = 20.0  # seconds for any one connection or read
TOTAL_TIMEOUT = 60.0  # seconds for the whole download, so a trickling server cannot hold us
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchFailed(Exception):
    """The page could not be fetched; the message says why, in one line."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the address asked for
    final_url: str  # where the page was found, after redirects
    body: bytes  # the page's bytes as served (content-encoding undone)
    charset: str | None  # from the Content-Type header
    content_type: str


def check_address(url: str) -> str:
    """The URL if it is one we may fetch, else ``FetchFailed``."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchFailed(f"{url}: only http:// and https:// addresses are archived")
    if not parts.hostname:
        raise FetchFailed(f"{url}: the address has no host name")
    if parts.username or parts.password:
        raise FetchFailed(f"{url}: an address with a user name or password is not archived")
    return url


class _LocalAddress(OSError):
    """The server's address is on this machine or a private network."""


class _PublicHTTPConnection(http.client.HTTPConnection):
    """A connection that refuses, once connected and before a byte is sent, a server whose
    address is not public. The address checked is the one connected to, so a name that
    resolves to another address a moment later (DNS rebinding) changes nothing."""

    def __init__(self, *args: Any, public_only: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.public_only = public_only

    def connect(self) -> None:
        super().connect()
        if self.public_only:
            peer = ipaddress.ip_address(self.sock.getpeername()[0].split("%")[0])
            if not peer.is_global:
                self.sock.close()
                at = "" if self.host == str(peer) else f" (at {peer})"
                raise _LocalAddress(f"{self.host}{at} is on this machine or a private network")


class _PublicHTTPSConnection(http.client.HTTPSConnection, _PublicHTTPConnection):
    """HTTPSConnection.connect connects (and checks) through _PublicHTTPConnection, then starts TLS."""

    def __init__(self, *args: Any, public_only: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # (HTTPSConnection takes no public_only)
        self.public_only = public_only


def _through_proxy(req: urllib.request.Request) -> bool:
    """Whether ProxyHandler sent the request to a proxy (configured by whoever runs us): the
    address connected to is then the proxy's, not the server's."""
    return req.host != urlsplit(req.full_url).netloc


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, local: bool) -> None:
        super().__init__()
        self.local = local

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPConnection, req, public_only=not (self.local or _through_proxy(req)))


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, local: bool) -> None:
        super().__init__()
        self.local = local
        self.tls = ssl.create_default_context()

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPSConnection, req, context=self.tls, public_only=not (self.local or _through_proxy(req)))


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: http.client.HTTPMessage) -> urllib.request.Request | None:
        location = headers.get("Location") or headers.get("URI")
        if location:
            target = urljoin(req.full_url, location)
            try:
                check_address(target)  # never to file:, ftp:, data: or any other scheme
            except FetchFailed as refused:
                raise FetchFailed(f"{req.full_url}: redirects to {target}; {str(refused).split(': ', 1)[1]}") from None
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(local: bool) -> urllib.request.OpenerDirector:
    # Built by hand: the default opener also handles file:, ftp: and data: addresses.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), _PublicHTTPHandler(local), _PublicHTTPSHandler(local),
                    urllib.request.HTTPDefaultErrorHandler(), _Redirects(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _read_limited(response: http.client.HTTPResponse, limit: int, deadline: float, url: str) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > limit:
        raise FetchFailed(f"{url}: the page is {int(length):,} bytes, more than the {limit:,} allowed")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchFailed(f"{url}: the download took longer than {TOTAL_TIMEOUT:.0f} seconds")
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchFailed(f"{url}: the page is more than the {limit:,} bytes allowed")
        chunks.append(chunk)


def _decompress(data: bytes, encoding: str, limit: int, url: str) -> bytes:
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchFailed(f"{url}: the server sent the page compressed as '{encoding}', which is not supported")
    inflater = zlib.decompressobj(47 if encoding != "deflate" else zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise FetchFailed(f"{url}: the server sent corrupt {encoding} data") from None
    if len(out) > limit:
        raise FetchFailed(f"{url}: the page is more than the {limit:,} bytes allowed once uncompressed")
    return out


def fetch_page(url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT, local: bool = False) -> FetchedPage:
    """Fetch one HTML page, or raise ``FetchFailed`` with a one-line reason. ``local``: the
    page may also be on this machine or a private network (an intranet page)."""
    check_address(url)
    request = urllib.request.Request(url, headers={  # noqa: S310 (check_address allows only http and https)
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9",
        "Accept-Encoding": "gzip, identity;q=0.5",
    })
    deadline = time.monotonic() + TOTAL_TIMEOUT
    try:
        with _opener(local).open(request, timeout=timeout) as response:
            final_url = response.geturl()
            headers: email.message.Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in HTML_TYPES:
                raw = headers.get("Content-Type") or "no Content-Type"
                raise FetchFailed(f"{url}: the server sent {raw}, not an HTML page")
            body = _read_limited(response, max_bytes, deadline, url)
            body = _decompress(body, (headers.get("Content-Encoding") or "").strip().lower(), max_bytes, url)
            return FetchedPage(url, final_url, body, headers.get_content_charset(), content_type)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:  # the redirect handler gave up
            raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects, or a redirect loop") from None
        raise FetchFailed(f"{url}: the server answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, _LocalAddress):
            raise FetchFailed(f"{url}: {reason}; only pages on the public internet are archived (pass --local-network for one that is not)") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchFailed(f"{url}: no answer within {timeout:.0f} seconds") from None
        if isinstance(reason, ssl.SSLError):
            raise FetchFailed(f"{url}: secure connection failed ({reason.reason or reason})") from None
        raise FetchFailed(f"{url}: cannot connect ({getattr(reason, 'strerror', None) or reason})") from None
    except TimeoutError:
        raise FetchFailed(f"{url}: no answer within {timeout:.0f} seconds") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise FetchFailed(f"{url}: the download failed ({error.__class__.__name__}: {error})") from None
