"""Small SQL helpers for resolution: long IN (...) lists in chunks."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

CHUNK = 500  # ids per IN (...) clause


def chunks(items: Iterable, n: int = CHUNK) -> Iterable[list]:
    """Yield the items in lists of at most `n`."""
    items = list(items)
    for i in range(0, len(items), n):
        yield items[i:i + n]


def select_in(s: Session, query, column, values: Iterable) -> list:
    """Return the rows of `query` where `column` is one of `values`, asking in chunks."""
    out = []
    for part in chunks(set(values)):
        out.extend(s.execute(query.where(column.in_(part))).all())
    return out




def like_escaped(s: str) -> str:
    """Return `s` with the LIKE wildcards (and the escape character) escaped by a backslash (use escape="\\")."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
