"""Validation of the API's query parameters: each bad value becomes a ParamError with one clear line."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from marsad import service

MAX_PAGE = 200  # items a page may hold: larger requests are refused, not silently cut
DEFAULT_PAGE = 50
MAX_QUERY = 200  # characters of a full-text query
ID_PATTERN = r"^[A-Za-z0-9_.:/-]{1,240}$"  # actor, story and document ids as Marsad writes them
_MODE = re.compile(r"^[a-z][a-z_-]{0,31}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ParamError(ValueError):
    """A query parameter with a bad value; the message names it and says what is accepted."""


@cache
def _vocabulary() -> dict:
    return service.vocabulary()


def day(name: str, value: str | None) -> str | None:
    """Return a YYYY-MM-DD date that exists in the calendar, or raise ParamError naming the parameter."""
    if value is None:
        return None
    if not _DATE.match(value):
        raise ParamError(f"{name}: not a YYYY-MM-DD date: {value}")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ParamError(f"{name}: no such date: {value}") from None
    return value


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Return checked (since, until); raise ParamError when either is bad or since comes after until."""
    since, until = day("since", since), day("until", until)
    if since and until and since > until:
        raise ParamError(f"since ({since}) is after until ({until})")
    return since, until


def _one_of(name: str, values: list[str] | None, valid: list[str] | dict, upper: bool = False) -> tuple[str, ...]:
    out = []
    for v in values or ():
        v = v.strip().upper() if upper else v.strip()
        if v not in valid:
            raise ParamError(f"{name}: unknown value {v!r}; valid: {', '.join(valid)}")
        out.append(v)
    return tuple(dict.fromkeys(out))


def event_types(values: list[str] | None) -> tuple[str, ...]:
    """Return PLOVER event types (upper-cased), or raise ParamError listing the valid ones."""
    return _one_of("type", values, _vocabulary()["event_types"], upper=True)


def countries(name: str, values: list[str] | None) -> tuple[str, ...]:
    """Return ISO country codes known to Marsad (upper-cased), or raise ParamError listing them."""
    return _one_of(name, values, _vocabulary()["countries"], upper=True)


def contexts(values: list[str] | None) -> tuple[str, ...]:
    """Return context ids, or raise ParamError listing the valid ones."""
    return _one_of("context", values, _vocabulary()["contexts"])


def modality(value: str | None) -> str | None:
    """Return a modality, or raise ParamError listing the valid ones."""
    return _one_of("modality", [value], _vocabulary()["modalities"])[0] if value else None


def modes(values: list[str] | None) -> tuple[str, ...]:
    """Return event mode names (lower-case words such as «visit»), or raise ParamError for anything else."""
    for m in values or ():
        if not _MODE.match(m):
            raise ParamError(f"mode: not a mode name: {m!r}")
    return tuple(dict.fromkeys(values or ()))
