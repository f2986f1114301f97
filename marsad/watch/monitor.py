"""One poll of `marsad watch`: fetch each feed (conditionally), fetch the pages of entries not seen before, extract
each article (trafilatura), store it, and link what changed; every problem is one line and none stops the poll.

Each feed's state (ETag, Last-Modified, the entries seen, the pages to try again) lives in the store's
`marsad_meta` table and is saved after every entry, so a poll cut short loses nothing. A page that failed for a
passing reason (a timeout, a 5xx, a refused connection) is tried again at the next polls, up to MAX_TRIES times;
one that can never give an article (a 404, a redirect loop, too large, not Arabic, no article text) is not.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from typing import Any

from marsad.errors import InputError
from marsad.ingest.decode import decode_bytes
from marsad.ingest.html import read_html
from marsad.ingest.readers import RawArticle
from marsad.store import Store
from marsad.store.meta import meta_key, read_json, write_json
from marsad.watch.config import FeedSpec, WatchConfig
from marsad.watch.fetch import Fetcher, FetchError

MAX_SEEN = 5000  # entry keys remembered per feed: far more than a feed lists at once
MAX_TRIES = 5  # polls a page failing for a passing reason is tried at, before it is given up
PAGE_TYPES = ("html", "xml", "text/plain")


@dataclass(slots=True)
class PollReport:
    """What one poll did: feeds polled and not modified, new entries, documents stored, one line per problem."""

    feeds: int = 0
    not_modified: int = 0
    entries: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    resolution: Any = None  # the ResolutionSummary when something was stored

    def line(self) -> str:
        """Return the one-line summary of the poll."""
        return (f"{self.feeds} feeds ({self.not_modified} not modified), {self.entries} new entries: "
                f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}; "
                f"{len(self.problems)} problems")


def poll(store: Store, config: WatchConfig, fetcher: Fetcher | None = None) -> PollReport:
    """Poll every feed once, store the new articles and resolve what changed; return what happened."""
    from marsad import service

    own = fetcher is None
    fetcher = fetcher or Fetcher(config.timeout, config.max_bytes, config.host_delay, config.user_agent)
    report = PollReport()
    try:
        for feed in config.feeds:
            report.feeds += 1
            _poll_feed(store, feed, fetcher, report)
    finally:
        if own:
            fetcher.close()
        if report.added or report.updated:
            report.resolution = service.resolve(store)
    return report


def _poll_feed(store: Store, feed: FeedSpec, fetcher: Fetcher, report: PollReport) -> None:
    import feedparser

    key = meta_key("watch", feed.url)
    state: dict[str, Any] = read_json(store, key) or {}
    state["url"] = feed.url
    seen: list[str] = list(state.get("seen", []))
    retry: dict[str, dict] = dict(state.get("retry", {}))
    try:
        got = fetcher.get(feed.url, state.get("etag"), state.get("modified"))
    except FetchError as err:
        report.problems.append(f"feed {feed.url}: {err.reason}")
        got = None
    if got is not None and got.status == 304:
        report.not_modified += 1
    elif got is not None:
        parsed = feedparser.parse(io.BytesIO(got.body), response_headers={
            "content-location": got.url, "content-type": got.content_type or "application/xml"})
        if parsed.bozo:
            why = f"{type(parsed.bozo_exception).__name__}: {str(parsed.bozo_exception)[:120]}"
            n = len(parsed.entries)
            read = f"; {n} entr{'y' if n == 1 else 'ies'} read from it anyway" if n else ""
            report.problems.append(f"feed {feed.url}: malformed feed ({why}){read}")
        if parsed.entries:
            # the validators are kept only for a feed that could be read, so a broken one is fetched whole again
            state["etag"], state["modified"] = got.etag, got.modified
        known = set(seen) | set(retry)
        outlet = feed.name or parsed.feed.get("title")
        for n, entry in enumerate(parsed.entries, 1):
            link = entry.get("link")
            ident = entry.get("id") or link
            if not link or not ident:
                report.problems.append(f"feed {feed.url}: entry {n} has no link")
                continue
            if ident in known:
                continue
            known.add(ident)
            report.entries += 1
            published = entry.get("published_parsed") or entry.get("updated_parsed")
            retry[ident] = {"link": link, "title": entry.get("title"), "outlet": outlet, "tries": 0,
                            "published": f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
                            if published else None}
    for ident, pending in list(retry.items()):
        done = _take_page(store, ident, pending, feed, fetcher, report)
        if done:
            del retry[ident]
            seen.append(ident)
        state["seen"], state["retry"] = seen[-MAX_SEEN:], retry
        write_json(store, key, state)
    state["seen"], state["retry"], state["polled"] = seen[-MAX_SEEN:], retry, time.strftime("%Y-%m-%dT%H:%M:%S%z")
    write_json(store, key, state)


def _take_page(store: Store, ident: str, pending: dict, feed: FeedSpec, fetcher: Fetcher,
               report: PollReport) -> bool:
    """Fetch, extract and store one entry's page; return False when it should be tried again at the next poll."""
    from marsad import service

    link = pending["link"]
    try:
        page = fetcher.get(link)
    except FetchError as err:
        if err.transient:
            pending["tries"] += 1
            if pending["tries"] < MAX_TRIES:
                report.problems.append(f"page {link}: {err.reason} (will try again, {pending['tries']} of "
                                       f"{MAX_TRIES} tries)")
                return False
            report.problems.append(f"page {link}: {err.reason}; given up after {MAX_TRIES} tries")
            return True
        report.problems.append(f"page {link}: {err.reason}")
        return True
    kind = (page.content_type or "text/html").split(";")[0].strip().lower()
    if not any(t in kind for t in PAGE_TYPES):
        report.problems.append(f"page {link}: not an HTML page ({kind})")
        return True
    try:
        article = read_html(decode_bytes(page.body, link), link)
    except InputError as err:
        report.problems.append(f"page {link}: {err.reason}")
        return True
    _fill(article, ident, pending, feed)
    result = service.ingest([article], store, service.IngestOptions(resolve=False))
    if result.interrupted:  # ingest stops quietly on Ctrl-C; the watch loop must stop too
        raise KeyboardInterrupt
    report.added += result.added
    report.updated += result.updated
    report.unchanged += result.unchanged
    report.problems += [f"page {line}" for line in result.skipped]
    return True


def _fill(article: RawArticle, ident: str, pending: dict, feed: FeedSpec) -> None:
    """Give the page's article what the feed knows and the page lacks: id, link, title, date, outlet."""
    article.id = ident
    article.url = pending["link"]
    article.title = article.title or pending.get("title")
    article.published = article.published or pending.get("published")
    article.outlet = feed.name or article.outlet or pending.get("outlet")
