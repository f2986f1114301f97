"""`analyse(text, meta) -> Document`: the pure core that every front end calls."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from marsad.errors import InputError
from marsad.extract.metadata import extract_metadata
from marsad.model import Document, Source
from marsad.text.clean import clean_text
from marsad.text.normalize import ARABIC_LETTER, arabic_ratio
from marsad.text.segment import segment

# An Arabic outlet's film list is mostly Latin titles (6% Arabic letters in SaudiNewsNet) and a
# caption can be one name (12 letters): refuse only text with next to no Arabic at all.
MIN_ARABIC_SHARE = 0.05
MIN_ARABIC_LETTERS = 3

Stage = Callable[[Document], None]
_ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


def _stages() -> list[Stage]:
    from marsad.extract.entities import add_entities
    from marsad.extract.events import add_events
    from marsad.extract.quotes import add_quotes
    from marsad.extract.time import add_times

    return [add_entities, add_times, add_quotes, add_events]


def normalise_published(value: str | None) -> str | None:
    """Return YYYY-MM-DD from an ISO-like date or timestamp, or None."""
    if not value:
        return None
    m = _ISO_DAY.match(value.strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def content_hash(text: str) -> str:
    """Return the identity hash of a cleaned text (whitespace-insensitive)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def analyse(text: str, meta: dict[str, Any] | None = None) -> Document:
    """Return the analysed Document of one article's raw text; raise InputError if it is unusable.

    `meta` may carry id, title, url, published (YYYY-MM-DD…), outlet and author from the
    container (JSONL fields, HTML meta tags, the command line). No I/O happens here.
    """
    meta = meta or {}
    item = str(meta.get("id") or "article")
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise InputError(item, "empty after cleaning")
    letters = len(ARABIC_LETTER.findall(cleaned))
    share = arabic_ratio(cleaned)
    if letters < MIN_ARABIC_LETTERS or share < MIN_ARABIC_SHARE:
        raise InputError(item, f"not Arabic text ({letters} Arabic letters, {share:.0%} of all)")
    found = extract_metadata(cleaned)
    digest = content_hash(cleaned)
    published = normalise_published(meta.get("published"))
    origin = "metadata" if published else None
    if not published and found.dateline_date:
        published, origin = found.dateline_date, "dateline"
    doc = Document(
        id=str(meta.get("id") or f"doc-{digest[:16]}"),
        text=cleaned,
        title=meta.get("title") or found.title,
        source=Source(uri=meta.get("url"), outlet=meta.get("outlet") or found.outlet,
                      byline=meta.get("author") or found.byline, agencies=found.agencies),
        published=published,
        published_origin=origin,
        content_hash=digest,
        extra=dict(meta.get("extra") or {}),
    )
    if found.dateline_city or found.dateline_date:
        doc.dateline = {"city": found.dateline_city, "date": found.dateline_date,
                        "start": found.dateline_span[0] if found.dateline_span else None,
                        "end": found.dateline_span[1] if found.dateline_span else None}
    doc.sentences = segment(cleaned)
    for stage in _stages():
        stage(doc)
    return doc


def analyse_records(records: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[Document | InputError]:
    """Yield a Document (or the InputError) for each (text, meta) record, in order."""
    for text, meta in records:
        try:
            yield analyse(text, meta)
        except InputError as err:
            yield err
