"""Dates as the store keeps them: a SQL DATE (the first day of a period) and its precision.

A document's publication date is a day. An event's date is a day, a week (its first day), a month or a year;
it is stored as the period's first day plus the precision and shown again as «2015-08-02», «2015-08» or «2015».
Date bounds (`--since`, `--until`: YYYY, YYYY-MM or YYYY-MM-DD) become the first day of the `since` period and
the last day of the `until` period, so comparisons are on dates on every database, never on strings.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
PRECISIONS = ("day", "week", "month", "year")


class IsoDate(TypeDecorator):
    """A SQL DATE read and written as «YYYY-MM-DD» strings (what the rest of Marsad passes around)."""

    impl = Date
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Return the date to store: a date, or None; raises ValueError for a string that is no real day."""
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(str(value)[:10])

    def process_result_value(self, value, dialect):
        """Return the stored date as «YYYY-MM-DD», or None."""
        return None if value is None else value.isoformat()


def real_day(value: str | None) -> str | None:
    """Return «YYYY-MM-DD» when `value` starts with a real calendar day in that form, else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat() if len(value.strip()) >= 10 else None
    except ValueError:
        return None


def period_start(value: str | None, precision: str | None = None) -> tuple[str | None, str | None]:
    """Return (first day «YYYY-MM-DD», precision) of a date value «YYYY», «YYYY-MM» or «YYYY-MM-DD».

    The precision is the one given (day, week, month, year) or the one the form says; a value that names no
    real period («--03-05», a day that does not exist, text) gives (None, None): the event is undated.
    """
    m = _PERIOD.fullmatch(value.strip()) if value else None
    if not m:
        return None, None
    try:
        start = date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None, None
    implied = "day" if m[3] else "month" if m[2] else "year"
    if precision not in PRECISIONS or (implied != "day" and precision in ("day", "week")):
        precision = implied
    return start.isoformat(), precision


def period_text(start: str | None, precision: str | None) -> str | None:
    """Return the date value shown for a stored first day and precision: «2015-08-02», «2015-08» or «2015»."""
    if start is None:
        return None
    if precision == "year":
        return start[:4]
    if precision == "month":
        return start[:7]
    return start


def bound_start(value: str | None) -> str | None:
    """Return the first day of a `since` bound (YYYY, YYYY-MM or YYYY-MM-DD), or None."""
    return period_start(value)[0]


def bound_end(value: str | None) -> str | None:
    """Return the last day of an `until` bound (YYYY, YYYY-MM or YYYY-MM-DD), or None."""
    start, precision = period_start(value)
    if start is None:
        return None
    day = date.fromisoformat(start)
    if precision == "year":
        return date(day.year, 12, 31).isoformat()
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1]).isoformat()
    return start


class iso_text(FunctionElement):  # lower case: used like the SQL functions of sqlalchemy.func
    """SQL for a DATE column as «YYYY-MM-DD» text, on every database (to group events by «YYYY» or «YYYY-MM»
    with substr)."""

    type = String()
    inherit_cache = True
    name = "iso_text"


@compiles(iso_text)
def _iso_text(element, compiler, **kw) -> str:  # SQLite keeps a DATE as that text already
    return compiler.process(element.clauses, **kw)


@compiles(iso_text, "postgresql")
def _iso_text_pg(element, compiler, **kw) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"
