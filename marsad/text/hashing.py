"""Identity of an article's content and the publication date form every layer shares."""

from __future__ import annotations

import hashlib
import re
from datetime import date

_ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


def normalise_published(value: str | None) -> str | None:
    """Return YYYY-MM-DD from an ISO-like date or timestamp naming a real day, or None."""
    if not value:
        return None
    m = _ISO_DAY.match(str(value).strip())
    if not m or impossible_day(str(value)):
        return None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


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
