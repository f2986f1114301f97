"""Identity of an article's content and the publication date form every layer shares."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
MAX_ID_BYTES = 1000  # a longer source id (a URL) is cut and given a hash: every database indexes it whole


def normalise_published(value: str | None) -> str | None:
    """Return YYYY-MM-DD from an ISO date or timestamp («2015-07-21», «2015-07-21T10:00:00Z») or an RFC 2822
    date («Tue, 21 Jul 2015 10:00:00 GMT», as feeds write them), or None when it names no real day."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    m = _ISO_DAY.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def document_id(source_id: str | None, digest: str) -> str:
    """Return a document's id: its source id (path, URL, the record's own id), one over MAX_ID_BYTES cut and
    ended with «~» and a hash of it whole; without one, «doc-» and the start of its content hash."""
    if not source_id:
        return f"doc-{digest[:16]}"
    if len(source_id.encode("utf-8")) <= MAX_ID_BYTES:
        return source_id
    head = source_id.encode("utf-8")[:MAX_ID_BYTES - 17].decode("utf-8", errors="ignore")
    return f"{head}~{hashlib.sha1(source_id.encode('utf-8')).hexdigest()[:16]}"


def impossible_day(value: str | None) -> bool:
    """Return whether `value` starts like an ISO day (YYYY-MM-DD) that does not exist, as «2021-02-30»."""
    m = _ISO_DAY.match(str(value or "").strip())
    if not m:
        return False
    try:
        date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return True
    return False


def content_hash(text: str) -> str:
    """Return the identity hash of a cleaned text (whitespace-insensitive)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
