"""RSS and Atom feeds via feedparser: one article per entry."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator

from marsad.errors import InputError
from marsad.ingest.readers import RawArticle

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|br|div|li|h\d)[^>]*>", re.I)


def _plain(fragment: str) -> str:
    return htmllib.unescape(_TAG.sub("", _BLOCK.sub("\n", fragment))).strip()


def read_feed(data: bytes, item: str) -> Iterator[RawArticle | InputError]:
    """Yield one RawArticle per feed entry (InputError for the feed or for empty entries)."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        yield InputError(item, "no entries in feed" if not parsed.bozo else
                         f"malformed feed ({type(parsed.bozo_exception).__name__})")
        return
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{item}#{i}"
        body = ""
        if entry.get("content"):
            body = _plain(entry["content"][0].get("value", ""))
        body = body or _plain(entry.get("summary", ""))
        title = entry.get("title")
        if not body:
            yield InputError(where, "feed entry has no text")
            continue
        published = None
        if entry.get("published_parsed"):
            p = entry["published_parsed"]
            published = f"{p.tm_year:04d}-{p.tm_mon:02d}-{p.tm_mday:02d}"
        yield RawArticle(item=where, text=f"{title}\n\n{body}" if title else body,
                         id=entry.get("id") or entry.get("link"), title=title, url=entry.get("link"),
                         published=published, outlet=outlet, fmt="feed")
