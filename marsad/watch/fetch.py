"""Polite HTTP fetching for `marsad watch`: conditional requests (ETag / Last-Modified), a time limit on the whole
response, a size limit, a bounded number of redirects, and a pause between two requests to the same host."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from marsad.errors import MarsadError

MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class FetchError(MarsadError):
    """A request that gave nothing usable: `url`, a one-line `reason`, and whether trying later may help."""

    def __init__(self, url: str, reason: str, transient: bool) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.transient = url, reason, transient


@dataclass(slots=True)
class Fetched:
    """A response: 200 with its body, or 304 (not modified) with none; the URL after redirects; its validators."""

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    modified: str | None = None
    content_type: str | None = None


class Fetcher:
    """An HTTP client with limits: `timeout` seconds for connecting and for the whole response, `max_bytes` of
    body, at most MAX_REDIRECTS redirects, and `host_delay` seconds between the end of one request to a host and
    the start of the next."""

    def __init__(self, timeout: float = 20.0, max_bytes: int = 5_000_000, host_delay: float = 2.0,
                 user_agent: str = "Marsad", sleep: Callable[[float], None] = time.sleep) -> None:
        import httpx2

        self.timeout, self.max_bytes, self.host_delay, self.sleep = timeout, max_bytes, host_delay, sleep
        self.client = httpx2.Client(timeout=httpx2.Timeout(timeout), follow_redirects=True,
                                    max_redirects=MAX_REDIRECTS, headers={"User-Agent": user_agent})
        self.last: dict[str, float] = {}  # host -> when its last request ended (monotonic)

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def _wait_for(self, host: str) -> None:
        last = self.last.get(host)
        if last is not None:
            wait = last + self.host_delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)

    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Fetched:
        """Return the response to GET `url` (conditional on an ETag / Last-Modified seen before); raise FetchError
        naming the URL for an HTTP error status, a timeout, a body over the size limit, a redirect loop or a
        connection that fails."""
        host = urlsplit(url).netloc
        self._wait_for(host)
        try:
            return self._get(url, etag, modified)
        finally:
            self.last[host] = time.monotonic()

    def _get(self, url: str, etag: str | None, modified: str | None) -> Fetched:
        import httpx2

        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        deadline = time.monotonic() + self.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                final = str(r.url)
                if r.status_code == 304:
                    return Fetched(final, 304, etag=etag, modified=modified)
                if r.status_code >= 400:
                    code = r.status_code
                    raise FetchError(url, f"HTTP {code} {r.reason_phrase}".strip(),
                                     transient=code >= 500 or code in (408, 429))
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(url, self._too_large(int(declared)), transient=False)
                body = bytearray()
                for chunk in r.iter_raw(CHUNK):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(url, self._too_large(len(body), at_least=True), transient=False)
                    if time.monotonic() > deadline:  # a server that trickles the page never hits the read timeout
                        raise FetchError(url, f"timed out after {self.timeout:g} s", transient=True)
                body = bytes(body)
                if r.headers.get("content-encoding"):
                    body = _decoded(body, r.headers["content-encoding"], url, self.max_bytes)
                return Fetched(final, r.status_code, body, r.headers.get("etag"), r.headers.get("last-modified"),
                               r.headers.get("content-type"))
        except httpx2.TooManyRedirects:
            raise FetchError(url, f"redirect loop (more than {MAX_REDIRECTS} redirects)", transient=False) from None
        except httpx2.TimeoutException:
            raise FetchError(url, f"timed out after {self.timeout:g} s", transient=True) from None
        except (httpx2.InvalidURL, httpx2.UnsupportedProtocol) as err:
            raise FetchError(url, f"bad URL ({err})", transient=False) from None
        except httpx2.HTTPError as err:
            raise FetchError(url, f"{type(err).__name__} ({str(err)[:200] or 'no detail'})", transient=True) from None

    def _too_large(self, size: int, at_least: bool = False) -> str:
        if at_least:  # streamed without a declared length: stopped at the limit
            return f"too large (more than the {self.max_bytes / 1e6:.1f} MB limit)"
        return f"too large ({size / 1e6:.1f} MB > {self.max_bytes / 1e6:.1f} MB limit)"


def _decoded(body: bytes, encoding: str, url: str, limit: int) -> bytes:
    """Return a gzip or deflate body decompressed, refusing one that grows past `limit` bytes."""
    import zlib

    kind = encoding.strip().lower()
    if kind not in ("gzip", "x-gzip", "deflate"):
        return body
    d = zlib.decompressobj(wbits=47)  # 47: gzip or zlib header, detected
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as err:
        raise FetchError(url, f"bad {kind} body ({err})", transient=False) from None
    if len(out) > limit:
        raise FetchError(url, f"too large once decompressed (> {limit / 1e6:.1f} MB limit)", transient=False)
    return out
