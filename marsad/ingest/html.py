"""HTML pages: main text and title via trafilatura, publication date from meta tags only."""

from __future__ import annotations

import re

from marsad.errors import InputError
from marsad.ingest.readers import RawArticle

_META_DATE = re.compile(
    r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|og:published_time|"
    r"datePublished|pubdate|publishdate|date|dc\.date|DC\.date\.issued|sailthru\.date)[\"'][^>]*>",
    re.I,
)
_CONTENT = re.compile(r"content=[\"']([^\"']+)[\"']", re.I)
_TIME_TAG = re.compile(r"<time[^>]+datetime=[\"'](\d{4}-\d\d-\d\d)", re.I)
_ISO_DAY = re.compile(r"(\d{4}-\d\d-\d\d)")


def meta_published(html: str) -> str | None:
    """Return the YYYY-MM-DD publication date declared in the page's meta tags, or None.

    Dates guessed from body text are not trusted: they are often a related story's date.
    """
    for tag in _META_DATE.finditer(html):
        content = _CONTENT.search(tag.group(0))
        if content and (day := _ISO_DAY.search(content.group(1))):
            return day.group(1)
    t = _TIME_TAG.search(html)
    return t.group(1) if t else None


def read_html(html: str, item: str, stem: str | None = None) -> RawArticle:
    """Return the article in an HTML page; raise InputError when no main text can be found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True)
    except Exception as err:  # trafilatura raises many kinds on broken markup
        raise InputError(item, f"unreadable HTML ({type(err).__name__})") from err
    if doc is None:
        raise InputError(item, "no article text found in HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not any(c.isalpha() for c in text):
        raise InputError(item, "no article text found in HTML")
    title = data.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return RawArticle(item=item, text=text, id=stem, title=title, url=data.get("url"),
                      published=meta_published(html), outlet=data.get("sitename"),
                      author=data.get("author"), fmt="html")
