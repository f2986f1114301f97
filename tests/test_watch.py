"""`marsad watch` against a local HTTP server on loopback serving fixture feeds and pages (tests/fixtures/watch),
good and broken: malformed XML, 500s, a redirect loop, a page slower than the timeout, one larger than the size
limit, a non-Arabic page, a missing page; and conditional requests (ETag, Last-Modified) on the next poll."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.store import Store
from marsad.watch import FeedSpec, Fetcher, FetchError, WatchConfig, WatchConfigError, load_watch_config
from marsad.watch.fetch import MAX_REDIRECTS

FIXTURES = Path(__file__).parent / "fixtures" / "watch"
TIMEOUT = 1.0  # the client's; the slow page takes SLOW seconds
SLOW = 2.5
MAX_BYTES = 300_000
HOST_DELAY = 0.1
ETAG = '"feed-v1"'
LAST_MODIFIED = "Thu, 04 Mar 2021 10:00:00 GMT"
TYPES = {".xml": "application/rss+xml; charset=utf-8", ".html": "text/html; charset=utf-8"}


class Site:
    """The fixture site: what each request asked for (path, when, headers) and what was answered."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, float, dict[str, str]]] = []  # as they arrive
        self.answers: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def count(self, path: str) -> int:
        return sum(1 for p, *_ in self.requests if p == path)

    def statuses(self, path: str) -> list[int]:
        return [s for p, s in self.answers if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # the body ends when the connection closes: the huge page sends no length

        def log_message(self, *args) -> None:  # quiet
            pass

        def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            with site.lock:
                site.answers.append((self.path, status))
            try:
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (size limit, timeout)
                pass

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append((self.path, time.monotonic(), dict(self.headers)))
            base = f"http://127.0.0.1:{self.server.server_port}"
            path = self.path
            if path == "/loop":
                self._answer(302, headers={"Location": "/loop"})
            elif path in ("/error500.html", "/down.xml"):
                self._answer(500, b"internal error")
            elif path == "/slow.html":
                time.sleep(SLOW)
                self._answer(200, (FIXTURES / "a1.html").read_bytes(), {"Content-Type": TYPES[".html"]})
            elif path == "/huge.html":
                body = (FIXTURES / "a2.html").read_bytes() * (3 * MAX_BYTES // 1000)
                self._answer(200, body, {"Content-Type": TYPES[".html"]})
            elif path == "/feed.xml" and self.headers.get("If-None-Match") == ETAG:
                self._answer(304)
            elif path == "/troubled.xml" and self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self._answer(304)
            elif (FIXTURES / path.lstrip("/")).is_file() and "/" not in path.lstrip("/"):
                f = FIXTURES / path.lstrip("/")
                headers = {"Content-Type": TYPES[f.suffix]}
                if path == "/feed.xml":
                    headers["ETag"] = ETAG
                if path == "/troubled.xml":
                    headers["Last-Modified"] = LAST_MODIFIED
                body = f.read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")
                self._answer(200, body, headers | {"Content-Length": str(len(body))})
            else:
                self._answer(404, b"not found")

    return Handler


@pytest.fixture
def site():
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_port}"
    yield s
    server.shutdown()
    server.server_close()


def _config(base: str) -> WatchConfig:
    feeds = (FeedSpec(f"{base}/feed.xml", "Marsad test wire"), FeedSpec(f"{base}/troubled.xml"),
             FeedSpec(f"{base}/broken.xml"), FeedSpec(f"{base}/atom.xml"), FeedSpec(f"{base}/down.xml"))
    return WatchConfig(feeds, interval=60, timeout=TIMEOUT, max_bytes=MAX_BYTES, host_delay=HOST_DELAY)


def _problem(report, needle: str) -> str:
    found = [p for p in report.problems if needle in p]
    assert len(found) == 1, (needle, report.problems)
    return found[0]


def test_a_poll_stores_the_good_articles_and_reports_every_broken_thing(site, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    report = service.watch_poll(store, _config(site.base))
    b = site.base
    assert sorted(report.added) == sorted([f"{b}/a1.html", "jo-cell-2021-03-01", "urn:marsad:test:tn-dz-2021"])
    assert report.entries == 6 + 2 + 1  # feed.xml, troubled.xml, atom.xml; none from broken.xml or down.xml
    # one line per problem, naming the feed or page and why
    assert all("\n" not in p for p in report.problems)
    assert "redirect loop" in _problem(report, f"page {b}/loop:")
    assert "too large" in _problem(report, f"page {b}/huge.html:")
    assert "not Arabic" in _problem(report, f"page {b}/english.html:")
    assert "HTTP 404" in _problem(report, f"page {b}/gone.html:")
    assert "timed out" in _problem(report, f"page {b}/slow.html:")
    assert "HTTP 500" in _problem(report, f"page {b}/error500.html:")
    assert "malformed feed" in _problem(report, f"feed {b}/broken.xml: malformed")
    assert "has no link" in _problem(report, f"feed {b}/broken.xml: entry")  # what the lenient parser made of it
    assert "HTTP 500" in _problem(report, f"feed {b}/down.xml:")
    assert len(report.problems) == 9
    # the feed's knowledge fills what the page lacks; the page's own date and title win
    a1 = store.document(f"{b}/a1.html")
    assert a1.source.uri == f"{b}/a1.html" and a1.source.outlet == "Marsad test wire"
    assert a1.published == "2021-03-02" and a1.title == "شكري يستقبل سيالة في القاهرة"
    a3 = store.document("urn:marsad:test:tn-dz-2021")
    assert a3.published == "2021-03-04" and a3.source.outlet == "موجز أطوم تجريبي"
    assert any(e.type == "AGREE" for e in a3.events)
    assert report.resolution is not None and report.resolution.documents == 3
    # polite: consecutive requests to the one host start at least host_delay apart (a redirect's hops aside)
    starts = sorted(t for p, t, _ in site.requests if p != "/loop")
    assert min(b2 - a2 for a2, b2 in zip(starts, starts[1:], strict=False)) >= HOST_DELAY * 0.9


def test_the_next_poll_reuses_etag_and_last_modified_and_retries_only_passing_failures(site, tmp_path):
    db = tmp_path / "w.db"
    config = _config(site.base)
    service.watch_poll(Store(f"sqlite:///{db}"), config)
    before = Store(f"sqlite:///{db}").count()
    second = service.watch_poll(Store(f"sqlite:///{db}"), config)  # a new Store: the state is in the database
    assert second.added == [] and second.updated == [] and second.entries == 0
    assert second.not_modified == 2  # feed.xml by its ETag, troubled.xml by Last-Modified
    sent = [h for p, _, h in site.requests if p == "/feed.xml"]
    assert sent[1].get("If-None-Match") == ETAG and site.statuses("/feed.xml") == [200, 304]
    assert [h.get("If-Modified-Since") for p, _, h in site.requests if p == "/troubled.xml"] == [None,
                                                                                                    LAST_MODIFIED]
    # pages that can never give an article are not fetched again; the 500 and the timeout are
    for path in ("/a1.html", "/a2.html", "/english.html", "/gone.html", "/a3.html"):
        assert site.count(path) == 1, path
    assert site.count("/loop") == 1 + MAX_REDIRECTS  # one attempt: the first request and its redirects
    assert site.count("/error500.html") == 2 and site.count("/slow.html") == 2
    assert any("2 of 5 tries" in p for p in second.problems)
    # a broken feed keeps no validator: it is fetched whole again
    assert site.count("/broken.xml") == 2
    assert Store(f"sqlite:///{db}").count() == before


def test_watch_command_polls_once_and_reports_in_one_line_each(site, tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"timeout: {TIMEOUT}\nmax_bytes: {MAX_BYTES}\nhost_delay: 0.05\nfeeds:\n"
                     f"  - url: {site.base}/atom.xml\n    name: Atom wire\n  - {site.base}/broken.xml\n",
                     encoding="utf-8")
    db = tmp_path / "w.db"
    result = CliRunner().invoke(app, ["watch", str(feeds), "--once", "--db", str(db)])
    assert result.exit_code == 1, result.output  # a problem (the broken feed) was reported
    assert "2 feeds (0 not modified), 1 new entries: added 1" in result.output
    assert f"feed {site.base}/broken.xml: malformed feed" in result.output
    assert Store(f"sqlite:///{db}").document("urn:marsad:test:tn-dz-2021").source.outlet == "Atom wire"


def test_feed_list_is_checked_with_one_line_reasons(tmp_path):
    p = tmp_path / "feeds.yaml"
    p.write_text("- https://example.com/rss.xml\n- url: http://example.org/atom.xml\n  name: Org\n", encoding="utf-8")
    c = load_watch_config(p)
    assert c.feeds == (FeedSpec("https://example.com/rss.xml"), FeedSpec("http://example.org/atom.xml", "Org"))
    assert c.interval == 900 and c.host_delay == 2
    for text, needle in (("feeds: []\n", "'feeds:' list"), ("feeds:\n  - ftp://x/y\n", "not an http(s) URL"),
                         ("feeds: [http://a/b]\ntimeout: -1\n", "timeout"),
                         ("feeds: [http://a/b]\nintervall: 5\n", "unknown setting intervall"),
                         ("feeds: [http://a/b\n", "not YAML")):
        p.write_text(text, encoding="utf-8")
        with pytest.raises(WatchConfigError) as err:
            load_watch_config(p)
        assert needle in str(err.value) and "\n" not in str(err.value)


def test_fetcher_refuses_a_declared_oversize_body_before_reading_it(site):
    fetcher = Fetcher(timeout=TIMEOUT, max_bytes=100, host_delay=0)
    with pytest.raises(FetchError) as err:
        fetcher.get(f"{site.base}/a1.html")  # its Content-Length says too much: no body read
    assert "too large" in err.value.reason and not err.value.transient
    got = Fetcher(timeout=TIMEOUT, max_bytes=MAX_BYTES, host_delay=0).get(f"{site.base}/feed.xml")
    assert got.status == 200 and got.etag == ETAG
