"""Identity of an article's content and the publication date form every layer shares."""

from __future__ import annotations

import hashlib
import re

_ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


def normalise_published(value: str | None) -> str | None:
    """Return YYYY-MM-DD from an ISO-like date or timestamp, or None."""
    if not value:
        return None
    m = _ISO_DAY.match(value.strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def content_hash(text: str) -> str:
    """Return the identity hash of a cleaned text (whitespace-insensitive)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
