"""The web app in a real headless Chromium (Debian's `chromium`, driven by Playwright; no browser download):
`marsad serve` on a store of the example articles and ../shared/seeds; from the overview to the evidence sentence
of an Egypt–Libya meeting in two clicks, in Arabic and in English, every view drawn, and not one request to an
address other than the server's. Screenshots go to build/screenshots/.

Without chromium (or Playwright) these tests skip, unless MARSAD_REQUIRE_SHARED=1 (CI), where that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from marsad import service
from marsad.store import Store
from tests.conftest import SHARED

SCREENSHOTS = Path(os.environ.get("MARSAD_SCREENSHOTS", Path(__file__).resolve().parents[1] / "build" / "screenshots"))
READY = "body[data-ready] #view[aria-busy=false]"  # the router sets these once a view is drawn
REQUIRED = os.environ.get("MARSAD_REQUIRE_SHARED") == "1"


def _missing(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"MARSAD_REQUIRE_SHARED=1 but {reason}")
    pytest.skip(reason)


def _chromium() -> str:
    for path in (os.environ.get("MARSAD_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if path and Path(path).is_file():
            return path
    _missing("chromium is not installed (apt-get install -y chromium)")
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    """A store of the shipped example articles, and of ../shared/seeds when they are there."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web-browser')}/web.db"
    st = Store(url)
    service.demo(st)
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        rows = (seeds / "published.tsv").read_text(encoding="utf-8").splitlines()
        published = dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
        for path in sorted(seeds.glob("*.txt")):
            service.ingest(service.read([str(path)]), st,
                           service.IngestOptions(published=published.get(path.name), resolve=False))
        service.resolve(st)
    st.close()
    return url


@pytest.fixture(scope="module")
def server(store_url):
    """`marsad serve` on the store, on a free loopback port; yields its base address."""
    yield from _serve(store_url)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """`marsad serve` on what `make demo` stores: the example articles alone."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web-demo')}/demo.db"
    service.demo(Store(url))
    yield from _serve(url)


def _serve(store_url: str):
    port = _free_port()
    env = {**os.environ, "MARSAD_API_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", store_url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        assert f"{base}/" in proc.stdout.readline()
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/api/stats", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("marsad serve never answered")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def api(base: str, path: str) -> dict:
    """The JSON of one API call, read outside the browser."""
    with urllib.request.urlopen(f"{base}/api/{path}", timeout=10) as r:
        return json.loads(r.read())


class Recorder:
    """Every request the page makes, those to other hosts (which are also refused), answers with an error status
    (`expected` lists paths allowed one) and script errors."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.expected: set[str] = set()

    def route(self, route) -> None:
        url = route.request.url
        self.urls.append(url)
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()

    def response(self, resp) -> None:
        if resp.status >= 400 and urlsplit(resp.url).path not in self.expected:
            self.failed.append(f"{resp.status} {resp.url}")

    def console(self, msg) -> None:
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):  # those are in `failed`
            self.errors.append(f"console: {msg.text}")


@pytest.fixture(scope="module")
def browser():
    chromium = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page (Arabic, the default) whose requests and errors are recorded; checked after each test."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="ar")
    rec = Recorder()
    context.route("**/*", rec.route)
    pg = context.new_page()
    pg.on("console", rec.console)
    pg.on("response", rec.response)
    pg.on("pageerror", lambda err: rec.errors.append(f"pageerror: {err}"))
    pg.set_default_timeout(20_000)
    pg.recorder = rec
    yield pg
    context.close()
    assert rec.urls, "the page made no request at all"
    assert not rec.outside, f"requests to other addresses: {rec.outside}"
    assert not rec.failed, rec.failed
    assert not rec.errors, rec.errors


def shot(pg, name: str, full: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full)


def visit(pg, base: str, route: str = "") -> None:
    pg.goto(f"{base}/{route}")
    pg.wait_for_selector(READY, state="attached")


def test_overview_draws_the_corpus_counts(page, server):
    visit(page, server)
    assert page.get_attribute("html", "lang") == "ar" and page.get_attribute("html", "dir") == "rtl"
    data = api(server, "overview")
    assert page.inner_text("#stats li:first-child strong") == str(data["events"])
    assert page.locator("#chart-type li").count() == len(data["by_type"])
    assert page.locator("#chart-context li").count() == len(data["by_context"])
    assert page.locator("#chart-month svg .col rect:not(.hit)").count() > 0
    assert page.locator("#open-pair").get_attribute("href") == "#/timeline?a=EG&b=LY"
    # a bar is a filter: picking a type shows only that type's counts
    page.click("#chart-type li:first-child a")
    page.wait_for_url("**type=*")
    page.wait_for_selector(READY, state="attached")
    assert page.locator("#chart-type li").count() == 1
    shot(page, "overview", full=True)


def test_three_clicks_from_the_overview_to_an_egypt_libya_meeting(page, server):
    if not (SHARED / "seeds").is_dir():
        _missing(f"{SHARED / 'seeds'} (the Egypt–Libya articles) is missing")
    visit(page, server)
    clicks = 0
    page.click("#open-pair")  # 1: the Egypt–Libya card of the overview
    clicks += 1
    page.wait_for_selector("#timeline .tl-item")
    page.wait_for_selector(READY, state="attached")
    timeline = api(server, "timeline?a=EG&b=LY&limit=200")
    assert page.locator("#timeline .tl-item").count() == len(timeline["items"]) >= 3
    assert page.get_attribute("#timeline .tl-item:first-child", "data-id") == timeline["items"][0]["id"]
    shot(page, "timeline")

    link = page.locator('#timeline .tl-item[data-type="CONSULT"] a.evidence').first
    doc_id, event_id = link.get_attribute("data-doc"), link.get_attribute("data-event")
    link.click()  # 2: the evidence of the first meeting
    clicks += 1
    page.wait_for_selector(".seg.ev.sel")
    doc = api(server, f"documents/{quote(doc_id)}")
    event = next(e for e in doc["events"] if e["id"] == event_id)
    assert event["type"] == "CONSULT"
    marked = page.locator("#article-text .seg.ev.sel")
    assert "".join(marked.all_inner_texts()) == event["evidence"]["text"]
    box, view = marked.first.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] < view["height"], "the evidence sentence is not scrolled into view"
    page.wait_for_selector("#event-sources .corroboration")
    record = api(server, f"events/{doc['event_ids'][event_id]}")
    assert record["canonical"]["id"] in {r["id"] for r in timeline["items"]}
    assert str(record["canonical"]["corroboration"]) in page.inner_text("#event-sources .corroboration")
    assert page.locator('#event-list button[aria-pressed="true"]').get_attribute("data-event") == event_id
    assert clicks <= 3
    shot(page, "article")

    page.click("#lang-toggle")  # English: the interface changes, the data and the selection stay
    page.wait_for_selector("html[lang=en][dir=ltr]")
    page.wait_for_selector(".seg.ev.sel")
    assert page.inner_text("#nav-timeline") == "Timeline"
    assert "Date" in page.inner_text("#event-fields")
    assert "".join(page.locator("#article-text .seg.ev.sel").all_inner_texts()) == event["evidence"]["text"]
    assert page.get_attribute("#article-text", "dir") == "rtl"
    shot(page, "article-en")
    page.click("#nav-overview")
    page.wait_for_selector("#open-pair")
    assert "Egypt" in page.inner_text("#open-pair") and "Libya" in page.inner_text("#open-pair")
    assert page.evaluate("localStorage.getItem('marsad.lang')") == "en"  # the choice is kept


def test_network_map_actor_and_search_views(page, server):
    visit(page, server, "#/network")
    net = api(server, "network")
    nodes = page.locator("#network .node")
    assert nodes.count() == len({i for e in net["edges"] for i in (e["source"], e["target"])}) > 0
    nodes.first.click()
    page.wait_for_selector("#net-detail h3")
    page.locator("#network .edge").first.click()
    page.wait_for_selector("#net-detail .sample a.evidence")
    shot(page, "network")

    visit(page, server, "#/map")
    assert page.locator("#map path.country").count() > 150  # the shipped world outline
    places = api(server, "places")
    assert 0 < page.locator("#map circle.place").count() <= len(places["items"])
    page.locator("#map circle.place").first.click()
    page.wait_for_selector("#map-detail .sample a.evidence")
    shot(page, "map")

    person = next(a for a in api(server, "actors?limit=50")["items"] if a["roles"])
    visit(page, server, f"#/actor/{person['kb_id']}")
    assert person["name"] in page.inner_text("h1")
    assert page.locator("#actor-roles tbody tr").count() == len(api(server, f"actors/{person['kb_id']}")["roles"])
    page.locator("#actor-events a.evidence").first.click()
    page.wait_for_selector(".seg.ev.sel")
    shot(page, "actor-event")

    page.fill("#top input[name=q]", "الصفدى")  # another spelling of «الصفدي»
    page.press("#top input[name=q]", "Enter")
    page.wait_for_selector("#hits li")
    assert page.locator("#hits li mark").count() >= 1
    page.click("#hits li a.title")
    page.wait_for_selector(".seg.hit")
    shot(page, "search-hit")


def test_english_from_the_start_and_a_bad_route(page, server):
    visit(page, server, "#/actors")
    page.click("#lang-toggle")
    page.wait_for_selector("html[lang=en]")
    page.wait_for_selector("#actors tbody tr")
    assert page.inner_text("#nav-actors") == "Actors"
    latin = [x for x in page.locator("#actors tbody tr td:nth-child(2)").all_inner_texts() if x.strip()]
    assert latin and not any(re.search("[\u0600-\u06ff]", x) for x in latin)  # the Latin names the API gives
    visit(page, server, "#/nowhere")
    assert page.inner_text("h1") == "No such page"
    page.recorder.expected.add("/api/documents/no-such-document")
    visit(page, server, "#/doc/no-such-document")
    assert "no such document" in page.inner_text(".error")


def test_make_demo_alone_reaches_an_egypt_libya_meeting(page, demo_server):
    """The issue's walkthrough on the store `make demo` builds (the shipped examples only): overview → the
    Egypt–Libya card → the evidence sentence of a meeting, in at most three clicks."""
    visit(page, demo_server)
    assert not page.inner_text("#open-pair .count").startswith("0")
    page.click("#open-pair")  # 1
    page.wait_for_selector("#timeline .tl-item")
    link = page.locator('#timeline .tl-item[data-type="CONSULT"] a.evidence').first
    doc_id, event_id = link.get_attribute("data-doc"), link.get_attribute("data-event")
    link.click()  # 2
    page.wait_for_selector(".seg.ev.sel")
    event = next(e for e in api(demo_server, f"documents/{quote(doc_id)}")["events"] if e["id"] == event_id)
    assert event["type"] == "CONSULT"
    assert "".join(page.locator("#article-text .seg.ev.sel").all_inner_texts()) == event["evidence"]["text"]


